// The CareCall wire protocol as the page speaks it: the one place that builds client messages and reads server
// messages. It mirrors dev.carecall.protocol (ClientMessage, the RoomMessage family of ServerMessage, SignalPayload,
// ProtocolCodec) and is tested against the same JSON fixtures, so the page cannot drift from the Java side. Read
// protocol/PROTOCOL.md for the meaning.

/** Version of the wire protocol this page speaks (Protocol.VERSION). */
export const PROTOCOL_VERSION = 1;
export const MAX_CHAT_LENGTH = 2000;
export const MAX_TOKEN_LENGTH = 4096;
export const MAX_REQUEST_ID_LENGTH = 64;
/** Longest doctor's message to the waiting room, or reason for declining (Protocol.MAX_WAITING_TEXT_LENGTH). */
export const MAX_WAITING_TEXT_LENGTH = 500;
/** Longest browser or device name in a readiness report (Readiness.MAX_NAME_LENGTH). */
export const MAX_READINESS_NAME_LENGTH = 100;
/** Readiness values (Readiness.DeviceStatus, SpeakerStatus, CandidateType). */
export const READINESS_DEVICE_STATUSES = Object.freeze(['checking', 'ok', 'denied', 'busy', 'missing', 'insecure', 'unknown']);
export const READINESS_SPEAKER_STATUSES = Object.freeze(['untested', 'heard', 'not-heard', 'failed']);
export const CANDIDATE_TYPES = Object.freeze(['host', 'srflx', 'prflx', 'relay']);

export const ROLES = Object.freeze(['doctor', 'patient']);
export const CALL_STATUSES = Object.freeze(['inactive', 'waiting', 'active', 'ended']);
/** Why a call ended (CallEndReason). */
export const CALL_END_REASONS = Object.freeze(['hangup', 'server_restart', 'abandoned', 'peer_lost', 'declined', 'cancelled']);
/** What the peer connection did to the media (MediaConnection). */
export const MEDIA_CONNECTION_STATES = Object.freeze(['interrupted', 'restored']);
/** How a party's side of the call goes (QualityLevel). */
export const QUALITY_LEVELS = Object.freeze(['good', 'fair', 'poor']);
/** Which program a party uses (ClientKind, quality.report.client). */
export const CLIENT_KINDS = Object.freeze(['browser', 'console']);
/** Session description types (SdpType). */
export const SDP_TYPES = Object.freeze(['offer', 'answer', 'pranswer', 'rollback']);
export const ERROR_CODES = Object.freeze([
  'MALFORMED_MESSAGE', 'UNKNOWN_TYPE', 'MISSING_FIELD', 'INVALID_FIELD', 'MESSAGE_TOO_LARGE',
  'UNSUPPORTED_VERSION', 'NOT_REGISTERED', 'REGISTER_TIMEOUT', 'INVALID_CREDENTIALS', 'INVALID_TOKEN',
  'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'LINK_REPLACED', 'WRONG_APPOINTMENT', 'FORBIDDEN', 'APPOINTMENT_NOT_FOUND',
  'PAYMENT_REQUIRED', 'APPOINTMENT_CANCELLED', 'CONFLICT', 'DOCTOR_NOT_FOUND',
  'NO_ACTIVE_CALL', 'REPLACED_BY_NEW_CONNECTION', 'PEER_UNREACHABLE', 'RATE_LIMITED', 'BAD_REQUEST', 'INTERNAL_ERROR',
]);

/** A message that breaks the protocol; `code` is an ErrorCode name, as the Java codec would report it. */
export class ProtocolError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {string} [requestId]
   */
  constructor(code, message, requestId) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
    this.requestId = requestId;
  }
}

// ---- field checks (Fields.java) ----

const fail = (code, message) => { throw new ProtocolError(code, message); };
const isText = (v) => typeof v === 'string';

/** ISO-8601 instant with a zone, as Jackson's Instant reader accepts it. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Field kinds: each checks one JSON value and returns it (or throws INVALID_FIELD).
 * @type {Record<string, (value: unknown, field: string) => unknown>}
 */
const KINDS = {
  text: (v, f) => (isText(v) ? v : fail('INVALID_FIELD', `field '${f}' must be text`)),
  bool: (v, f) => (typeof v === 'boolean' ? v : fail('INVALID_FIELD', `field '${f}' must be true or false`)),
  int: (v, f) => (Number.isInteger(v) ? v : fail('INVALID_FIELD', `field '${f}' must be a whole number`)),
  role: (v, f) => (ROLES.includes(v) ? v : fail('INVALID_FIELD', `field '${f}' has unknown value '${v}'`)),
  callStatus: (v, f) => (CALL_STATUSES.includes(v) ? v : fail('INVALID_FIELD', `field '${f}' has unknown value '${v}'`)),
  errorCode: (v, f) => (ERROR_CODES.includes(v) ? v : fail('INVALID_FIELD', `field '${f}' has unknown value '${v}'`)),
  reason: (v, f) => (CALL_END_REASONS.includes(v) ? v : fail('INVALID_FIELD', `field '${f}' has unknown value '${v}'`)),
  mediaConnection: (v, f) => (MEDIA_CONNECTION_STATES.includes(v) ? v
    : fail('INVALID_FIELD', `field '${f}' has unknown value '${v}'`)),
  instant: (v, f) => (isText(v) && INSTANT.test(v) && !Number.isNaN(Date.parse(v))
    ? v : fail('INVALID_FIELD', `field '${f}' must be an ISO-8601 time`)),
  token: (v, f) => nonBlank(v, f, MAX_TOKEN_LENGTH),
  chatText: (v, f) => nonBlank(v, f, MAX_CHAT_LENGTH),
  version: (v, f) => (Number.isInteger(v) && v >= 1 ? v : fail('INVALID_FIELD', `field '${f}' must be 1 or more`)),
  requestId: (v, f) => (isText(v) && v.length >= 1 && v.length <= MAX_REQUEST_ID_LENGTH
    ? v : fail('INVALID_FIELD', `field '${f}' must have 1 to ${MAX_REQUEST_ID_LENGTH} characters`)),
  waitingText: (v, f) => nonBlank(v, f, MAX_WAITING_TEXT_LENGTH),
  readiness: (v) => checkReadiness(v),
  signal: (v) => checkSignal(v),
  qualityReport: (v) => checkQualityReport(v),
  chatLines: (v, f) => {
    if (!Array.isArray(v)) fail('INVALID_FIELD', `field '${f}' must be a list`);
    return v.map((line, i) => checkChatLine(line, `${f}[${i}]`));
  },
  iceServers: (v, f) => {
    if (!Array.isArray(v)) fail('INVALID_FIELD', `field '${f}' must be a list`);
    return v.map((server, i) => checkIceServer(server, `${f}[${i}]`));
  },
};

function nonBlank(v, f, max) {
  if (!isText(v)) fail('INVALID_FIELD', `field '${f}' must be text`);
  if (v.trim() === '') fail('INVALID_FIELD', `field '${f}' must not be blank`);
  if (v.length > max) fail('INVALID_FIELD', `field '${f}' is longer than ${max} characters`);
  return v;
}

/** One stored chat line of a chatTranscript: {at, from, text}, each required. */
function checkChatLine(line, f) {
  if (line === null || typeof line !== 'object' || Array.isArray(line)) fail('INVALID_FIELD', `${f} must be an object`);
  for (const part of ['at', 'from', 'text']) {
    if (line[part] === undefined || line[part] === null) fail('MISSING_FIELD', `field '${f}.${part}' is required`);
  }
  return {
    at: KINDS.instant(line.at, `${f}.at`), from: KINDS.role(line.from, `${f}.from`),
    text: KINDS.chatText(line.text, `${f}.text`),
  };
}

function checkIceServer(server, f) {
  if (server === null || typeof server !== 'object' || Array.isArray(server)) fail('INVALID_FIELD', `${f} must be an object`);
  if (server.urls === undefined || server.urls === null) fail('MISSING_FIELD', `field '${f}.urls' is required`);
  if (!Array.isArray(server.urls) || server.urls.length === 0 || !server.urls.every(isText)) {
    fail('INVALID_FIELD', `field '${f}.urls' must be a non-empty list of text`);
  }
  /** @type {RTCIceServer} */
  const out = { urls: [...server.urls] };
  if (server.username != null) out.username = KINDS.text(server.username, `${f}.username`);
  if (server.credential != null) out.credential = KINDS.text(server.credential, `${f}.credential`);
  return out;
}

/**
 * Checks a readiness object (Readiness.java) field by field, with the Java record's error codes, and returns it.
 * @param {unknown} r
 * @returns {WireReadiness}
 */
export function checkReadiness(r) {
  const object = (v, f) => {
    if (v === undefined || v === null) fail('MISSING_FIELD', `field '${f}' is required`);
    if (typeof v !== 'object' || Array.isArray(v)) fail('INVALID_FIELD', `field '${f}' must be an object`);
    return v;
  };
  const required = (v, f) => (v === undefined || v === null ? fail('MISSING_FIELD', `field '${f}' is required`) : v);
  const oneOf = (v, f, values) => (values.includes(required(v, f)) ? v : fail('INVALID_FIELD', `field '${f}' has unknown value '${v}'`));
  const bool = (v, f) => KINDS.bool(required(v, f), f);
  const count = (v, f, max) => (v === undefined || v === null ? undefined
    : Number.isInteger(v) && v >= 0 && v <= max ? v : fail('INVALID_FIELD', `field '${f}' must be 0 to ${max}`));
  object(r, 'readiness');
  oneOf(object(r.camera, 'readiness.camera').status, 'readiness.camera.status', READINESS_DEVICE_STATUSES);
  bool(r.camera.framesSeen, 'readiness.camera.framesSeen');
  oneOf(object(r.microphone, 'readiness.microphone').status, 'readiness.microphone.status', READINESS_DEVICE_STATUSES);
  bool(r.microphone.levelSeen, 'readiness.microphone.levelSeen');
  oneOf(object(r.speaker, 'readiness.speaker').status, 'readiness.speaker.status', READINESS_SPEAKER_STATUSES);
  nonBlank(required(r.browser, 'readiness.browser'), 'readiness.browser', MAX_READINESS_NAME_LENGTH);
  nonBlank(required(r.device, 'readiness.device'), 'readiness.device', MAX_READINESS_NAME_LENGTH);
  const n = object(r.network, 'readiness.network');
  const types = required(n.candidateTypes, 'readiness.network.candidateTypes');
  if (!Array.isArray(types)) fail('INVALID_FIELD', "field 'readiness.network.candidateTypes' must be a list");
  for (const type of types) oneOf(type, 'readiness.network.candidateTypes', CANDIDATE_TYPES);
  if (new Set(types).size !== types.length) fail('INVALID_FIELD', "field 'readiness.network.candidateTypes' must name each type once");
  count(n.roundTripMs, 'readiness.network.roundTripMs', 600000);
  count(n.uplinkKbps, 'readiness.network.uplinkKbps', 10000000);
  return /** @type {WireReadiness} */ (r);
}

/**
 * Checks a WebRTC payload (SignalPayload): a session description {type, sdp}, an ICE candidate {candidate, sdpMid,
 * sdpMLineIndex, usernameFragment} or the end of candidates (an empty candidate). The payload itself is returned,
 * unchanged: it reaches the other party field for field, explicit nulls and fields this page does not know included.
 * @param {unknown} signal
 * @returns {SignalPayload}
 */
export function checkSignal(signal) {
  if (signal === undefined || signal === null) fail('MISSING_FIELD', "field 'signal' is required");
  if (typeof signal !== 'object' || Array.isArray(signal)) fail('INVALID_FIELD', "field 'signal' must be a JSON object");
  const s = /** @type {Record<string, unknown>} */ (signal);
  if (s.type !== undefined && s.type !== null) {
    if (!isText(s.type)) fail('INVALID_FIELD', "field 'signal.type' must be offer, answer, pranswer or rollback");
    if (!SDP_TYPES.includes(s.type)) fail('INVALID_FIELD', `field 'signal.type' has unknown value '${s.type}'`);
    const sdp = optionalSignalText(s, 'sdp');
    if (s.type !== 'rollback') {
      if (sdp === undefined) fail('MISSING_FIELD', `a description signal of type ${s.type} needs a text 'sdp'`);
      if (sdp.trim() === '') fail('INVALID_FIELD', "field 'signal.sdp' must not be blank");
    }
    return /** @type {SignalPayload} */ (signal);
  }
  if (s.candidate !== undefined && s.candidate !== null) {
    const line = optionalSignalText(s, 'candidate');
    if (line !== '' && line.trim() === '') {
      fail('INVALID_FIELD', "field 'signal.candidate' must not be blank (an empty one marks the end of candidates)");
    }
    optionalSignalText(s, 'sdpMid');
    if (s.sdpMLineIndex != null && !(Number.isInteger(s.sdpMLineIndex) && s.sdpMLineIndex >= 0 && s.sdpMLineIndex <= 65535)) {
      fail('INVALID_FIELD', "field 'signal.sdpMLineIndex' must be a whole number from 0 to 65535");
    }
    optionalSignalText(s, 'usernameFragment');
    return /** @type {SignalPayload} */ (signal);
  }
  return fail('INVALID_FIELD', "field 'signal' must be a session description (type and sdp), an ICE candidate "
    + '(candidate) or the end of candidates (an empty candidate)');
}

/** A text field of a payload, or undefined when absent or null. */
function optionalSignalText(s, field) {
  const v = s[field];
  if (v === undefined || v === null) return undefined;
  if (!isText(v)) fail('INVALID_FIELD', `field 'signal.${field}' must be text`);
  return v;
}

const MAX_FIGURE = 10_000_000;
const RESOLUTION = /^[0-9]{1,5}x[0-9]{1,5}$/;
/** The figures of a quality report (QualityReport) and their kinds, in the order the Java side writes them. */
const QUALITY_FIGURES = Object.freeze({
  rttMs: 'figure', serverRttMs: 'figure', sendKbps: 'figure', receiveKbps: 'figure', availableSendKbps: 'figure',
  sendLossPct: 'percent', receiveLossPct: 'percent', jitterMs: 'figure', sendFps: 'figure', receiveFps: 'figure',
  sendResolution: 'resolution', receiveResolution: 'resolution', localCandidate: 'candidate',
  remoteCandidate: 'candidate', client: 'client',
});

/**
 * Checks a quality report (QualityReport): a level and optional figures. Returns a copy with the known fields only,
 * in the Java side's order.
 * @param {unknown} report
 * @returns {QualityReport}
 */
export function checkQualityReport(report) {
  if (report === null || typeof report !== 'object' || Array.isArray(report)) {
    fail('INVALID_FIELD', "field 'report' must be a JSON object");
  }
  const r = /** @type {Record<string, unknown>} */ (report);
  if (r.level === undefined || r.level === null) fail('MISSING_FIELD', "field 'level' is required");
  if (!QUALITY_LEVELS.includes(/** @type {string} */ (r.level))) {
    fail('INVALID_FIELD', `field 'level' has unknown value '${r.level}'`);
  }
  /** @type {Record<string, unknown>} */
  const out = { level: r.level };
  for (const [field, kind] of Object.entries(QUALITY_FIGURES)) {
    const v = r[field];
    if (v === undefined || v === null) continue;
    const ok = kind === 'figure' ? Number.isInteger(v) && v >= 0 && v <= MAX_FIGURE
      : kind === 'percent' ? typeof v === 'number' && v >= 0 && v <= 100
        : kind === 'candidate' ? CANDIDATE_TYPES.includes(/** @type {string} */ (v))
          : kind === 'client' ? CLIENT_KINDS.includes(/** @type {string} */ (v))
            : isText(v) && RESOLUTION.test(v);
    if (!ok) fail('INVALID_FIELD', `field 'report.${field}' is out of range or of the wrong kind`);
    out[field] = v;
  }
  return /** @type {QualityReport} */ (out);
}

/**
 * Which of the three kinds a checked payload is.
 * @param {SignalPayload} signal
 * @returns {'description'|'candidate'|'endOfCandidates'}
 */
export function signalKind(signal) {
  if (signal.type !== undefined && signal.type !== null) return 'description';
  return signal.candidate === '' ? 'endOfCandidates' : 'candidate';
}

// ---- message schemas: field name -> [kind, required] ----

const REQ = true;
const OPT = false;

/** Client to server (ClientMessage). */
const CLIENT = {
  register: { token: ['token', REQ], protocolVersion: ['version', OPT], requestId: ['requestId', OPT] },
  startCall: { requestId: ['requestId', OPT] },
  joinCall: { requestId: ['requestId', OPT] },
  signal: { signal: ['signal', REQ], requestId: ['requestId', OPT] },
  endCall: { requestId: ['requestId', OPT] },
  mediaState: { audio: ['bool', REQ], video: ['bool', REQ], requestId: ['requestId', OPT] },
  screenShare: { active: ['bool', REQ], requestId: ['requestId', OPT] },
  chat: { text: ['chatText', REQ], requestId: ['requestId', OPT] },
  mediaConnection: { state: ['mediaConnection', REQ], requestId: ['requestId', OPT] },
  quality: { report: ['qualityReport', REQ], requestId: ['requestId', OPT] },
  ping: { requestId: ['requestId', OPT] },
  readiness: { readiness: ['readiness', REQ], requestId: ['requestId', OPT] },
};

/** Server to client (ServerMessage): every message of both sockets. */
const SERVER = {
  registered: {
    role: ['role', REQ], appointmentId: ['int', OPT], callStatus: ['callStatus', OPT], sessionId: ['int', OPT],
    startedBy: ['role', OPT], peerConnected: ['bool', REQ], iceServers: ['iceServers', OPT],
    protocolVersion: ['int', REQ], requestId: ['text', OPT],
  },
  activeCall: {
    appointmentId: ['int', REQ], sessionId: ['int', REQ], startedBy: ['role', REQ], startedAt: ['instant', REQ],
    callStatus: ['callStatus', REQ],
  },
  joinerConnected: { sessionId: ['int', REQ], joinedBy: ['role', REQ] },
  signal: { from: ['role', REQ], signal: ['signal', REQ] },
  callEnded: { sessionId: ['int', REQ], endedBy: ['role', OPT], endedAt: ['instant', REQ], reason: ['reason', REQ] },
  mediaState: { from: ['role', REQ], audio: ['bool', REQ], video: ['bool', REQ] },
  screenShare: { from: ['role', REQ], active: ['bool', REQ] },
  chat: { from: ['role', REQ], text: ['chatText', REQ], sentAt: ['instant', REQ] },
  peerPresence: { role: ['role', REQ], connected: ['bool', REQ] },
  quality: { from: ['role', REQ], report: ['qualityReport', REQ] },
  appointmentChanged: { appointmentId: ['int', REQ] },
  callStatus: {
    appointmentId: ['int', REQ], callStatus: ['callStatus', REQ], startedBy: ['role', OPT], sessionId: ['int', OPT],
  },
  pong: { requestId: ['text', OPT] },
  error: { code: ['errorCode', REQ], message: ['text', REQ], requestId: ['text', OPT] },
  waitingMessage: { sessionId: ['int', REQ], text: ['waitingText', REQ], sentAt: ['instant', REQ] },
  callDeclined: { sessionId: ['int', REQ], reason: ['waitingText', REQ], declinedAt: ['instant', REQ] },
  chatTranscript: { sessionId: ['int', REQ], lines: ['chatLines', REQ] },
  patientReadiness: { appointmentId: ['int', REQ], readiness: ['readiness', REQ], receivedAt: ['instant', REQ] },
};

/** Which server messages arrive on which socket (RoomMessage, LobbyMessage). */
export const SOCKET_FAMILIES = Object.freeze({
  room: Object.freeze(['registered', 'activeCall', 'joinerConnected', 'signal', 'callEnded', 'mediaState', 'screenShare',
    'chat', 'peerPresence', 'quality', 'pong', 'error', 'waitingMessage', 'callDeclined', 'chatTranscript']),
  lobby: Object.freeze(['registered', 'callStatus', 'appointmentChanged', 'pong', 'error', 'patientReadiness']),
});

function decode(raw, schemas, family) {
  if (!isText(raw) || raw.trim() === '') fail('MALFORMED_MESSAGE', 'empty message');
  let tree;
  try {
    tree = JSON.parse(raw);
  } catch (e) {
    fail('MALFORMED_MESSAGE', `not valid JSON: ${e.message}`);
  }
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) fail('MALFORMED_MESSAGE', 'a JSON object was expected');
  // Like the Java codec: an error caused by a message echoes its request id when that id is usable.
  const requestId = isText(tree.requestId) && tree.requestId.length >= 1 && tree.requestId.length <= MAX_REQUEST_ID_LENGTH
    ? tree.requestId : undefined;
  try {
    return check(tree, schemas, family);
  } catch (e) {
    if (e instanceof ProtocolError && e.requestId === undefined) e.requestId = requestId;
    throw e;
  }
}

function check(tree, schemas, family) {
  if (tree.type === undefined || tree.type === null) fail('MISSING_FIELD', "field 'type' is required");
  if (!isText(tree.type)) fail('INVALID_FIELD', "field 'type' must be text");
  if (!Object.hasOwn(schemas, tree.type)) fail('UNKNOWN_TYPE', `unknown message type '${tree.type}'`);
  if (family && !family.includes(tree.type)) {
    fail('UNKNOWN_TYPE', `message type '${tree.type}' does not arrive on this socket`);
  }
  const out = { type: tree.type };
  for (const [field, [kind, required]] of Object.entries(schemas[tree.type])) {
    const value = tree[field];
    if (value === undefined || value === null) {
      if (required) fail('MISSING_FIELD', `field '${field}' is required`);
      continue;
    }
    out[field] = KINDS[kind](value, field);
  }
  // Unknown fields are ignored, so a newer server may add fields without breaking this page.
  if (out.type === 'registered' && out.iceServers === undefined) out.iceServers = [];
  return out;
}

/**
 * Reads one text frame from the server, as a message of this socket's family (the page has a room socket).
 * @param {string} raw
 * @param {'room'|'lobby'} [socket]
 * @returns {ServerMessage}
 * @throws {ProtocolError}
 */
export function parseServerMessage(raw, socket = 'room') {
  return /** @type {ServerMessage} */ (decode(raw, SERVER, SOCKET_FAMILIES[socket]));
}

/**
 * Reads a client message, as the server would; the page uses it to check what its builders produce.
 * @param {string} raw
 * @returns {{type: string} & Record<string, unknown>}
 * @throws {ProtocolError}
 */
export function parseClientMessage(raw) {
  return decode(raw, CLIENT, undefined);
}

/**
 * Checks a client message and writes it as JSON. Optional fields that are undefined are left out.
 * @param {{type: string} & Record<string, unknown>} message
 * @returns {string}
 */
export function encodeClientMessage(message) {
  const clean = Object.fromEntries(Object.entries(message).filter(([, v]) => v !== undefined && v !== null));
  check(clean, CLIENT, undefined);
  return JSON.stringify(clean);
}

// ---- builders: the page's only way to make a client message ----

/** @param {string} token @param {string} [requestId] */
export const register = (token, requestId) => ({ type: 'register', token, protocolVersion: PROTOCOL_VERSION, requestId });
/** @param {string} [requestId] */
export const startCall = (requestId) => ({ type: 'startCall', requestId });
/** @param {string} [requestId] */
export const joinCall = (requestId) => ({ type: 'joinCall', requestId });
/** @param {string} [requestId] */
export const endCall = (requestId) => ({ type: 'endCall', requestId });
/** @param {SignalPayload} signal @param {string} [requestId] */
export const signal = (signal, requestId) => ({ type: 'signal', signal, requestId });
/** @param {boolean} audio @param {boolean} video @param {string} [requestId] */
export const mediaState = (audio, video, requestId) => ({ type: 'mediaState', audio, video, requestId });
/** @param {boolean} active @param {string} [requestId] */
export const screenShare = (active, requestId) => ({ type: 'screenShare', active, requestId });
/** @param {string} text @param {string} [requestId] */
export const chat = (text, requestId) => ({ type: 'chat', text, requestId });
/** @param {'interrupted'|'restored'} state @param {string} [requestId] */
export const mediaConnection = (state, requestId) => ({ type: 'mediaConnection', state, requestId });
/** @param {QualityReport} report @param {string} [requestId] */
export const quality = (report, requestId) => ({ type: 'quality', report, requestId });
/** @param {string} [requestId] */
export const ping = (requestId) => ({ type: 'ping', requestId });
/** @param {WireReadiness} readiness @param {string} [requestId] */
export const readiness = (readiness, requestId) => ({ type: 'readiness', readiness, requestId });

/**
 * The WebRTC payload for a session description, in the shape RTCSessionDescription.toJSON() gives: {type, sdp}.
 * @param {RTCSessionDescriptionInit} description
 * @returns {SignalPayload}
 */
export const descriptionSignal = (description) => ({ type: description.type, sdp: description.sdp });

/**
 * The WebRTC payload for an ICE candidate or the end of candidates: the browser's RTCIceCandidate.toJSON(), passed on
 * as it is (usernameFragment, a null sdpMid and fields a newer browser adds included), so the other party's
 * addIceCandidate gets exactly what this browser produced.
 * @param {RTCIceCandidateInit} c
 * @returns {SignalPayload}
 */
export const candidateSignal = (c) => ({ ...c });

/**
 * @typedef {{type?: 'offer'|'answer'|'pranswer'|'rollback', sdp?: string, candidate?: string,
 *   sdpMid?: string|null, sdpMLineIndex?: number|null, usernameFragment?: string|null}} SignalPayload
 * @typedef {{camera: {status: string, framesSeen: boolean}, microphone: {status: string, levelSeen: boolean},
 *   speaker: {status: string}, browser: string, device: string,
 *   network: {candidateTypes: string[], roundTripMs?: number, uplinkKbps?: number}}} WireReadiness
 * @typedef {{level: 'good'|'fair'|'poor'} & Record<string, number|string>} QualityReport
 * @typedef {{type: string} & Record<string, any>} ServerMessage
 *   On the room socket one of: registered, activeCall, joinerConnected, signal, callEnded, mediaState, screenShare,
 *   chat, peerPresence, pong, error, chatTranscript (fields as in PROTOCOL.md).
 */
