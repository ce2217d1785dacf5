// The patient's camera goes out small for the first moments of a call and at its full size as soon as the bandwidth
// estimate can carry it.
//
// Why: a new video stream starts on a low bandwidth estimate (800 kbps with the start bitrate the doctor's console
// writes into its descriptions, 300 kbps without). libwebrtc, in Chromium as in the console, will not encode a first
// frame that is "too large for the target bitrate": it drops the camera's 1280×720 frames and asks the camera for
// smaller ones, and until those arrive the encoder sits idle. Measured on loopback: 300–600 ms after the connection
// was up in which the doctor saw nothing. A 640×360 frame is encoded at once; the estimate's first probes reach
// several megabits a few hundred milliseconds later, and the picture grows to its full size then.

/** The first frames' height at most: what libwebrtc encodes at once on an 800 kbps start. */
export const START_HEIGHT = 360;

/** The sender's target bitrate from which the full picture goes out (bits per second). */
export const FULL_SIZE_BPS = 1_000_000;

/** How often the sender's figures are read while the picture is small, and for how long at most. */
export const CHECK_EVERY_MS = 100;
export const GROW_AFTER_MS = 3000;

/** One call's video sender, small until {@link FirstPicture#grow} finds the estimate up. */
export class FirstPicture {
  /**
   * @param {RTCRtpSender | undefined} sender the camera's sender (none: nothing to do)
   * @param {MediaStreamTrack} track the camera
   */
  constructor(sender, track) {
    this.sender = sender;
    this.timer = null;
    this.stopped = false;
    this.growing = false;
    /** @type {Promise<void> | null} */ this.shrunk = null;
    /** Whether the picture is reduced now: only then is there something to grow. */
    this.small = false;
    const height = track.getSettings?.().height ?? 0;
    this.scale = height > START_HEIGHT ? height / START_HEIGHT : 1;
  }

  /**
   * Makes the first frames small; called before the negotiation, so the encoder is set up for them from the start.
   * @returns {Promise<void>}
   */
  shrink() {
    this.shrunk ??= (this.scale === 1 || !this.sender?.getParameters ? Promise.resolve(false)
      : this.setScale(this.scale)).then((small) => { this.small = small; });
    return this.shrunk;
  }

  /**
   * The connection is up: the full picture goes out once the sender's estimate carries it (browsers that do not
   * report it: once the first frame went out), and after {@link GROW_AFTER_MS} in any case, libwebrtc's own
   * adaptation choosing the size from then on.
   * @param {() => Promise<RTCStatsReport>} stats the connection's statistics
   */
  grow(stats) {
    if (this.growing || this.stopped) return;
    this.growing = true;
    let checks = 0;
    const check = async () => {
      this.timer = null;
      const report = this.stopped ? null : await stats().catch(() => null);
      if (!report || this.stopped) return;
      const out = [...report.values()].find((r) => r.type === 'outbound-rtp' && r.kind === 'video');
      const ready = (out?.framesEncoded ?? 0) > 0
        && (out.targetBitrate === undefined || out.targetBitrate >= FULL_SIZE_BPS);
      checks += 1;
      if (ready || checks >= GROW_AFTER_MS / CHECK_EVERY_MS) {
        if (await this.setScale(1)) this.small = false;
        return;
      }
      if (!this.stopped) this.timer = setTimeout(check, CHECK_EVERY_MS);
    };
    (this.shrunk ?? Promise.resolve()).then(() => {
      if (this.small && !this.stopped) check();
    });
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = null;
  }

  /** @returns {Promise<boolean>} whether the browser took the new size */
  async setScale(scale) {
    try {
      const params = this.sender.getParameters();
      // Before the negotiation some browsers list no encoding yet: the picture then simply starts at its full size.
      if (!params.encodings?.length) return false;
      params.encodings[0].scaleResolutionDownBy = scale;
      await this.sender.setParameters(params);
      return true;
    } catch (e) {
      console.warn('CareCall: could not set the picture size', scale, e);
      return false;
    }
  }
}
