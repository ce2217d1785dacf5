// The call's live quality on the page: every second it reads the peer connection's statistics and this side's
// round trip to the server (its own pings), judges the call with the doctor's latest report, sends its own report
// to the doctor (through the server, which also keeps a summary for the call's history) and tells the page what to
// show. Nothing here touches the page itself: app.js passes what it needs and draws what it gets.

import * as msg from './protocol.js';
import {
  QualityMeter, ServerRoundTrip, PoorStreak, STALE_MS, judge, reportOf,
} from './quality.js';

export const INTERVAL_MS = 1000;

export class CallQuality {
  /**
   * @param {{
   *   stats: () => Promise<Iterable<any>|null>,
   *   send: (message: object) => boolean,
   *   onChange: (view: QualityView) => void,
   *   now?: () => number,
   * }} deps
   */
  constructor({ stats, send, onChange, now = () => Date.now() }) {
    this.stats = stats;
    this.send = send;
    this.onChange = onChange;
    this.now = now;
    this.meter = new QualityMeter();
    this.server = new ServerRoundTrip();
    this.streak = new PoorStreak();
    /** @type {{report: object, at: number}|null} */
    this.theirs = null;
    this.timer = null;
    this.busy = false;
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), INTERVAL_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.meter = new QualityMeter();
    this.streak = new PoorStreak();
    this.theirs = null;
  }

  /** The doctor's report arrived. @param {object} report */
  received(report) {
    this.theirs = { report, at: this.now() };
  }

  /** A pong: true when it answered one of this module's pings. @param {string|undefined} requestId */
  pong(requestId) {
    return this.server.answered(requestId, this.now());
  }

  async tick() {
    if (this.busy) return; // a slow getStats on a loaded machine: skip a beat rather than pile up
    this.busy = true;
    try {
      const now = this.now();
      this.send(msg.ping(this.server.next(now)));
      const reports = await this.stats();
      if (!reports || !this.timer) return;
      const figures = this.meter.sample(reports, now);
      const server = this.server.worst(now);
      if (server !== undefined) figures.serverRttMs = Math.round(server);
      const theirs = this.theirs && now - this.theirs.at <= STALE_MS ? this.theirs.report : null;
      const verdict = judge(figures, theirs);
      this.send(msg.quality(reportOf(figures)));
      this.onChange({ ...verdict, figures, suggestCameraOff: this.streak.update(verdict.level, now) });
    } finally {
      this.busy = false;
    }
  }
}

/**
 * @typedef {{level: 'good'|'fair'|'poor', reason: import('./quality.js').QualityReason,
 *   figures: import('./quality.js').Figures, suggestCameraOff: boolean}} QualityView
 */
