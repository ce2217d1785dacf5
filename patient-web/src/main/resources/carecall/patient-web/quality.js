// Live call quality: figures from the peer connection's statistics every second, this side's round trip to the
// server, and a good / fair / poor judgement with the one reason a person can act on, naming whose side a problem
// is on. The console's engine judges the same way (console-core's QualityJudge); both are held to the shared cases
// in protocol/src/test/resources/fixtures/quality-cases.json.

import { CANDIDATE_TYPES } from './protocol.js';

/** Thresholds of the judgement (QualityJudge has the same). */
export const LIMITS = Object.freeze({
  lossFairPct: 3, lossPoorPct: 8, rttFairMs: 250, rttPoorMs: 500, jitterFairMs: 50,
  uploadFairKbps: 300, uploadPoorKbps: 150, slowServerMs: 150,
});
/** A report of the other side older than this is not used. */
export const STALE_MS = 5000;
/** The server round trip reported is the worst of this window. */
export const SERVER_WINDOW_MS = 10_000;
/** How long poor must last before the page suggests turning the camera off. */
export const POOR_FOR_SUGGESTION_MS = 15_000;

const LEVELS = ['good', 'fair', 'poor'];
const worse = (a, b) => (LEVELS.indexOf(b) > LEVELS.indexOf(a) ? b : a);
const max = (...values) => {
  const known = values.filter((v) => typeof v === 'number');
  return known.length === 0 ? undefined : Math.max(...known);
};

/**
 * Which side's network is slow: 'own', 'other', or 'path' when the server round trips do not tell.
 * @param {Figures} mine @param {Figures|null} theirs
 */
function side(mine, theirs) {
  const my = mine.serverRttMs;
  const their = theirs?.serverRttMs;
  if (typeof my !== 'number' || typeof their !== 'number') return 'path';
  if (my >= LIMITS.slowServerMs && my >= 2 * their) return 'own';
  if (their >= LIMITS.slowServerMs && their >= 2 * my) return 'other';
  return 'path';
}

/** @param {Figures|null|undefined} r @returns {'good'|'fair'|'poor'} */
function uploadLevel(r) {
  if (!r || !r.sendResolution) return 'good'; // no video sent: a low bitrate is all audio needs
  const kbps = r.availableSendKbps ?? r.sendKbps;
  if (typeof kbps !== 'number') return 'good';
  return kbps < LIMITS.uploadPoorKbps ? 'poor' : kbps < LIMITS.uploadFairKbps ? 'fair' : 'good';
}

/**
 * Judges the call from this side's figures and the other side's latest report (null when none or stale).
 * @param {Figures} mine @param {Figures|null} theirs
 * @returns {{level: 'good'|'fair'|'poor', reason: QualityReason}}
 */
export function judge(mine, theirs) {
  const where = side(mine, theirs);
  /** @type {{level: string, reason: string}[]} in order of preference at the same level */
  const issues = [];
  const loss = max(mine.sendLossPct, mine.receiveLossPct, theirs?.sendLossPct, theirs?.receiveLossPct);
  if (loss !== undefined && loss >= LIMITS.lossFairPct) {
    issues.push({ level: loss >= LIMITS.lossPoorPct ? 'poor' : 'fair', reason: `${where}_loss` });
  }
  const myUpload = uploadLevel(mine);
  if (myUpload !== 'good') issues.push({ level: myUpload, reason: 'own_upload' });
  const theirUpload = uploadLevel(theirs);
  if (theirUpload !== 'good') issues.push({ level: theirUpload, reason: 'other_upload' });
  const rtt = mine.rttMs ?? theirs?.rttMs;
  const jitter = max(mine.jitterMs, theirs?.jitterMs);
  let delay = 'good';
  if (typeof rtt === 'number') delay = rtt >= LIMITS.rttPoorMs ? 'poor' : rtt >= LIMITS.rttFairMs ? 'fair' : 'good';
  if (jitter !== undefined && jitter >= LIMITS.jitterFairMs) delay = worse(delay, 'fair');
  if (delay !== 'good') issues.push({ level: delay, reason: `${where}_delay` });

  const level = issues.reduce((l, i) => worse(l, i.level), 'good');
  if (level === 'good') return { level, reason: 'none' };
  // At the worst level, a reason that names a side is worth more than one that cannot.
  const worst = issues.filter((i) => i.level === level);
  const named = worst.find((i) => !i.reason.startsWith('path_')) ?? worst[0];
  return { level, reason: /** @type {QualityReason} */ (named.reason) };
}

/**
 * Turns successive getStats() reports into the figures of the last interval.
 */
export class QualityMeter {
  constructor() {
    /** @type {Map<string, any>|null} */
    this.previous = null;
    this.previousAt = 0;
  }

  /**
   * @param {Iterable<any>} reports the values of an RTCStatsReport
   * @param {number} now milliseconds
   * @returns {Figures}
   */
  sample(reports, now) {
    const all = [...reports];
    const byId = new Map(all.map((r) => [r.id, r]));
    const before = this.previous;
    const seconds = before ? (now - this.previousAt) / 1000 : 0;
    this.previous = byId;
    this.previousAt = now;
    /** @type {Figures} */
    const f = {};
    const selectedId = all.find((r) => r.type === 'transport' && r.selectedCandidatePairId)?.selectedCandidatePairId;
    const pair = selectedId ? byId.get(selectedId)
      : all.find((r) => r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded');
    if (typeof pair?.currentRoundTripTime === 'number') f.rttMs = Math.round(pair.currentRoundTripTime * 1000);
    // The pair's candidate types tell a direct path from one through a TURN relay, for the call's history.
    const local = byId.get(pair?.localCandidateId)?.candidateType;
    const remote = byId.get(pair?.remoteCandidateId)?.candidateType;
    if (CANDIDATE_TYPES.includes(local) && CANDIDATE_TYPES.includes(remote)) {
      f.localCandidate = local;
      f.remoteCandidate = remote;
    }
    if (typeof pair?.availableOutgoingBitrate === 'number') {
      f.availableSendKbps = Math.round(pair.availableOutgoingBitrate / 1000);
    }
    let sentBytes = 0;
    let receivedBytes = 0;
    let jitter;
    for (const r of all) {
      const old = before?.get(r.id);
      if (r.type === 'outbound-rtp') {
        if (old) sentBytes += Math.max(0, (r.bytesSent ?? 0) - (old.bytesSent ?? 0));
        if (r.kind === 'video' && r.frameWidth) {
          f.sendResolution = `${r.frameWidth}x${r.frameHeight}`;
          if (typeof r.framesPerSecond === 'number') f.sendFps = Math.round(r.framesPerSecond);
        }
      } else if (r.type === 'inbound-rtp') {
        if (old) {
          receivedBytes += Math.max(0, (r.bytesReceived ?? 0) - (old.bytesReceived ?? 0));
          const lost = Math.max(0, (r.packetsLost ?? 0) - (old.packetsLost ?? 0));
          const got = Math.max(0, (r.packetsReceived ?? 0) - (old.packetsReceived ?? 0));
          if (lost + got > 0) f.receiveLossPct = max(f.receiveLossPct, round1((100 * lost) / (lost + got)));
        }
        if (r.kind === 'audio' && typeof r.jitter === 'number') jitter = max(jitter, r.jitter * 1000);
        if (r.kind === 'video' && r.frameWidth) {
          f.receiveResolution = `${r.frameWidth}x${r.frameHeight}`;
          if (typeof r.framesPerSecond === 'number') f.receiveFps = Math.round(r.framesPerSecond);
        }
      } else if (r.type === 'remote-inbound-rtp' && typeof r.fractionLost === 'number') {
        f.sendLossPct = max(f.sendLossPct, round1(Math.min(100, Math.max(0, r.fractionLost * 100))));
      }
    }
    if (jitter !== undefined) f.jitterMs = Math.round(jitter);
    if (seconds > 0) {
      f.sendKbps = Math.round((sentBytes * 8) / 1000 / seconds);
      f.receiveKbps = Math.round((receivedBytes * 8) / 1000 / seconds);
    }
    return f;
  }
}

const round1 = (v) => Math.round(v * 10) / 10;

/**
 * This side's round trip to the server from its own pings: the worst of the last ten seconds, a ping still
 * unanswered counting with its age. A lossy or slow network of one's own shows here; the other side's does not.
 */
export class ServerRoundTrip {
  constructor() {
    /** @type {Map<string, number>} */
    this.pending = new Map();
    /** @type {{at: number, ms: number}[]} */
    this.samples = [];
    this.sequence = 0;
  }

  /** A request id for the next ping, sent now. @param {number} now @returns {string} */
  next(now) {
    const id = `quality-${++this.sequence}`;
    this.pending.set(id, now);
    return id;
  }

  /** A pong came. @param {string|undefined} requestId @param {number} now @returns {boolean} it was one of ours */
  answered(requestId, now) {
    const sent = requestId === undefined ? undefined : this.pending.get(requestId);
    if (sent === undefined) return false;
    this.pending.delete(requestId);
    this.samples.push({ at: now, ms: now - sent });
    return true;
  }

  /** @param {number} now @returns {number|undefined} */
  worst(now) {
    const from = now - SERVER_WINDOW_MS;
    this.samples = this.samples.filter((s) => s.at >= from);
    for (const [id, sent] of this.pending) {
      if (sent < from) this.pending.delete(id); // unanswered for the whole window: gone with a dropped socket
    }
    const ages = [...this.pending.values()].map((sent) => now - sent).filter((age) => age >= LIMITS.slowServerMs);
    return max(...this.samples.map((s) => s.ms), ...ages);
  }
}

/**
 * Keeps whether quality has stayed poor long enough to suggest turning the camera off.
 */
export class PoorStreak {
  constructor() {
    /** @type {number|null} */
    this.since = null;
  }

  /** @param {string} level @param {number} now @returns {boolean} poor for POOR_FOR_SUGGESTION_MS by now */
  update(level, now) {
    if (level !== 'poor') {
      this.since = null;
      return false;
    }
    this.since ??= now;
    return now - this.since >= POOR_FOR_SUGGESTION_MS;
  }
}

/**
 * The report this side sends: its figures and its own judgement of them.
 * @param {Figures} figures
 * @returns {import('./protocol.js').QualityReport}
 */
export function reportOf(figures) {
  return { level: judge(figures, null).level, ...figures, client: 'browser' };
}

/**
 * @typedef {'none'|'own_loss'|'own_upload'|'own_delay'|'other_loss'|'other_upload'|'other_delay'|'path_loss'
 *   |'path_delay'} QualityReason
 * @typedef {{rttMs?: number, serverRttMs?: number, sendKbps?: number, receiveKbps?: number,
 *   availableSendKbps?: number, sendLossPct?: number, receiveLossPct?: number, jitterMs?: number, sendFps?: number,
 *   receiveFps?: number, sendResolution?: string, receiveResolution?: string, localCandidate?: string,
 *   remoteCandidate?: string}} Figures
 */
