// The patient page's controller: opens the join link's appointment, runs the pre-call check, and follows the room's
// call flow (PROTOCOL.md) from Start/Join to the end. Every decision about what the patient sees is made here;
// protocol.js builds the messages, signaling.js keeps the socket, peer.js the media, ui.js draws.

import * as msg from './protocol.js';
import { SignalingChannel, roomUrl, FATAL_CODES } from './signaling.js';
import { CallPeer, summariseStats } from './peer.js';
import { openLocalMedia, startLevelMeter } from './media-check.js';
import { fetchAppointment, fetchInfo, parseJoinLink } from './api.js';
import {
  connectionText, endedNotice, formatDuration, networkNotice, noticeForCode, wrongLinkNotice,
} from './wording.js';
import * as ui from './ui.js';

/**
 * @typedef {'loading'|'notice'|'precall'|'waiting'|'incall'} Phase
 *   waiting: the patient started the call and waits for the doctor; incall: both joined.
 */

const state = {
  /** @type {{id: string, token: string} | null} */ link: null,
  /** @type {import('./api.js').Appointment | null} */ appointment: null,
  /** @type {Phase} */ phase: 'loading',
  /** Who this page is in the room: 'patient' with a join link (the role `registered` confirms). */
  role: 'patient',
  /** @type {string | null} the WebSocket base from /api/info */ websocketUrl: null,
  /** @type {SignalingChannel | null} */ channel: null,
  signaling: 'connecting',
  /** @type {CallPeer | null} */ peer: null,
  /** @type {Promise<CallPeer | null> | null} the peer once the media check is done */ peerReady: null,
  /** @type {Promise<void> | null} the camera and microphone check under way or done */ mediaCheck: null,
  checkingMedia: false,
  /** @type {string | null} */ media: null,
  /** @type {MediaStream | null} */ stream: null,
  meter: null,
  micOn: true,
  camOn: true,
  iceServers: [],
  doctorPresent: false,
  callStatus: 'inactive',
  /** @type {number | null} */ sessionId: null,
  /** @type {string | null} */ startedBy: null,
  remote: { audio: true, video: true, sharing: false },
  callStartedAt: 0,
  timer: null,
};

const doctorName = () => state.appointment?.doctorName ?? 'your doctor';
/** Whether the other party (the doctor) started the current call, so this page offers to join it. */
const otherStarted = () => state.startedBy != null && state.startedBy !== state.role;

function boot() {
  state.link = parseJoinLink(location);
  exposeTestHooks();
  if (!state.link) {
    ui.showNotice(wrongLinkNotice(), null);
    return;
  }
  load();
}

async function load() {
  state.phase = 'loading';
  ui.showView('loading');
  const [info, result] = await Promise.all([fetchInfo(), fetchAppointment(state.link.id, state.link.token)]);
  if (!info.ok || !result.ok) {
    showProblem(result.ok ? info.code : result.code);
    return;
  }
  state.websocketUrl = info.body.websocketUrl;
  state.appointment = result.body;
  ui.showAppointment(state.appointment);
  if (!state.appointment.paid) {
    showProblem('PAYMENT_REQUIRED');
  } else if (state.appointment.callStatus === 'ended') {
    state.callStatus = 'ended';
    state.phase = 'notice';
    ui.showNotice(endedNotice(state.appointment.callEndedAt, undefined, doctorName()), enterPrecall);
    // Listen to the room meanwhile: if the doctor starts the consultation again, the page offers to join.
    connectChannel();
  } else {
    enterPrecall();
  }
}

/** A page for an error code; the link's problems end the socket, the others offer to try again. */
function showProblem(code) {
  state.phase = 'notice';
  leaveCall();
  if (code === 'NETWORK') {
    ui.showNotice(networkNotice(), load);
    return;
  }
  if (FATAL_CODES.has(code) || code === 'PAYMENT_REQUIRED') stopChannel();
  const retry = code === 'REPLACED_BY_NEW_CONNECTION' ? () => { stopChannel(); load(); } : load;
  ui.showNotice(noticeForCode(code), noticeForCode(code).action ? retry : null);
}

// ---- pre-call ----

async function enterPrecall() {
  state.phase = 'precall';
  ui.showView('precall');
  renderPrimary();
  connectChannel();
  renderConnection();
  if (state.stream?.active) resumePreview();
  await checkMedia();
}

/** Back from a call: microphone and camera on again (a new call starts unmuted) and the level meter running. */
function resumePreview() {
  for (const t of state.stream.getTracks()) t.enabled = true;
  state.micOn = state.stream.getAudioTracks().length > 0;
  state.camOn = state.stream.getVideoTracks().length > 0;
  ui.showLocalStream(state.stream);
  ui.setOwnMedia(state.micOn, state.camOn);
  state.meter ??= startLevelMeter(state.stream, ui.setMicLevel);
}

/** Opens camera and microphone once; a call never starts before this is done, so it always carries them. */
function checkMedia() {
  if (state.mediaCheck && (state.checkingMedia || state.stream?.active)) return state.mediaCheck;
  state.checkingMedia = true;
  renderPrimary();
  state.mediaCheck = openMedia().finally(() => {
    state.checkingMedia = false;
    renderPrimary();
  });
  return state.mediaCheck;
}

async function openMedia() {
  state.meter?.stop();
  const { stream, problem } = await openLocalMedia();
  state.stream = stream;
  ui.showLocalStream(stream);
  ui.showMediaProblem(problem, () => {
    state.stream?.getTracks().forEach((t) => t.stop());
    state.stream = null;
    checkMedia();
  });
  state.micOn = !!stream?.getAudioTracks().length;
  state.camOn = !!stream?.getVideoTracks().length;
  ui.setOwnMedia(state.micOn, state.camOn);
  state.meter = stream ? startLevelMeter(stream, ui.setMicLevel) : null;
}

/** Start or Join, and the line that tells the patient where things stand. */
function renderPrimary() {
  if (state.phase !== 'precall') return;
  const live = state.callStatus === 'waiting' || state.callStatus === 'active';
  if (state.signaling !== 'registered') {
    ui.setPrimary({ label: 'Start Call', enabled: false, hint: 'Connecting to CareCall…' });
  } else if (state.checkingMedia) {
    ui.setPrimary({ label: 'Start Call', enabled: false, hint: 'Checking your camera and microphone…' });
  } else if (state.callStatus === 'active') {
    // Back after a reload or a drop while the call runs: joining again rebuilds the media on both sides.
    ui.setPrimary({
      label: 'Join Call', enabled: true, go: true,
      hint: `Your call with ${doctorName()} is still running. Press Join Call to go back to it.`,
    });
  } else if (live && otherStarted()) {
    ui.setPrimary({
      label: 'Join Call', enabled: true, go: true,
      hint: `${doctorName()} has started the call and is waiting for you. Press Join Call.`,
    });
  } else {
    ui.setPrimary({
      label: 'Start Call', enabled: true,
      hint: state.doctorPresent ? `${doctorName()} is online. Press Start Call when you are ready.`
        : `When you are ready, press Start Call. ${doctorName()} will see that you are waiting.`,
    });
  }
}

ui.onPrimary(() => {
  const join = state.callStatus === 'active' || (otherStarted() && state.callStatus === 'waiting');
  if (state.channel?.send(join ? msg.joinCall() : msg.startCall())) {
    ui.setPrimary({ label: join ? 'Joining…' : 'Starting…', enabled: false, hint: 'One moment…' });
  }
});

// ---- signaling ----

function connectChannel() {
  if (state.channel) return;
  state.channel = new SignalingChannel({
    url: roomUrl(state.websocketUrl, state.link.id),
    token: state.link.token,
    onMessage: handle,
    onState: (s) => { state.signaling = s; renderConnection(); renderPrimary(); },
    onProtocolError: (e) => console.warn('CareCall: unreadable message from the server', e.code, e.message),
  });
  state.channel.connect();
}

function stopChannel() {
  state.channel?.stop();
  state.channel = null;
  state.signaling = 'stopped';
}

/** @param {msg.ServerMessage} m */
function handle(m) {
  switch (m.type) {
    case 'registered': return registered(m);
    case 'activeCall': return activeCall(m);
    case 'joinerConnected': return joinerConnected(m);
    case 'signal': return signal(m);
    case 'callEnded': return callEnded(m);
    case 'mediaState':
      state.remote.audio = m.audio;
      state.remote.video = m.video;
      return renderRemote();
    case 'screenShare':
      state.remote.sharing = m.active;
      return renderRemote();
    case 'chat': return ui.appendChat(m, m.from === state.role);
    case 'peerPresence': return peerPresence(m);
    case 'error': return serverError(m);
    case 'pong':
      return undefined;
    default:
      console.warn('CareCall: message not handled', m.type);
      return undefined;
  }
}

/** After every (re)connect: `registered` says where the call stands, so the page resumes from it. */
function registered(m) {
  state.role = m.role;
  state.iceServers = m.iceServers;
  state.doctorPresent = m.peerConnected;
  const previousSession = state.sessionId;
  state.callStatus = m.callStatus ?? 'inactive';
  state.sessionId = m.sessionId ?? null;
  state.startedBy = m.startedBy ?? null;
  if (state.phase === 'incall') {
    if (state.callStatus !== 'active' || state.sessionId !== previousSession) {
      finishCall(endedNotice(undefined, undefined, doctorName()));
      return;
    }
    sendMediaState();
    // Media may have kept flowing while the socket was away; only a broken connection needs a new ICE round.
    if (state.peer && ['failed', 'disconnected'].includes(state.media)) state.peer.restartIce();
  } else if (state.phase === 'waiting') {
    if (state.callStatus === 'active' && state.sessionId === previousSession) beginCall();
    else if (state.callStatus !== 'waiting') enterPrecall();
  }
  renderRemote();
  renderPrimary();
}

function activeCall(m) {
  state.sessionId = m.sessionId;
  state.startedBy = m.startedBy;
  state.callStatus = m.callStatus;
  if (m.startedBy === state.role && state.phase === 'precall') {
    state.phase = 'waiting';
    showCallView();
  } else if (otherStarted() && state.phase === 'notice' && state.callStatus !== 'ended') {
    // The doctor restarts a consultation while the ended page shows: offer to join right away.
    enterPrecall();
  }
  renderPrimary();
}

function joinerConnected(m) {
  const rejoin = state.phase === 'incall' && state.sessionId === m.sessionId;
  state.sessionId = m.sessionId;
  state.callStatus = 'active';
  if (rejoin) {
    // The doctor came back after a reload or a drop: both sides build a fresh peer connection.
    state.peerReady = null;
    state.peer?.close();
    state.peer = null;
  }
  beginCall(rejoin);
}

/**
 * Both parties are in: create the peer connection (Contract 4), the starter offers.
 * @param {boolean} [sameCall] the call goes on after a rejoin, so its timer does too
 */
function beginCall(sameCall = false) {
  state.phase = 'incall';
  showCallView();
  ensurePeer();
  if (!sameCall || !state.callStartedAt) state.callStartedAt = Date.now();
  clearInterval(state.timer);
  ui.setTimer('0:00');
  state.timer = setInterval(() => ui.setTimer(formatDuration((Date.now() - state.callStartedAt) / 1000)), 1000);
  sendMediaState();
}

/** The call's peer connection, created once the media check is done (signals wait for it, in order). */
function ensurePeer() {
  if (state.peerReady) return state.peerReady;
  const ready = (state.mediaCheck ?? Promise.resolve()).then(() => {
    if (state.peerReady !== ready) return null; // the call ended meanwhile
    return createPeer();
  });
  state.peerReady = ready;
  return ready;
}

function createPeer() {
  state.remote = { audio: true, video: true, sharing: false };
  state.peer = new CallPeer({
    iceServers: state.iceServers,
    localStream: state.stream,
    offerFirst: state.startedBy === state.role,
    polite: state.role === 'patient',
    sendSignal: (s) => state.channel?.send(msg.signal(s)),
    onRemoteStream: ui.showRemoteStream,
    onConnectionState: (s) => {
      // "Cannot connect" stays until a connection really forms; a later "failed" would only read as reconnecting.
      if (state.media !== 'unreachable' || s === 'connected') state.media = s;
      renderConnection();
    },
    onUnreachable: () => { state.media = 'unreachable'; renderConnection(); },
    iceTransportPolicy: iceTransportPolicy(),
    doctorPresent: () => state.doctorPresent,
  });
  state.media = 'new';
  renderConnection();
  return state.peer;
}

/**
 * IT's diagnosis switch, also used by the relay-only tests: with localStorage 'carecall.iceTransportPolicy' set to
 * 'relay' (in the browser's developer console) the page uses TURN relays only. No link parameter and no button
 * reach it, so a patient cannot turn it on by accident.
 * @returns {'all'|'relay'}
 */
function iceTransportPolicy() {
  try {
    return globalThis.localStorage?.getItem('carecall.iceTransportPolicy') === 'relay' ? 'relay' : 'all';
  } catch {
    return 'all'; // storage disabled by the browser's privacy settings
  }
}

function signal(m) {
  if (state.phase !== 'incall') return;
  ensurePeer().then((peer) => peer?.handleSignal(m.signal));
}

function callEnded(m) {
  state.callStatus = 'ended';
  state.startedBy = null;
  if (state.phase === 'incall' || state.phase === 'waiting') {
    finishCall(endedNotice(m.endedAt, m.endedBy, doctorName()));
  }
}

function finishCall(notice) {
  state.phase = 'notice';
  leaveCall();
  ui.showNotice(notice, enterPrecall);
}

function leaveCall() {
  clearInterval(state.timer);
  state.peerReady = null;
  state.peer?.close();
  state.peer = null;
  state.media = null;
  ui.showRemoteStream(null);
  renderConnection();
}

function peerPresence(m) {
  if (m.role === state.role) return;
  state.doctorPresent = m.connected;
  renderRemote();
  renderPrimary();
  // The doctor is back after a drop: if the media broke meanwhile, the polite side may start the ICE restart.
  if (m.connected && state.peer && ['failed', 'disconnected'].includes(state.media)) state.peer.restartIce();
}

function serverError(m) {
  if (FATAL_CODES.has(m.code) || m.code === 'PAYMENT_REQUIRED') {
    showProblem(m.code);
  } else if (m.code === 'NO_ACTIVE_CALL') {
    state.callStatus = 'inactive';
    state.startedBy = null;
    if (state.phase === 'precall') {
      renderPrimary();
      ui.setPrimary({ label: 'Start Call', enabled: true, hint: 'That call is no longer waiting. Press Start Call to call your doctor.' });
    }
  } else {
    console.warn('CareCall: server error', m.code, m.message);
    renderPrimary();
  }
}

// ---- the call view ----

function showCallView() {
  state.meter?.stop();
  state.meter = null;
  ui.showView('call');
  ui.bindCallControls({
    onMic: () => toggle('audio'),
    onCam: () => toggle('video'),
    onEnd: hangUp,
    onChat: (text) => state.channel?.send(msg.chat(text.slice(0, msg.MAX_CHAT_LENGTH))),
  });
  ui.showLocalStream(state.stream);
  ui.setOwnMedia(state.micOn, state.camOn);
  ui.setTimer(state.phase === 'incall' ? '0:00' : null);
  renderRemote();
  renderConnection();
}

function toggle(kind) {
  const has = state.stream?.getTracks().some((t) => t.kind === kind);
  if (!has) return;
  if (kind === 'audio') state.micOn = !state.micOn;
  else state.camOn = !state.camOn;
  for (const t of state.stream.getTracks()) if (t.kind === kind) t.enabled = kind === 'audio' ? state.micOn : state.camOn;
  ui.setOwnMedia(state.micOn, state.camOn);
  sendMediaState();
}

function sendMediaState() {
  state.channel?.send(msg.mediaState(state.micOn, state.camOn));
}

function hangUp() {
  // The server answers with callEnded to both parties; the ended page appears then.
  if (!state.channel?.send(msg.endCall())) {
    fetch(`/api/appointments/${state.link.id}/end-call`, {
      method: 'POST', headers: { Authorization: `Bearer ${state.link.token}` },
    }).then(() => finishCall(endedNotice(new Date().toISOString(), state.role, doctorName())))
      .catch(() => ui.setBanner('Could not reach CareCall to end the call. Check your connection.'));
  }
}

function renderRemote() {
  if (state.phase !== 'incall' && state.phase !== 'waiting') return;
  const present = state.phase === 'incall';
  ui.setRemote({
    present, audio: state.remote.audio, video: state.remote.video, sharing: state.remote.sharing,
    waitingText: `Waiting for ${doctorName()} to join…`,
  });
  renderConnection();
}

function renderConnection() {
  const c = connectionText(state.signaling, state.media);
  ui.setConnection(state.channel && state.phase !== 'notice' ? c : null);
  let banner = '';
  if (state.phase === 'incall' || state.phase === 'waiting') {
    if (c.tone === 'bad') banner = c.text;
    else if (state.phase === 'incall' && !state.doctorPresent) {
      banner = `${doctorName()}'s connection dropped. Waiting for them to come back…`;
    }
  }
  ui.setBanner(banner);
}

// ---- hooks for the browser tests (read-only figures and a simulated network drop) ----

function exposeTestHooks() {
  window.carecall = Object.freeze({
    /** Media figures from the peer connection's statistics, or null outside a call. */
    stats: async () => (state.peer ? summariseStats((await state.peer.getStats()).values()) : null),
    state: () => ({
      phase: state.phase, signaling: state.signaling, media: state.media, callStatus: state.callStatus,
      sessionId: state.sessionId, micOn: state.micOn, camOn: state.camOn, remote: { ...state.remote },
      doctorPresent: state.doctorPresent, micLevel: state.meter?.level() ?? 0,
    }),
    dropSignaling: () => state.channel?.simulateDrop(),
    transceivers: () => state.peer?.describe() ?? [],
  });
}

boot();
