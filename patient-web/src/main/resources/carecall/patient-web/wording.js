// Everything the patient reads about a problem is written here, once: error codes from the server become plain
// language that says what to do next. Also the small formatting helpers the page shows (times, call timer).

/**
 * @typedef {{kind: string, title: string, text: string, action?: string}} Notice
 *   A full-page message; `action` labels the button that offers the next step, when there is one.
 */

const WRONG_LINK = {
  kind: 'wrong-link',
  title: 'This link does not work',
  text: 'Please open the link exactly as you received it in your appointment message, including everything after '
    + 'the question mark. If it still does not work, ask your clinic to send you a new link.',
};

/**
 * The page for an error code from the REST API or the room socket.
 * @param {string} code an ErrorCode name
 * @returns {Notice}
 */
export function noticeForCode(code) {
  switch (code) {
    case 'TOKEN_EXPIRED':
      return {
        kind: 'expired',
        title: 'This link has expired',
        text: 'Links to a consultation only work for a limited time. Ask your clinic to send you a new link, '
          + 'then open that one. You do not need a password or an account.',
      };
    case 'INVALID_TOKEN':
    case 'WRONG_APPOINTMENT':
    case 'FORBIDDEN':
    case 'APPOINTMENT_NOT_FOUND':
    case 'BAD_REQUEST':
      return WRONG_LINK;
    case 'PAYMENT_REQUIRED':
      return {
        kind: 'unpaid',
        title: 'This appointment is not paid yet',
        text: 'The video call opens once the appointment is paid. Please complete the payment with your clinic, '
          + 'then open this link again.',
        action: 'Check again',
      };
    case 'REPLACED_BY_NEW_CONNECTION':
      return {
        kind: 'replaced',
        title: 'This consultation is open somewhere else',
        text: 'You opened this link in another tab or on another device. Continue there, or use this window instead.',
        action: 'Use this window',
      };
    case 'RATE_LIMITED':
      return {
        kind: 'busy',
        title: 'Too many attempts',
        text: 'Please wait a minute, then try again.',
        action: 'Try again',
      };
    default:
      return {
        kind: 'server',
        title: 'Something went wrong on our side',
        text: 'Please try again in a minute. If it keeps happening, call your clinic.',
        action: 'Try again',
      };
  }
}

/** The page for a link without appointment number or token. */
export const wrongLinkNotice = () => WRONG_LINK;

/** @returns {Notice} */
export function networkNotice() {
  return {
    kind: 'offline',
    title: 'We cannot reach CareCall',
    text: 'Check that your phone or computer is connected to the internet, then try again.',
    action: 'Try again',
  };
}

/**
 * The page after a call ended, or when the link of an ended consultation is opened. A call can be started again,
 * because a dropped line or a mistaken hang-up happens.
 * @param {string | undefined} endedAt ISO time
 * @param {string | undefined} endedBy 'doctor' | 'patient'
 * @param {string} doctorName
 * @param {string} [locale]
 * @returns {Notice}
 */
export function endedNotice(endedAt, endedBy, doctorName, locale) {
  const when = endedAt ? ` ${formatWhen(endedAt, locale)}` : '';
  const who = endedBy === 'doctor' ? `${doctorName || 'Your doctor'} ended the consultation${when}.`
    : endedBy === 'patient' ? `You ended the consultation${when}.`
      : `The consultation ended${when}.`;
  return {
    kind: 'ended',
    title: doctorName ? `Your consultation with ${doctorName} has ended` : 'Your consultation has ended',
    text: `${who} If the call dropped or was ended by mistake, you can start it again.`,
    action: 'Start the call again',
  };
}

/**
 * Time of day, e.g. "14:05".
 * @param {string} iso
 * @param {string} [locale]
 */
export function formatClock(iso, locale) {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/**
 * "at 14:05" today, "on Monday, 23 November at 14:05" another day.
 * @param {string} iso
 * @param {string} [locale]
 * @param {Date} [now]
 */
export function formatWhen(iso, locale, now = new Date()) {
  const d = new Date(iso);
  if (d.toDateString() === now.toDateString()) return `at ${formatClock(iso, locale)}`;
  const day = d.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long' });
  return `on ${day} at ${formatClock(iso, locale)}`;
}

/**
 * When an appointment is, e.g. "Monday, 23 November 2026 at 14:00".
 * @param {string} iso
 * @param {string} [locale]
 */
export function formatAppointmentTime(iso, locale) {
  const d = new Date(iso);
  const day = d.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return `${day} at ${formatClock(iso, locale)}`;
}

/**
 * The call timer: "0:07", "12:34", "1:02:03".
 * @param {number} seconds
 */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/**
 * What the connection indicator says, from the room socket's state and the peer connection's state: `short` for
 * the badge in the header, `text` for the banner over the call.
 * @param {string} signaling 'connecting' | 'registered' | 'reconnecting' | 'stopped'
 * @param {string | null} media RTCPeerConnectionState, 'unreachable' when no candidate could be gathered, or null
 *   before the call
 * @returns {{short: string, text: string, tone: 'ok'|'busy'|'bad'}}
 */
export function connectionText(signaling, media) {
  if (media === 'unreachable') {
    return {
      short: 'Cannot connect',
      text: 'The call cannot connect: your network blocks the connection to the video service. Try another network '
        + '(for example mobile data instead of Wi-Fi), or call your clinic.',
      tone: 'bad',
    };
  }
  if (media === 'failed' || media === 'disconnected') {
    return { short: 'Reconnecting…', text: 'Connection lost. Reconnecting the call…', tone: 'bad' };
  }
  if (signaling === 'reconnecting') {
    return { short: 'Offline', text: 'Connection to CareCall lost. Trying again every 3 seconds…', tone: 'bad' };
  }
  if (signaling === 'connecting') return { short: 'Connecting…', text: 'Connecting…', tone: 'busy' };
  if (media === 'new' || media === 'connecting') {
    return { short: 'Connecting…', text: 'Connecting the call…', tone: 'busy' };
  }
  const short = media === 'connected' ? 'Connected' : 'Online';
  return { short, text: short, tone: 'ok' };
}
