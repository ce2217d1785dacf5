// Everything the patient reads about a problem is decided here, once: error codes from the server become plain
// language that says what to do next, in the patient's language (the words are in messages/*.json). Also the small
// formatting helpers the page shows (times, call timer).

import { locale, t } from './i18n.js';

/**
 * @typedef {{kind: string, title: string, text: string, action?: string}} Notice
 *   A full-page message; `action` labels the button that offers the next step, when there is one.
 */

const wrongLink = () => ({ kind: 'wrong-link', title: t('notice.wrongLink.title'), text: t('notice.wrongLink.text') });

/**
 * The page for an error code from the REST API or the room socket.
 * @param {string} code an ErrorCode name
 * @returns {Notice}
 */
export function noticeForCode(code) {
  switch (code) {
    case 'TOKEN_EXPIRED':
      return { kind: 'expired', title: t('notice.expired.title'), text: t('notice.expired.text') };
    case 'LINK_REPLACED':
      return { kind: 'link-replaced', title: t('notice.linkReplaced.title'), text: t('notice.linkReplaced.text') };
    case 'TOKEN_REVOKED':
    case 'INVALID_TOKEN':
    case 'WRONG_APPOINTMENT':
    case 'FORBIDDEN':
    case 'APPOINTMENT_NOT_FOUND':
    case 'BAD_REQUEST':
      return wrongLink();
    case 'APPOINTMENT_CANCELLED':
      return { kind: 'cancelled', title: t('notice.cancelled.title'), text: t('notice.cancelled.text') };
    case 'PAYMENT_REQUIRED':
      return {
        kind: 'unpaid', title: t('notice.unpaid.title'), text: t('notice.unpaid.text'),
        action: t('notice.unpaid.action'),
      };
    case 'REPLACED_BY_NEW_CONNECTION':
      return {
        kind: 'replaced', title: t('notice.replaced.title'), text: t('notice.replaced.text'),
        action: t('notice.replaced.action'),
      };
    case 'RATE_LIMITED':
      return { kind: 'busy', title: t('notice.busy.title'), text: t('notice.busy.text'), action: t('notice.tryAgain') };
    default:
      return {
        kind: 'server', title: t('notice.server.title'), text: t('notice.server.text'), action: t('notice.tryAgain'),
      };
  }
}

/** The page for a link without appointment number or token. */
export const wrongLinkNotice = () => wrongLink();

/** @returns {Notice} */
export function networkNotice() {
  return {
    kind: 'offline', title: t('notice.offline.title'), text: t('notice.offline.text'), action: t('notice.tryAgain'),
  };
}

/**
 * The page after a call ended, or when the link of an ended consultation is opened. A call can be started again,
 * because a dropped line or a mistaken hang-up happens.
 * @param {string | undefined} endedAt ISO time
 * @param {string | undefined} endedBy 'doctor' | 'patient'
 * @param {string} doctorName
 * @param {string} [loc] locale for the time; the patient's by default
 * @returns {Notice}
 */
export function endedNotice(endedAt, endedBy, doctorName, loc) {
  const when = endedAt ? formatWhen(endedAt, loc) : '';
  const key = endedBy === 'doctor' ? 'notice.ended.byDoctor' : endedBy === 'patient' ? 'notice.ended.byYou'
    : 'notice.ended.byNobody';
  // Without a time the sentence closes up around the empty slot ("The consultation ended.").
  const who = t(key, { doctor: doctorName || t('doctor.fallbackTitle'), when }).replace(/\s+([.。])/u, '$1')
    .replace(/\s{2,}/g, ' ');
  return {
    kind: 'ended',
    title: doctorName ? t('notice.ended.title', { doctor: doctorName }) : t('notice.ended.titleNoDoctor'),
    text: `${who} ${t('notice.ended.again')}`,
    action: t('notice.ended.action'),
  };
}

/**
 * The doctor declined the waiting patient: their words, and a way to knock again.
 * @param {string} reason the doctor's words
 * @param {string} [doctorName]
 * @returns {Notice}
 */
export function declinedNotice(reason, doctorName) {
  const doctor = doctorName || t('doctor.fallbackTitle');
  return {
    kind: 'declined',
    title: t('notice.declined.title', { doctor }),
    text: `${t('notice.declined.text', { doctor, reason })} ${t('notice.declined.again')}`,
    action: t('notice.declined.action'),
  };
}

/**
 * Time of day, e.g. "14:05".
 * @param {string} iso
 * @param {string} [locale]
 */
export function formatClock(iso, loc = locale()) {
  return new Date(iso).toLocaleTimeString(loc, { hour: '2-digit', minute: '2-digit' });
}

/**
 * "at 14:05" today, "on Monday, 23 November at 14:05" another day.
 * @param {string} iso
 * @param {string} [locale]
 * @param {Date} [now]
 */
export function formatWhen(iso, loc = locale(), now = new Date()) {
  const d = new Date(iso);
  const time = formatClock(iso, loc);
  if (d.toDateString() === now.toDateString()) return t('notice.ended.atTime', { time });
  const day = d.toLocaleDateString(loc, { weekday: 'long', day: 'numeric', month: 'long' });
  return t('notice.ended.onDay', { day, time });
}

/**
 * When an appointment is, in the patient's words and time zone: "Monday, 23 November 2026 at 14:00",
 * "Montag, 23. November 2026 um 14:00".
 * @param {string} iso
 * @param {string} [loc]
 */
export function formatAppointmentTime(iso, loc = locale()) {
  return new Intl.DateTimeFormat(loc, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
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
  if ((media === 'failed' || media === 'disconnected') && signaling === 'reconnecting') {
    // Media and the server both gone: this side's own network is down, not just the path to the doctor.
    return { short: t('connection.lost.short'), text: t('connection.lost.text'), tone: 'bad' };
  }
  if (media === 'failed' || media === 'disconnected') {
    return { short: t('connection.reconnecting.short'), text: t('connection.reconnecting.text'), tone: 'bad' };
  }
  if (signaling === 'reconnecting') {
    return { short: t('connection.offline.short'), text: t('connection.offline.text'), tone: 'bad' };
  }
  if (signaling === 'connecting') return { short: t('connection.connecting'), text: t('connection.connecting'), tone: 'busy' };
  if (media === 'new' || media === 'connecting') {
    return { short: t('connection.connecting'), text: t('connection.connectingCall'), tone: 'busy' };
  }
  const short = media === 'connected' ? t('connection.connected') : t('connection.online');
  return { short, text: short, tone: 'ok' };
}
