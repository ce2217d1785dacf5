// The readiness report: the whole result of the pre-call check in one plain object, the shape the doctor's side
// will be shown (a later wire message carries it as is). This module owns the shape, the verdict and its checks;
// the words for the patient are in the catalogue under blocker.* and warning.*.

export const READINESS_VERSION = 1;

/** Why a call cannot work, in the order the patient should fix them; each has its words under `blocker.*`. */
export const BLOCKERS = Object.freeze({
  NO_WEBRTC: 'blocker.webrtc',
  SERVER_UNREACHABLE: 'blocker.server',
  NO_MEDIA_PATH: 'blocker.media',
});

/** What makes a call worse but not impossible; each has its words under `warning.*`. */
export const WARNINGS = Object.freeze({
  NO_CAMERA: 'warning.noCamera',
  NO_MICROPHONE: 'warning.noMicrophone',
  SPEAKER_NOT_HEARD: 'warning.speaker',
  INTERNET_PATH_BLOCKED: 'warning.udp',
});

export const DEVICE_STATUSES = Object.freeze(['checking', 'ok', 'denied', 'busy', 'missing', 'insecure', 'unknown']);
export const SPEAKER_STATUSES = Object.freeze(['untested', 'heard', 'not-heard', 'failed']);
export const SERVER_STATUSES = Object.freeze(['checking', 'reached', 'unreachable']);
export const VERDICTS = Object.freeze(['checking', 'ready', 'warnings', 'blocked']);

/**
 * @typedef {'checking'|'ok'|'denied'|'busy'|'missing'|'insecure'|'unknown'} DeviceStatus
 * @typedef {object} ReadinessReport
 * @property {number} version              READINESS_VERSION
 * @property {string} checkedAt            ISO time of the last change
 * @property {string} language             the page's language, e.g. "de"
 * @property {{status: DeviceStatus, count: number, framesSeen: boolean}} camera  count: cameras the browser lists;
 *   framesSeen: the preview showed a frame
 * @property {{status: DeviceStatus, count: number, levelSeen: boolean}} microphone  levelSeen: the meter moved
 * @property {{status: 'untested'|'heard'|'not-heard'|'failed', outputChoice: boolean}} speaker
 *   outputChoice: the browser lets the page choose the output device (setSinkId)
 * @property {{browser: string, device: string}} client  "Chrome 131", "Android phone" (see describeClient)
 * @property {{webrtc: boolean, server: 'checking'|'reached'|'unreachable', roundTripMs: number | null,
 *   uplinkKbps: number | null,
 *   offered: {stun: boolean, turn: boolean},
 *   paths: {direct: boolean | null, stun: boolean | null, relay: boolean | null}}} network
 *   paths: null while gathering, else whether a candidate of that kind was found (stun and relay only mean
 *   anything when the server offered such a server)
 * @property {'checking'|'ready'|'warnings'|'blocked'} verdict
 * @property {string[]} blockers           keys of BLOCKERS
 * @property {string[]} warnings           keys of WARNINGS
 */

/**
 * The report before anything is known.
 * @param {{language: string, webrtc: boolean, outputChoice: boolean, now?: Date,
 *   client?: {browser: string, device: string}}} init
 * @returns {ReadinessReport}
 */
export function emptyReport({ language, webrtc, outputChoice, now = new Date(), client = { browser: 'unknown', device: 'unknown' } }) {
  return summarise({
    version: READINESS_VERSION,
    checkedAt: now.toISOString(),
    language,
    camera: { status: 'checking', count: 0, framesSeen: false },
    microphone: { status: 'checking', count: 0, levelSeen: false },
    speaker: { status: 'untested', outputChoice },
    client: { ...client },
    network: {
      webrtc, server: 'checking', roundTripMs: null, uplinkKbps: null, offered: { stun: false, turn: false },
      paths: { direct: null, stun: null, relay: null },
    },
    verdict: 'checking', blockers: [], warnings: [],
  });
}

/**
 * A new report with `changes` merged in (one level deep per part) and the verdict worked out again.
 * @param {ReadinessReport} report
 * @param {{[K in keyof ReadinessReport]?: Partial<ReadinessReport[K]>}} changes
 * @param {Date} [now]
 * @returns {ReadinessReport}
 */
export function update(report, changes, now = new Date()) {
  const next = { ...report, checkedAt: now.toISOString() };
  for (const [part, value] of Object.entries(changes)) {
    next[part] = value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { ...report[part], ...value } : value;
  }
  return summarise(next);
}

/**
 * Works out blockers, warnings and the verdict from the measured parts. A blocker is shown as soon as it is
 * known, even while other parts are still being checked.
 * @param {ReadinessReport} r
 * @returns {ReadinessReport}
 */
export function summarise(r) {
  const blockers = [];
  const { network } = r;
  if (!network.webrtc) blockers.push('NO_WEBRTC');
  if (network.server === 'unreachable') blockers.push('SERVER_UNREACHABLE');
  const { direct, stun, relay } = network.paths;
  if (network.webrtc && direct === false && stun !== true && relay !== true) blockers.push('NO_MEDIA_PATH');

  const warnings = [];
  if (!['checking', 'ok'].includes(r.camera.status)) warnings.push('NO_CAMERA');
  if (!['checking', 'ok'].includes(r.microphone.status)) warnings.push('NO_MICROPHONE');
  if (r.speaker.status === 'not-heard' || r.speaker.status === 'failed') warnings.push('SPEAKER_NOT_HEARD');
  // A STUN or TURN server was offered but answered nothing: UDP (or the relay's port) is likely blocked, so a call
  // across the internet may fail even though the patient and a doctor on the same network would connect.
  const internetOffered = network.offered.stun || network.offered.turn;
  if (internetOffered && stun === false && relay !== true) warnings.push('INTERNET_PATH_BLOCKED');

  const checking = network.server === 'checking' || direct === null || r.camera.status === 'checking'
    || r.microphone.status === 'checking';
  const verdict = blockers.length ? 'blocked' : checking ? 'checking' : warnings.length ? 'warnings' : 'ready';
  return { ...r, verdict, blockers, warnings };
}

/**
 * Checks that an object has the report's shape, as a receiver of the report would; throws a TypeError naming the
 * first field that is wrong.
 * @param {any} r
 * @returns {ReadinessReport}
 */
export function checkReport(r) {
  const fail = (field, what) => { throw new TypeError(`readiness report: '${field}' ${what}`); };
  const object = (v, f) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : fail(f, 'must be an object'));
  const oneOf = (v, f, values) => (values.includes(v) ? v : fail(f, `must be one of ${values.join(', ')}`));
  const bool = (v, f) => (typeof v === 'boolean' ? v : fail(f, 'must be true or false'));
  const boolOrNull = (v, f) => (v === null || typeof v === 'boolean' ? v : fail(f, 'must be true, false or null'));
  const count = (v, f) => (Number.isInteger(v) && v >= 0 ? v : fail(f, 'must be a whole number, 0 or more'));
  object(r, 'report');
  if (r.version !== READINESS_VERSION) fail('version', `must be ${READINESS_VERSION}`);
  if (typeof r.checkedAt !== 'string' || Number.isNaN(Date.parse(r.checkedAt))) fail('checkedAt', 'must be an ISO time');
  if (typeof r.language !== 'string' || !/^[a-z]{2,3}$/.test(r.language)) fail('language', 'must be a language code');
  oneOf(object(r.camera, 'camera').status, 'camera.status', DEVICE_STATUSES);
  count(r.camera.count, 'camera.count');
  bool(r.camera.framesSeen, 'camera.framesSeen');
  for (const f of ['browser', 'device']) {
    if (typeof object(r.client, 'client')[f] !== 'string' || !r.client[f].trim()) fail(`client.${f}`, 'must be text');
  }
  oneOf(object(r.microphone, 'microphone').status, 'microphone.status', DEVICE_STATUSES);
  count(r.microphone.count, 'microphone.count');
  bool(r.microphone.levelSeen, 'microphone.levelSeen');
  oneOf(object(r.speaker, 'speaker').status, 'speaker.status', SPEAKER_STATUSES);
  bool(r.speaker.outputChoice, 'speaker.outputChoice');
  const n = object(r.network, 'network');
  bool(n.webrtc, 'network.webrtc');
  oneOf(n.server, 'network.server', SERVER_STATUSES);
  if (n.roundTripMs !== null && !(typeof n.roundTripMs === 'number' && n.roundTripMs >= 0)) {
    fail('network.roundTripMs', 'must be null or 0 or more');
  }
  if (n.uplinkKbps !== null && !(Number.isInteger(n.uplinkKbps) && n.uplinkKbps >= 0)) {
    fail('network.uplinkKbps', 'must be null or a whole number, 0 or more');
  }
  bool(object(n.offered, 'network.offered').stun, 'network.offered.stun');
  bool(n.offered.turn, 'network.offered.turn');
  for (const p of ['direct', 'stun', 'relay']) boolOrNull(object(n.paths, 'network.paths')[p], `network.paths.${p}`);
  oneOf(r.verdict, 'verdict', VERDICTS);
  for (const [field, known] of [['blockers', BLOCKERS], ['warnings', WARNINGS]]) {
    if (!Array.isArray(r[field])) fail(field, 'must be a list');
    for (const code of r[field]) if (!(code in known)) fail(field, `has unknown code '${code}'`);
  }
  return r;
}

/**
 * The report as the `readiness` wire message carries it to the doctor (Readiness.java): the measured parts, the
 * candidate types found, the client's names; the verdict stays on the page (the doctor's side words its own).
 * @param {ReadinessReport} r
 * @returns {import('./protocol.js').WireReadiness}
 */
export function toWire(r) {
  const { direct, stun, relay } = r.network.paths;
  const candidateTypes = [];
  if (direct) candidateTypes.push('host');
  if (stun) candidateTypes.push('srflx');
  if (relay) candidateTypes.push('relay');
  const network = { candidateTypes };
  if (r.network.roundTripMs !== null) network.roundTripMs = Math.round(r.network.roundTripMs);
  if (r.network.uplinkKbps !== null) network.uplinkKbps = Math.round(r.network.uplinkKbps);
  const name = (text) => (text.trim() || 'unknown').slice(0, 100);
  return {
    camera: { status: r.camera.status, framesSeen: r.camera.framesSeen },
    microphone: { status: r.microphone.status, levelSeen: r.microphone.levelSeen },
    speaker: { status: r.speaker.status },
    browser: name(r.client.browser),
    device: name(r.client.device),
    network,
  };
}

/**
 * The browser and device in a few words from the user agent (client hints where the browser has them): enough for
 * the doctor to know "an iPhone with Safari", never a fingerprint.
 * @param {string} userAgent
 * @param {{mobile?: boolean, platform?: string} | undefined} [hints] navigator.userAgentData
 * @returns {{browser: string, device: string}}
 */
export function describeClient(userAgent, hints) {
  const ua = userAgent ?? '';
  const version = (re) => re.exec(ua)?.[1];
  let browser = 'Browser';
  if (version(/Edg\/(\d+)/)) browser = `Edge ${version(/Edg\/(\d+)/)}`;
  else if (version(/Firefox\/(\d+)/)) browser = `Firefox ${version(/Firefox\/(\d+)/)}`;
  else if (version(/(?:Chrome|Chromium|CriOS)\/(\d+)/)) {
    browser = `${/HeadlessChrome/.test(ua) ? 'Chrome (headless)' : 'Chrome'} ${version(/(?:Chrome|Chromium|CriOS)\/(\d+)/)}`;
  } else if (version(/Version\/(\d+)[.\d]* .*Safari/)) browser = `Safari ${version(/Version\/(\d+)/)}`;
  let system = hints?.platform || '';
  if (!system) {
    system = /iPhone/.test(ua) ? 'iPhone' : /iPad/.test(ua) ? 'iPad' : /Android/.test(ua) ? 'Android'
      : /Windows/.test(ua) ? 'Windows' : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /CrOS/.test(ua) ? 'ChromeOS'
        : /Linux/.test(ua) ? 'Linux' : 'unknown system';
  }
  const mobile = hints?.mobile ?? /Mobi|iPhone|Android/.test(ua);
  const device = /^iP(hone|ad)$/.test(system) ? system : `${system} ${mobile ? 'phone' : 'desktop'}`;
  return { browser, device };
}
