// The network part of the pre-call check: which ICE candidates this browser can gather with the servers CareCall
// hands out (a direct path, one through STUN, one through a TURN relay), and the round trip to the server.

/** How long candidate gathering may take; STUN and TURN answer within a second or two on a working network. */
export const GATHER_TIMEOUT_MS = 8000;

/**
 * The kind of one ICE candidate line: host (a direct path), srflx/prflx (STUN: the address the internet sees),
 * relay (TURN). Unknown lines give null.
 * @param {string} line e.g. "candidate:1 1 udp 2122 192.168.1.4 50000 typ host"
 */
export function candidateType(line) {
  const match = / typ (host|srflx|prflx|relay)(?: |$)/.exec(line ?? '');
  return match ? match[1] : null;
}

/**
 * Which paths the gathered candidates open.
 * @param {Iterable<string>} lines candidate lines
 * @returns {{direct: boolean, stun: boolean, relay: boolean}}
 */
export function pathsFrom(lines) {
  const paths = { direct: false, stun: false, relay: false };
  for (const line of lines) {
    const type = candidateType(line);
    if (type === 'host') paths.direct = true;
    else if (type === 'srflx' || type === 'prflx') paths.stun = true;
    else if (type === 'relay') paths.relay = true;
  }
  return paths;
}

/**
 * Which kinds of server the clinic offers.
 * @param {{urls: string[] | string}[]} iceServers
 */
export function offeredServers(iceServers) {
  const urls = iceServers.flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]));
  return {
    stun: urls.some((u) => /^stuns?:/i.test(u)),
    turn: urls.some((u) => /^turns?:/i.test(u)),
  };
}

/**
 * Gathers candidates as a call would (one data channel, no media needed) and reports the paths found.
 * @param {RTCIceServer[]} iceServers from `registered`
 * @param {{RTCPeerConnectionImpl?: typeof RTCPeerConnection, timeoutMs?: number}} [options]
 * @returns {Promise<{direct: boolean, stun: boolean, relay: boolean, lines: string[], gatherMs: number}>}
 */
export async function gatherPaths(iceServers, options = {}) {
  const Impl = options.RTCPeerConnectionImpl ?? globalThis.RTCPeerConnection;
  const timeoutMs = options.timeoutMs ?? GATHER_TIMEOUT_MS;
  const started = Date.now();
  const pc = new Impl({ iceServers });
  /** @type {string[]} */
  const lines = [];
  try {
    const done = new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      pc.onicecandidate = ({ candidate }) => {
        if (candidate?.candidate) lines.push(candidate.candidate);
        else if (candidate === null) {
          clearTimeout(timer);
          resolve();
        }
      };
      pc.onicegatheringstatechange = () => {
        if (pc.iceGatheringState === 'complete') {
          clearTimeout(timer);
          resolve();
        }
      };
    });
    pc.createDataChannel('carecall-check');
    await pc.setLocalDescription(await pc.createOffer());
    await done;
  } finally {
    pc.close();
  }
  return { ...pathsFrom(lines), lines, gatherMs: Date.now() - started };
}

/**
 * Round trips to the server over the room socket's ping/pong: `send(requestId)` sends a ping, `answered(requestId)`
 * is called by the page when its pong arrives.
 */
export class RoundTrips {
  /** @param {() => number} [clock] */
  constructor(clock = () => performance.now()) {
    this.clock = clock;
    /** @type {Map<string, number>} */
    this.sentAt = new Map();
    /** @type {number[]} */
    this.samples = [];
    this.counter = 0;
  }

  /** A new request id for a ping about to be sent. */
  next() {
    const id = `rtt-${++this.counter}`;
    this.sentAt.set(id, this.clock());
    return id;
  }

  /** @param {string | undefined} requestId @returns {boolean} whether this pong was one of ours */
  answered(requestId) {
    const sent = requestId ? this.sentAt.get(requestId) : undefined;
    if (sent === undefined) return false;
    this.sentAt.delete(requestId);
    this.samples.push(this.clock() - sent);
    return true;
  }

  /** The median round trip in whole milliseconds, or null before any answer. */
  median() {
    if (!this.samples.length) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return Math.round(sorted[Math.floor(sorted.length / 2)]);
  }
}

/**
 * An upload estimate: a few requests of `bytes` each sent at once (the backend reads and drops them), timed
 * together. Rough by nature (it includes the requests' round trips), which errs on the safe side for a doctor
 * deciding whether video will hold.
 * @param {(body: Uint8Array) => Promise<unknown>} post sends one request and resolves when it is answered
 * @param {{requests?: number, bytes?: number, clock?: () => number}} [options]
 * @returns {Promise<number | null>} kbit/s, or null when a request failed
 */
export async function measureUplink(post, { requests = 4, bytes = 15000, clock = () => performance.now() } = {}) {
  const body = new Uint8Array(bytes);
  // Random bytes, so no proxy on the way can compress them away.
  for (let i = 0; i < bytes; i += 65536) globalThis.crypto?.getRandomValues?.(body.subarray(i, Math.min(bytes, i + 65536)));
  const started = clock();
  try {
    await Promise.all(Array.from({ length: requests }, () => post(body)));
  } catch {
    return null;
  }
  const ms = Math.max(1, clock() - started);
  return Math.round((requests * bytes * 8) / ms);
}
