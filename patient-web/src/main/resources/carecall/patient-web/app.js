// The patient page's controller: opens the join link's appointment, runs the pre-call check, and follows the room's
// call flow (PROTOCOL.md) from Start/Join to the end. Every decision about what the patient sees is made here;
// protocol.js builds the messages, signaling.js keeps the socket, peer.js the media, ui.js draws.

import * as msg from './protocol.js';
import { SignalingChannel, roomUrl, FATAL_CODES } from './signaling.js';
import { CallPeer, summariseStats } from './peer.js';
import { fetchAppointment, fetchInfo, parseJoinLink } from './api.js';
import {
  connectionText, declinedNotice, endedNotice, formatClock, formatDuration, networkNotice, noticeForCode, wrongLinkNotice,
} from './wording.js';
import * as ui from './ui.js';
import {
  language, loadLanguage, pickLanguage, storedLanguage, storeLanguage, t, translateDom,
} from './i18n.js';
import { PreCallCheck } from './precall-check.js';
import { CallKeeper } from './call-keeper.js';
import { LocalMedia } from './local-media.js';
import { CallQuality } from './call-quality.js';
import { ChatLog } from './chat-log.js';

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
  /** @type {string | null} the peer connection's state */ media: null,
  /** Whether the media broke off (disconnected or failed) and has not come back yet. */
  mediaInterrupted: false,
  /** @type {('interrupted'|'restored')[]} media reports for the call's history not yet sent (the socket was down) */
  mediaReports: [],
  /** @type {('interrupted'|'restored')[]} reports sent but not yet confirmed by the server (see sendMediaReports) */
  mediaReportsUnconfirmed: [],
  iceServers: [],
  doctorPresent: false,
  callStatus: 'inactive',
  /** @type {number | null} */ sessionId: null,
  /** @type {string | null} */ startedBy: null,
  remote: { audio: true, video: true, sharing: false },
  callStartedAt: 0,
  timer: null,
  /** @type {{make: () => import('./wording.js').Notice, onAction: (() => void) | null} | null} the notice shown */
  notice: null,
  /** Start (or join) as soon as the page is ready: "Start the call again" on the ended page. */
  autoStart: false,
  /** @type {PreCallCheck | null} */ check: null,
  /** @type {CallKeeper | null} */ keeper: null,
  /** The waiting room: since when this page waits for the doctor (ms), and the doctor's messages meanwhile. */
  waiting: { since: 0, session: /** @type {number | null} */ (null), notes: /** @type {{text: string, sentAt: string}[]} */ ([]) },
  waitingTimer: null,
  /** @type {{sessionId: number, reason: string} | null} why the doctor declined the last call */
  declined: null,
  /** @type {import('./call-quality.js').QualityView | null} the call's quality as last drawn */
  lastQuality: null,
  /** Offer on joining even as the joiner, so both offers cross: only the glare tests set it (a test hook). */
  offerOnJoin: false,
};

/** The chat lines shown, so a line that arrives both relayed and in the transcript shows once. */
const chatLog = new ChatLog();

/** The call's live quality: statistics every second, reports to and from the doctor. */
const quality = new CallQuality({
  stats: async () => (state.peer && state.media === 'connected' ? (await state.peer.getStats()).values() : null),
  send: (m) => !!state.channel?.send(m),
  onChange: (view) => renderQuality(view),
});

/** The patient's camera and microphone. */
const own = new LocalMedia({
  onBusy: () => renderPrimary(),
  onLevel: (level) => {
    ui.setMicLevel(level);
    state.check?.micLevel(level);
  },
  onDevices: (stream, problem, infos) => state.check?.mediaOpened(stream, problem, infos) ?? [],
  peerConnection: () => state.peer?.pc,
  onSwapped: (stream) => state.keeper?.watch(stream),
});

const doctorName = () => state.appointment?.doctorName ?? t('doctor.fallback');
/** Whether the other party (the doctor) started the current call, so this page offers to join it. */
const otherStarted = () => state.startedBy != null && state.startedBy !== state.role;

async function boot() {
  state.link = parseJoinLink(location);
  // Only a backend started for tests marks the page so; a patient's page never carries the hooks.
  if (document.querySelector('meta[name="carecall-test-hooks"][content="on"]')) exposeTestHooks();
  const first = state.link ? await fetchAppointment(state.link.id, state.link.token) : null;
  await setLanguage(pickLanguage({
    chosen: storedLanguage(),
    // The clinic's choice, once appointments carry one; the browser's languages until then.
    appointment: first?.ok ? first.body.language : null,
    browser: navigator.languages ?? [navigator.language],
  }));
  ui.showLanguages(language(), (lang) => {
    storeLanguage(lang);
    setLanguage(lang).then(redraw);
  });
  if (!state.link) {
    showNotice(wrongLinkNotice, null);
    return;
  }
  load(first);
}

/** Loads a catalogue and puts its words into the static page. @param {string} lang */
async function setLanguage(lang) {
  await loadLanguage(lang);
  document.documentElement.lang = language();
  document.title = t('page.title');
  translateDom(document);
}

/** After a language switch: everything drawn from state is drawn again in the new words. */
function redraw() {
  if (state.appointment) ui.showAppointment(state.appointment);
  if (state.notice && state.phase === 'notice') showNotice(state.notice.make, state.notice.onAction);
  state.check?.set({ language: language() });
  ui.setOwnMedia(own.micOn, own.camOn);
  renderPrimary();
  renderRemote();
  renderConnection();
}

/**
 * Shows a full-page notice, remembering how to make it so a language switch can redraw it.
 * @param {() => import('./wording.js').Notice} make
 * @param {(() => void) | null} onAction
 */
function showNotice(make, onAction) {
  state.notice = { make, onAction };
  ui.showNotice(make(), onAction);
}

/** @param {import('./api.js').ApiResult | null} [prefetched] the appointment boot already read */
async function load(prefetched = null) {
  state.phase = 'loading';
  ui.showView('loading');
  const [info, result] = await Promise.all([fetchInfo(),
    prefetched ?? fetchAppointment(state.link.id, state.link.token)]);
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
    const endedAt = state.appointment.callEndedAt;
    showNotice(() => endedNotice(endedAt, undefined, doctorName()), restartCall);
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
    showNotice(networkNotice, () => load());
    return;
  }
  if (FATAL_CODES.has(code) || code === 'PAYMENT_REQUIRED') stopChannel();
  const retry = code === 'REPLACED_BY_NEW_CONNECTION' ? () => { stopChannel(); load(); } : () => load();
  showNotice(() => noticeForCode(code), noticeForCode(code).action ? retry : null);
}

// ---- pre-call ----

async function enterPrecall() {
  state.phase = 'precall';
  state.notice = null;
  ui.showView('precall');
  state.check ??= new PreCallCheck({
    language: language(),
    sendPing: (requestId) => !!state.channel?.send(msg.ping(requestId)),
    onDevicesChosen: (choice) => own.choose(choice),
    onSpeakerChosen: ui.setRemoteSink,
    sendReport: (report) => !!state.channel?.send(msg.readiness(report)),
    postProbe: (body) => fetch(`/api/appointments/${state.link.id}/uplink-probe`, {
      method: 'POST', body, headers: { Authorization: `Bearer ${state.link.token}` }, cache: 'no-store',
    }).then((res) => { if (!res.ok) throw new Error(`uplink probe: ${res.status}`); }),
  });
  renderPrimary();
  connectChannel();
  renderConnection();
  own.resumePreview();
  await own.check();
}

/** The ended page's "Start the call again": back to the check, and the call starts once the page is ready. */
function restartCall() {
  state.autoStart = true;
  enterPrecall();
}

/** Start or Join, and the line that tells the patient where things stand. */
function renderPrimary() {
  if (state.phase !== 'precall') return;
  const live = state.callStatus === 'waiting' || state.callStatus === 'active';
  const doctor = doctorName();
  if (state.signaling !== 'registered') {
    ui.setPrimary({ label: t('precall.start'), enabled: false, hint: t('precall.hint.connecting') });
    return;
  } else if (own.checking) {
    ui.setPrimary({ label: t('precall.start'), enabled: false, hint: t('precall.hint.checkingMedia') });
    return;
  } else if (state.callStatus === 'active') {
    // Back after a reload or a drop while the call runs: joining again rebuilds the media on both sides.
    ui.setPrimary({ label: t('precall.join'), enabled: true, go: true, hint: t('precall.hint.stillRunning', { doctor }) });
  } else if (live && otherStarted()) {
    ui.setPrimary({ label: t('precall.join'), enabled: true, go: true, hint: t('precall.hint.doctorStarted', { doctor }) });
  } else {
    ui.setPrimary({
      label: t('precall.start'), enabled: true,
      hint: state.doctorPresent ? t('precall.hint.doctorOnline', { doctor }) : t('precall.hint.ready', { doctor }),
    });
  }
  if (state.autoStart) {
    state.autoStart = false;
    startOrJoin();
  }
}

function startOrJoin() {
  state.check?.sendReport();
  const join = state.callStatus === 'active' || (otherStarted() && state.callStatus === 'waiting');
  if (state.channel?.send(join ? msg.joinCall() : msg.startCall())) {
    ui.setPrimary({ label: join ? t('precall.joining') : t('precall.starting'), enabled: false, hint: t('precall.oneMoment') });
  }
}

ui.onPrimary(startOrJoin);

// ---- signaling ----

function connectChannel() {
  if (state.channel) return;
  state.channel = new SignalingChannel({
    url: roomUrl(state.websocketUrl, state.link.id),
    token: state.link.token,
    onMessage: handle,
    onState: (s) => { state.signaling = s; state.check?.signalingState(s); renderConnection(); renderPrimary(); },
    onProtocolError: (e) => console.warn('CareCall: unreadable message from the server', e.code, e.message),
  });
  state.check?.signalingState('connecting');
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
    case 'chat': return chat(m);
    case 'chatTranscript': return chatTranscript(m);
    case 'peerPresence': return peerPresence(m);
    case 'waitingMessage': return waitingMessage(m);
    case 'callDeclined': return callDeclined(m);
    case 'quality':
      quality.received(m.report);
      return undefined;
    case 'error': return serverError(m);
    case 'pong':
      if (quality.pong(m.requestId)) return undefined;
      if (m.requestId === MEDIA_REPORT_PING) state.mediaReportsUnconfirmed = [];
      state.check?.pong(m.requestId);
      return undefined;
    default:
      console.warn('CareCall: message not handled', m.type);
      return undefined;
  }
}

/** Back in a running call (a reload, a dropped socket): the chat so far, each line shown once, in time order. */
function chatTranscript(m) {
  for (const line of chatLog.missing(m.lines)) ui.appendChat(line, line.from === state.role, true);
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
  if (state.phase === 'precall' || state.phase === 'notice') {
    state.check?.serverReached(m.iceServers);
    // A new socket after a drop: the doctor's list may have missed the last report.
    state.check?.sendReport(true);
  }
  if (state.phase === 'incall') {
    if (state.callStatus !== 'active' || state.sessionId !== previousSession) {
      finishCall(() => endedNotice(undefined, undefined, doctorName()));
      return;
    }
    sendMediaState();
    resendUnconfirmedMediaReports();
    // Media may have kept flowing while the socket was away; only a broken connection needs a new ICE round. A
    // gathering that came back empty while the network was gone ('unreachable') needs one too, now that it is back.
    if (state.peer && ['failed', 'disconnected', 'unreachable'].includes(state.media)) state.peer.restartIce();
  } else if (state.phase === 'waiting') {
    if (state.callStatus === 'active' && state.sessionId === previousSession) beginCall();
    else if (state.callStatus !== 'waiting') enterPrecall();
  }
  renderRemote();
  renderPrimary();
}

function activeCall(m) {
  if (m.startedBy === state.role && m.callStatus === 'waiting' && state.waiting.session !== m.sessionId) {
    state.waiting = { since: Date.parse(m.startedAt), session: m.sessionId, notes: [] };
  }
  state.sessionId = m.sessionId;
  state.startedBy = m.startedBy;
  state.callStatus = m.callStatus;
  // Only a call that still waits is a waiting room: a page reloaded during its own running call offers Join, as
  // for a call the doctor started.
  if (m.startedBy === state.role && m.callStatus === 'waiting' && state.phase === 'precall') {
    state.phase = 'waiting';
    showCallView();
    // The patient knocked: a screen reader says where they are now, as the waiting room shows it.
    ui.announce(`${t('waiting.title')}. ${t('waiting.calm', { doctor: doctorName() })}`);
  } else if (otherStarted() && state.phase === 'notice' && state.callStatus !== 'ended') {
    // The doctor restarts a consultation while the ended page shows: offer to join right away.
    enterPrecall();
  }
  // The doctor knocks: said aloud as well as shown beside the Join button.
  if (otherStarted() && state.callStatus === 'waiting' && state.phase === 'precall') {
    ui.announce(t('announce.doctorStarted', { doctor: doctorName() }));
  }
  renderPrimary();
}

function joinerConnected(m) {
  const rejoin = state.phase === 'incall' && state.sessionId === m.sessionId;
  if (state.phase === 'waiting') ui.announce(t('announce.doctorJoined', { doctor: doctorName() }));
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
 * Both parties are in: create the peer connection, the starter offers.
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
  const ready = (own.ready ?? Promise.resolve()).then(() => {
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
    localStream: own.stream,
    offerFirst: state.startedBy === state.role || state.offerOnJoin,
    polite: state.role === 'patient',
    sendSignal: (s) => state.channel?.send(msg.signal(s)),
    onRemoteStream: ui.showRemoteStream,
    onConnectionState: (s) => {
      // "Cannot connect" stays until a connection really forms; a later "failed" would only read as reconnecting.
      if (state.media !== 'unreachable' || s === 'connected') state.media = s;
      reportMedia(s);
      if (s === 'connected') quality.start();
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

/** The request id of the ping that confirms media reports. */
const MEDIA_REPORT_PING = 'media-report';

/**
 * Tells the server when the media broke off and when it came back, for the call's history. The socket is often
 * down at the same moment (the same network went away): what could not be sent goes after the next `registered`.
 * @param {string} s the peer connection's new state
 */
function reportMedia(s) {
  const broken = s === 'disconnected' || s === 'failed';
  if (broken && !state.mediaInterrupted) {
    state.mediaInterrupted = true;
    state.mediaReports.push('interrupted');
  } else if (s === 'connected' && state.mediaInterrupted) {
    state.mediaInterrupted = false;
    state.mediaReports.push('restored');
  }
  sendMediaReports();
}

function sendMediaReports() {
  let sent = false;
  while (state.mediaReports.length > 0 && state.channel?.send(msg.mediaConnection(state.mediaReports[0]))) {
    state.mediaReportsUnconfirmed.push(state.mediaReports.shift());
    sent = true;
  }
  // A socket whose network just went away still takes sends: the pong to this ping proves the reports arrived
  // (the server answers in order); without it they go again after the next `registered`.
  if (sent) state.channel?.send(msg.ping(MEDIA_REPORT_PING));
}

/** A new socket after a drop: reports that may have died with the old one go first. */
function resendUnconfirmedMediaReports() {
  state.mediaReports.unshift(...state.mediaReportsUnconfirmed.splice(0));
  sendMediaReports();
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
  const declined = m.reason === 'declined' && state.declined?.sessionId === m.sessionId ? state.declined : null;
  if (state.phase === 'incall' || state.phase === 'waiting') {
    finishCall(declined ? () => declinedNotice(declined.reason, doctorName())
      : () => endedNotice(m.endedAt, m.endedBy, doctorName()), !!declined);
  }
}

/**
 * A chat line, shown once. The other party's lines are also said through the announcer, so a screen reader reads
 * them with the chat closed; the list is no live region, or a reloaded page's transcript would be read out again.
 */
function chat(m) {
  if (!chatLog.take(m)) return;
  const mine = m.from === state.role;
  ui.appendChat(m, mine);
  if (!mine) ui.announce(t('announce.message', { doctor: doctorName(), text: m.text }));
}

// ---- the waiting room ----

/** The doctor wrote to the waiting room; a page that registers again gets the messages again, shown once. */
function waitingMessage(m) {
  if (state.waiting.session !== m.sessionId) state.waiting = { ...state.waiting, session: m.sessionId, notes: [] };
  if (state.waiting.notes.some((n) => n.sentAt === m.sentAt && n.text === m.text)) return;
  state.waiting.notes.push({ text: m.text, sentAt: m.sentAt });
  renderWaiting();
  if (state.phase === 'waiting') ui.announce(t('announce.message', { doctor: doctorName(), text: m.text }));
}

/** The doctor declined: `callEnded` follows at once; after a reload the ended page says why instead. */
function callDeclined(m) {
  state.declined = { sessionId: m.sessionId, reason: m.reason };
  if (state.phase === 'notice' && state.callStatus === 'ended' && state.sessionId === m.sessionId) {
    showNotice(() => declinedNotice(m.reason, doctorName()), restartCall);
  }
}

function renderWaiting() {
  if (state.phase !== 'waiting') {
    clearInterval(state.waitingTimer);
    state.waitingTimer = null;
    ui.setWaiting(null);
    return;
  }
  const since = state.waiting.since || Date.now();
  ui.setWaiting({
    title: t('waiting.title'),
    calm: t('waiting.calm', { doctor: doctorName() }),
    since: t('waiting.since', { duration: formatDuration((Date.now() - since) / 1000) }),
    notesTitle: t('waiting.notesTitle', { doctor: doctorName() }),
    notes: state.waiting.notes.map((n) => ({ text: n.text, at: formatClock(n.sentAt) })),
  });
  state.waitingTimer ??= setInterval(renderWaiting, 1000);
}

/**
 * @param {() => import('./wording.js').Notice} notice
 * @param {boolean} [withText] say the notice's text as well as its title (the doctor's reason for declining)
 */
function finishCall(notice, withText = false) {
  state.phase = 'notice';
  leaveCall();
  showNotice(notice, restartCall);
  const n = notice();
  ui.announce(withText ? `${n.title} ${n.text}` : n.title);
}

function leaveCall() {
  quality.stop();
  state.lastQuality = null;
  ui.setQuality(null);
  state.mediaInterrupted = false;
  state.mediaReports = [];
  state.mediaReportsUnconfirmed = [];
  state.keeper?.stop();
  state.keeper = null;
  ui.setInterruption(null);
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
  } else if (m.code === 'RATE_LIMITED') {
    // The server dropped one message of a burst (chat typed very fast, a stuck key); the call goes on.
    ui.noteInChat(t('chat.tooFast'));
  } else if (m.code === 'NO_ACTIVE_CALL') {
    state.callStatus = 'inactive';
    state.startedBy = null;
    if (state.phase === 'precall') {
      renderPrimary();
      ui.setPrimary({ label: t('precall.start'), enabled: true, hint: t('precall.hint.noLongerWaiting') });
    }
  } else {
    console.warn('CareCall: server error', m.code, m.message);
    renderPrimary();
  }
}

// ---- the call view ----

function showCallView() {
  own.stopMeter();
  ui.showView('call');
  ui.bindCallControls({
    onMic: () => toggle('audio'),
    onCam: () => toggle('video'),
    onEnd: hangUp,
    onChat: (text) => state.channel?.send(msg.chat(text.slice(0, msg.MAX_CHAT_LENGTH))),
  });
  ui.showLocalStream(own.stream);
  ui.setOwnMedia(own.micOn, own.camOn);
  ui.setTimer(state.phase === 'incall' ? '0:00' : null);
  keepCallAlive();
  renderRemote();
  renderConnection();
}

/** Screen on, lock-screen controls, and a way back when the phone takes the microphone or camera away. */
function keepCallAlive() {
  if (state.keeper) return;
  state.keeper = new CallKeeper({
    title: t('call.heading', { doctor: doctorName() }),
    wanted: () => ({ camOn: own.camOn }),
    actions: { hangup: hangUp, togglemicrophone: () => toggle('audio'), togglecamera: () => toggle('video') },
    onChange: (lost) => ui.setInterruption(lost ? t(lost === 'audio' ? 'interrupt.audio' : 'interrupt.camera') : null, resumeMedia),
  });
  state.keeper.start(own.stream);
}

/** The patient is back after the phone took the media away: open the lost devices again and send them. */
async function resumeMedia() {
  await own.resume();
  // The remote video may have been paused by the browser while the page was hidden.
  /** @type {HTMLVideoElement} */ (document.getElementById('remote-video')).play().catch(() => {});
  state.keeper?.check();
}

/** @param {'audio'|'video'} kind */
function toggle(kind) {
  if (own.toggle(kind)) sendMediaState();
}

function sendMediaState() {
  state.channel?.send(msg.mediaState(own.micOn, own.camOn));
}

function hangUp() {
  // The server answers with callEnded to both parties; the ended page appears then.
  if (!state.channel?.send(msg.endCall())) {
    fetch(`/api/appointments/${state.link.id}/end-call`, {
      method: 'POST', headers: { Authorization: `Bearer ${state.link.token}` },
    }).then(() => {
      const endedAt = new Date().toISOString();
      finishCall(() => endedNotice(endedAt, state.role, doctorName()));
    }).catch(() => ui.setBanner(t('call.endFailed')));
  }
}

function renderRemote() {
  renderWaiting();
  if (state.phase !== 'incall' && state.phase !== 'waiting') return;
  const present = state.phase === 'incall';
  ui.setRemote({
    present, audio: state.remote.audio, video: state.remote.video, sharing: state.remote.sharing,
    waitingText: t('call.waitingFor', { doctor: doctorName() }),
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
      banner = t('call.doctorDropped', { doctor: doctorName() });
    }
  }
  ui.setBanner(banner);
}

/**
 * Draws the call's quality in the page's language.
 * @param {import('./call-quality.js').QualityView} view
 */
function renderQuality(view) {
  if (state.phase !== 'incall') return;
  state.lastQuality = view;
  const f = view.figures;
  const n = (v) => (v === undefined ? '–' : String(v));
  ui.setQuality({
    level: view.level,
    label: t(`quality.${view.level}`),
    reason: t(`quality.reason.${view.reason}`, { doctor: doctorName() }),
    rtt: t('quality.rtt', { rtt: n(f.rttMs), server: n(f.serverRttMs), jitter: n(f.jitterMs) }),
    up: t('quality.up', {
      kbps: n(f.sendKbps), resolution: n(f.sendResolution), fps: n(f.sendFps), loss: n(f.sendLossPct),
    }),
    down: t('quality.down', {
      kbps: n(f.receiveKbps), resolution: n(f.receiveResolution), fps: n(f.receiveFps), loss: n(f.receiveLossPct),
    }),
    // Sound matters more than the picture: while it stays poor the page offers to drop its own video.
    suggest: view.suggestCameraOff && own.camOn,
    onCameraOff: () => {
      if (own.camOn) toggle('video');
      renderQuality(view);
    },
  });
}

// ---- hooks for the browser tests (read-only figures and a simulated network drop), only on a test backend ----

function exposeTestHooks() {
  window.carecall = Object.freeze({
    /** The call's quality as the page shows it: level, reason code and figures, or null before the first. */
    quality: () => (state.lastQuality ? { ...state.lastQuality } : null),
    /** Media figures from the peer connection's statistics, or null outside a call. */
    stats: async () => (state.peer ? summariseStats((await state.peer.getStats()).values()) : null),
    state: () => ({
      phase: state.phase, signaling: state.signaling, media: state.media, callStatus: state.callStatus,
      sessionId: state.sessionId, micOn: own.micOn, camOn: own.camOn, remote: { ...state.remote },
      doctorPresent: state.doctorPresent, micLevel: own.level(), language: language(), cameraId: own.cameraId(),
    }),
    readiness: () => state.check?.report() ?? null,
    dropSignaling: () => state.channel?.simulateDrop(),
    transceivers: () => state.peer?.describe() ?? [],
    /** Makes the page offer as soon as it joins a call, as the doctor's side does: glare on purpose. */
    offerOnJoin: () => { state.offerOnJoin = true; },
    restartIce: () => state.peer?.restartIce(),
    /** Signaling state and both sides' ICE user fragments: a restart shows as new fragments. */
    negotiation: () => state.peer?.negotiation() ?? null,
    /** The ICE transport and candidate pairs as the browser reports them, for the tests' failure reports. */
    iceStats: async () => (state.peer ? [...(await state.peer.getStats()).values()]
      .filter((r) => r.type === 'transport' || r.type === 'candidate-pair').map((r) => JSON.stringify(r)) : null),
  });
}

boot();
