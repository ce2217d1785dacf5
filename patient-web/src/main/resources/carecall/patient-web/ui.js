// The page's DOM: which view shows, and what each element says. No call logic here; app.js decides, ui.js draws.

import { formatAppointmentTime, formatClock } from './wording.js';
import { LANGUAGE_NAMES, LANGUAGES, t } from './i18n.js';

export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const VIEWS = ['loading', 'notice', 'precall', 'call'];
/** Where keyboard and screen reader focus lands when a view appears: its heading. */
const VIEW_HEADINGS = { notice: 'notice-title', precall: 'appointment-title', call: 'call-title' };

/** Shows one view and hides the others; focus moves to the new view's heading so nobody is left on a hidden button. */
export function showView(name) {
  const changed = document.body.dataset.view !== name;
  for (const v of VIEWS) $(`view-${v}`).hidden = v !== name;
  document.body.dataset.view = name;
  const heading = VIEW_HEADINGS[name];
  if (changed && heading && document.activeElement !== $(heading)) $(heading).focus({ preventScroll: true });
}

/** Says something to screen readers at once (the doctor knocks, joins, the call ends). @param {string} text */
export function announce(text) {
  const region = $('announcer');
  // The same words twice are only read again if the region changes in between.
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/**
 * The language menu: each language in its own name.
 * @param {string} current
 * @param {(lang: string) => void} onChange
 */
export function showLanguages(current, onChange) {
  const select = /** @type {HTMLSelectElement} */ ($('language'));
  select.replaceChildren(...LANGUAGES.map((lang) => {
    const option = new Option(LANGUAGE_NAMES[lang], lang, false, lang === current);
    option.lang = lang;
    return option;
  }));
  select.value = current;
  select.onchange = () => onChange(select.value);
}

/**
 * A full-page message with an optional next step.
 * @param {import('./wording.js').Notice} notice
 * @param {(() => void) | null} onAction
 */
export function showNotice(notice, onAction) {
  $('notice-title').textContent = notice.title;
  $('notice-text').textContent = notice.text;
  $('notice-icon').dataset.kind = notice.kind;
  $('notice-icon').textContent = notice.kind === 'ended' ? '✓' : '!';
  $('view-notice').dataset.kind = notice.kind;
  const button = /** @type {HTMLButtonElement} */ ($('notice-action'));
  button.hidden = !(notice.action && onAction);
  button.textContent = notice.action ?? '';
  button.onclick = onAction;
  document.title = t('page.titleNotice', { title: notice.title });
  showView('notice');
}

/** @param {{doctorName: string, scheduledAt: string}} appointment */
export function showAppointment(appointment) {
  $('appointment-title').textContent = t('precall.title', { doctor: appointment.doctorName });
  $('appointment-time').textContent = formatAppointmentTime(appointment.scheduledAt);
  $('remote-name').textContent = appointment.doctorName;
  $('call-title').textContent = t('call.heading', { doctor: appointment.doctorName });
  document.title = t('page.titleAppointment', { doctor: appointment.doctorName });
}

/**
 * The pre-call button and the line above it.
 * @param {{label: string, enabled: boolean, hint: string, go?: boolean}} state
 */
export function setPrimary({ label, enabled, hint, go = false }) {
  const button = /** @type {HTMLButtonElement} */ ($('primary-action'));
  button.textContent = label;
  button.disabled = !enabled;
  $('call-hint').textContent = hint;
  $('call-hint').dataset.tone = go ? 'go' : '';
}

/** @param {() => void} handler */
export const onPrimary = (handler) => { $('primary-action').onclick = handler; };

/** @param {MediaStream | null} stream */
export function showLocalStream(stream) {
  const hasVideo = !!stream && stream.getVideoTracks().length > 0;
  for (const id of ['preview-video', 'local-video']) {
    /** @type {HTMLVideoElement} */ ($(id)).srcObject = hasVideo ? stream : null;
  }
  $('preview-empty').hidden = hasVideo;
  $('local-off').hidden = hasVideo;
}

/** @param {number} level 0..1 */
export function setMicLevel(level) {
  const pct = Math.round(level * 100);
  const meter = $('mic-meter');
  meter.setAttribute('aria-valuenow', String(pct));
  /** @type {HTMLElement} */ (meter.firstElementChild).style.width = `${pct}%`;
}

/**
 * @param {import('./media-check.js').MediaProblem | null} problem
 * @param {() => void} onRetry
 */
export function showMediaProblem(problem, onRetry) {
  $('media-problem').hidden = !problem;
  if (!problem) return;
  $('media-problem-title').textContent = problem.title;
  $('media-problem-text').textContent = problem.text;
  $('media-retry').onclick = onRetry;
}

/** @param {{short: string, text: string, tone: string} | null} c null hides the badge (no room socket) */
export function setConnection(c) {
  const badge = $('connection');
  badge.hidden = !c;
  if (!c) return;
  badge.textContent = c.short;
  badge.title = c.text;
  badge.dataset.tone = c.tone;
}

/** A line over the call about what is happening (reconnecting, doctor away); empty hides it. @param {string} text */
export function setBanner(text) {
  if (text && text !== $('call-banner').textContent) announce(text);
  $('call-banner').textContent = text;
  $('call-banner').hidden = !text;
}

/** @param {MediaStream | null} stream */
export function showRemoteStream(stream) {
  /** @type {HTMLVideoElement} */ ($('remote-video')).srcObject = stream;
}

/**
 * What the doctor's side sends: the placeholder covers the stage when their camera is off or they are not in yet.
 * @param {{present: boolean, audio: boolean, video: boolean, sharing: boolean, waitingText: string}} r
 */
export function setRemote({ present, audio, video, sharing, waitingText }) {
  $('remote-placeholder').hidden = present && video;
  $('remote-placeholder-text').textContent = present ? t('call.doctorCameraOff') : waitingText;
  $('remote-muted').hidden = !present || audio;
  $('remote-sharing').hidden = !present || !sharing;
}

/**
 * The waiting room over the doctor's empty picture: calm words, how long the patient has waited, the doctor's
 * messages. `null` hides it.
 * @param {{title: string, calm: string, since: string, notesTitle: string,
 *   notes: {text: string, at: string}[]} | null} waiting
 */
export function setWaiting(waiting) {
  const box = $('waiting-room');
  box.hidden = !waiting;
  if (!waiting) return;
  $('waiting-title').textContent = waiting.title;
  $('waiting-calm').textContent = waiting.calm;
  $('waiting-since').textContent = waiting.since;
  $('waiting-notes-box').hidden = waiting.notes.length === 0;
  $('waiting-notes-title').textContent = waiting.notesTitle;
  const list = $('waiting-notes');
  // Only new messages are added, so the live region reads each once.
  for (let i = list.children.length; i < waiting.notes.length; i++) {
    const li = document.createElement('li');
    const time = document.createElement('time');
    time.textContent = waiting.notes[i].at;
    const text = document.createElement('span');
    text.textContent = waiting.notes[i].text;
    li.append(time, text);
    list.append(li);
  }
  while (list.children.length > waiting.notes.length) list.lastElementChild?.remove();
}

/** @param {boolean} micOn @param {boolean} camOn */
export function setOwnMedia(micOn, camOn) {
  // The label says what pressing does ("Unmute"); data-off only paints the button as switched off.
  const mic = $('toggle-mic');
  mic.dataset.off = String(!micOn);
  mic.querySelector('span').textContent = micOn ? t('call.mute') : t('call.unmute');
  const cam = $('toggle-cam');
  cam.dataset.off = String(!camOn);
  cam.querySelector('span').textContent = camOn ? t('call.stopVideo') : t('call.startVideo');
  $('local-off').hidden = camOn && !!(/** @type {HTMLVideoElement} */ ($('local-video')).srcObject);
}

/** @param {string | null} text the call's duration; null hides the timer (nobody to talk to yet) */
export function setTimer(text) {
  $('call-timer').hidden = text === null;
  if (text !== null) $('call-timer').textContent = text;
}

/**
 * @param {{onMic: () => void, onCam: () => void, onEnd: () => void, onChat: (text: string) => void}} h
 */
export function bindCallControls(h) {
  $('toggle-mic').onclick = h.onMic;
  $('toggle-cam').onclick = h.onCam;
  $('end-call').onclick = h.onEnd;
  $('toggle-chat').onclick = () => setChatOpen($('chat').hidden);
  $('chat-close').onclick = () => setChatOpen(false);
  $('chat').onkeydown = (event) => {
    if (event.key === 'Escape') setChatOpen(false);
  };
  $('chat-form').onsubmit = (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($('chat-input'));
    const text = input.value.trim();
    if (text) h.onChat(text);
    input.value = '';
  };
}

function setChatOpen(open) {
  $('chat').hidden = !open;
  $('toggle-chat').setAttribute('aria-expanded', String(open));
  if (open) {
    $('chat-unread').hidden = true;
    $('chat-unread').textContent = '';
    $('chat-input').focus();
  } else if ($('chat').contains(document.activeElement) || document.activeElement === document.body) {
    $('toggle-chat').focus();
  }
}

/**
 * @param {{from: string, text: string, sentAt: string}} line
 * @param {boolean} mine written on this page
 * @param {boolean} [earlier] from the transcript of a call the page came back into: placed by its time among the
 *   lines shown, and not counted as unread (it was written before this page was there to read it)
 */
export function appendChat(line, mine, earlier = false) {
  const li = document.createElement('li');
  li.className = mine ? 'mine' : '';
  li.dataset.sentAt = line.sentAt;
  const who = document.createElement('small');
  who.textContent = `${mine ? t('chat.you') : $('remote-name').textContent || t('chat.doctor')} · ${formatClock(line.sentAt)}`;
  const text = document.createElement('span');
  text.textContent = line.text;
  li.append(who, text);
  const lines = $('chat-lines');
  const at = Date.parse(line.sentAt);
  const later = earlier ? [...lines.children].find((other) => other instanceof HTMLElement && other.dataset.sentAt
    && Date.parse(other.dataset.sentAt) > at) : undefined;
  lines.insertBefore(li, later ?? null);
  if (earlier) return;
  li.scrollIntoView({ block: 'end' });
  if ($('chat').hidden && !mine) {
    const badge = $('chat-unread');
    badge.textContent = String(Number(badge.textContent || 0) + 1);
    badge.hidden = false;
  }
}

/**
 * A note from the page itself in the chat (not a line anyone wrote), e.g. that a line was not sent.
 * @param {string} text
 */
export function noteInChat(text) {
  const li = document.createElement('li');
  li.className = 'note';
  li.textContent = text;
  $('chat-lines').append(li);
  li.scrollIntoView({ block: 'end' });
}

/** Shows the camera switch in the call (and on the preview) only where there are two cameras or more. */
export function setCameraSwitch(available, onSwitch) {
  for (const id of ['switch-camera', 'preview-switch']) {
    $(id).hidden = !available;
    $(id).onclick = onSwitch;
  }
}

/**
 * A problem the phone caused (sound taken by a phone call, camera stopped while locked) and the way back.
 * @param {string | null} text null hides it
 * @param {() => void} [onResume]
 */
export function setInterruption(text, onResume) {
  $('interruption').hidden = !text;
  $('interruption-text').textContent = text ?? '';
  $('interruption-resume').onclick = onResume ?? null;
}

/** Plays what the doctor's side sends through the chosen speaker, where the browser lets a page choose. */
export function setRemoteSink(deviceId) {
  const video = /** @type {HTMLVideoElement & {setSinkId?: (id: string) => Promise<void>}} */ ($('remote-video'));
  if (deviceId && video.setSinkId) video.setSinkId(deviceId).catch((e) => console.warn('CareCall: speaker', e));
}

/**
 * The call's quality: a coloured indicator with its level, the one-line reason under it while it is not good, the
 * figures when the indicator is opened, and the suggestion to turn the camera off. null hides it all.
 * @param {{level: string, label: string, reason: string, rtt: string, up: string, down: string,
 *   suggest: boolean, onCameraOff: () => void} | null} q
 */
export function setQuality(q) {
  const indicator = $('quality');
  indicator.hidden = !q;
  if (!q) {
    $('quality-reason').hidden = true;
    $('quality-details').hidden = true;
    $('quality-suggestion').hidden = true;
    indicator.setAttribute('aria-expanded', 'false');
    return;
  }
  indicator.dataset.level = q.level;
  $('quality-level').textContent = q.label;
  indicator.onclick = () => {
    const open = $('quality-details').hidden;
    $('quality-details').hidden = !open;
    indicator.setAttribute('aria-expanded', String(open));
  };
  // Only a change is written, so a screen reader hears each new reason once, not every second.
  const reason = q.level === 'good' ? '' : q.reason;
  if ($('quality-reason').textContent !== reason) {
    $('quality-reason').textContent = reason;
    if (reason) announce(reason);
  }
  $('quality-reason').hidden = !reason;
  $('quality-rtt').textContent = q.rtt;
  $('quality-up').textContent = q.up;
  $('quality-down').textContent = q.down;
  if (q.suggest && $('quality-suggestion').hidden) announce($('quality-suggestion').textContent.trim());
  $('quality-suggestion').hidden = !q.suggest;
  $('quality-camera-off').onclick = q.onCameraOff;
}
