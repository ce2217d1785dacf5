// The page's DOM: which view shows, and what each element says. No call logic here; app.js decides, ui.js draws.

import { formatAppointmentTime, formatClock } from './wording.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const VIEWS = ['loading', 'notice', 'precall', 'call'];

/** Shows one view and hides the others. @param {'loading'|'notice'|'precall'|'call'} name */
export function showView(name) {
  for (const v of VIEWS) $(`view-${v}`).hidden = v !== name;
  document.body.dataset.view = name;
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
  document.title = `CareCall – ${notice.title}`;
  showView('notice');
}

/** @param {{doctorName: string, scheduledAt: string}} appointment */
export function showAppointment(appointment) {
  $('doctor-name').textContent = appointment.doctorName;
  $('appointment-time').textContent = formatAppointmentTime(appointment.scheduledAt);
  $('remote-name').textContent = appointment.doctorName;
  document.title = `CareCall – appointment with ${appointment.doctorName}`;
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
  $('remote-placeholder-text').textContent = present ? 'Your doctor has turned their camera off' : waitingText;
  $('remote-muted').hidden = !present || audio;
  $('remote-sharing').hidden = !present || !sharing;
}

/** @param {boolean} micOn @param {boolean} camOn */
export function setOwnMedia(micOn, camOn) {
  const mic = $('toggle-mic');
  mic.setAttribute('aria-pressed', String(!micOn));
  mic.querySelector('span').textContent = micOn ? 'Mute' : 'Unmute';
  const cam = $('toggle-cam');
  cam.setAttribute('aria-pressed', String(!camOn));
  cam.querySelector('span').textContent = camOn ? 'Stop video' : 'Start video';
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
  }
}

/** @param {{from: string, text: string, sentAt: string}} line @param {boolean} mine written on this page */
export function appendChat(line, mine) {
  const li = document.createElement('li');
  li.className = mine ? 'mine' : '';
  const who = document.createElement('small');
  who.textContent = `${mine ? 'You' : $('remote-name').textContent || 'Doctor'} · ${formatClock(line.sentAt)}`;
  const text = document.createElement('span');
  text.textContent = line.text;
  li.append(who, text);
  $('chat-lines').append(li);
  li.scrollIntoView({ block: 'end' });
  if ($('chat').hidden && !mine) {
    const badge = $('chat-unread');
    badge.textContent = String(Number(badge.textContent || 0) + 1);
    badge.hidden = false;
  }
}
