// Keeps a call going on a phone: the screen stays on while the call runs (Wake Lock), the lock screen and headset
// buttons control the call (Media Session), and when the phone takes the microphone or camera away (a phone call
// comes in, the screen locked, another app took the camera) the page notices and offers to resume.
//
// What browsers allow: Chrome on Android keeps audio flowing while the screen is locked; it pauses the camera.
// iOS Safari mutes the microphone track during a phone call and may end the camera track when the page is in the
// background; both fire events on the track, which is what this module listens to.

/** How often the keeper looks at the tracks besides their events. */
export const POLL_MS = 2000;

/**
 * What the patient has lost, from the state of the local tracks: 'audio' when the microphone is taken (muted by the
 * system or ended), 'camera' when the camera track ended or is muted while the patient wants video, else null.
 * @param {{kind: string, readyState: string, muted: boolean}[]} tracks
 * @param {{camOn: boolean}} wanted
 * @returns {'audio'|'camera'|null}
 */
export function interruptionOf(tracks, { camOn }) {
  const audio = tracks.find((t) => t.kind === 'audio');
  if (audio && (audio.readyState === 'ended' || audio.muted)) return 'audio';
  const video = tracks.find((t) => t.kind === 'video');
  if (camOn && video && (video.readyState === 'ended' || video.muted)) return 'camera';
  return null;
}

/**
 * Watches one call's local media and the page's visibility.
 */
export class CallKeeper {
  /**
   * @param {{onChange: (lost: 'audio'|'camera'|null) => void, wanted: () => {camOn: boolean},
   *   actions?: {hangup?: () => void, togglemicrophone?: () => void, togglecamera?: () => void},
   *   title?: string, doc?: Document, nav?: Navigator}} options
   */
  constructor(options) {
    this.options = options;
    this.doc = options.doc ?? globalThis.document;
    this.nav = options.nav ?? globalThis.navigator;
    /** @type {MediaStream | null} */
    this.stream = null;
    this.wakeLock = null;
    this.last = null;
    this.onVisibility = () => this.visibilityChanged();
    this.onTrack = () => this.check();
    this.poll = null;
  }

  /** @param {MediaStream | null} stream the patient's camera and microphone */
  start(stream) {
    this.watch(stream);
    this.doc.addEventListener('visibilitychange', this.onVisibility);
    // Track events are not fired everywhere (a source that ends without 'ended', a system mute Safari reports
    // late): a look every two seconds catches what the events miss.
    this.poll = setInterval(() => this.check(), POLL_MS);
    this.lockScreen(true);
    this.mediaSession(true);
  }

  /** Follows a new stream (after a device switch or a resume). @param {MediaStream | null} stream */
  watch(stream) {
    for (const t of this.stream?.getTracks() ?? []) this.unlisten(t);
    this.stream = stream;
    for (const t of stream?.getTracks() ?? []) {
      t.addEventListener('mute', this.onTrack);
      t.addEventListener('unmute', this.onTrack);
      t.addEventListener('ended', this.onTrack);
    }
    this.check();
  }

  stop() {
    for (const t of this.stream?.getTracks() ?? []) this.unlisten(t);
    this.stream = null;
    clearInterval(this.poll);
    this.poll = null;
    this.doc.removeEventListener('visibilitychange', this.onVisibility);
    this.lockScreen(false);
    this.mediaSession(false);
    this.last = null;
  }

  unlisten(t) {
    t.removeEventListener('mute', this.onTrack);
    t.removeEventListener('unmute', this.onTrack);
    t.removeEventListener('ended', this.onTrack);
  }

  check() {
    const lost = this.stream ? interruptionOf(this.stream.getTracks(), this.options.wanted()) : null;
    if (lost !== this.last) {
      this.last = lost;
      this.options.onChange(lost);
    }
  }

  visibilityChanged() {
    // A wake lock is released whenever the page is hidden; take it again when the patient comes back.
    if (this.doc.visibilityState === 'visible') this.lockScreen(true);
    this.check();
  }

  async lockScreen(on) {
    try {
      if (on && !this.wakeLock && this.nav.wakeLock && this.doc.visibilityState === 'visible') {
        this.wakeLock = await this.nav.wakeLock.request('screen');
        this.wakeLock.addEventListener?.('release', () => { this.wakeLock = null; });
      } else if (!on && this.wakeLock) {
        const lock = this.wakeLock;
        this.wakeLock = null;
        await lock.release();
      }
    } catch (e) {
      // Refused (battery saver, no user gesture yet): the phone may dim, the call goes on.
      console.info('CareCall: screen wake lock not available', e?.name);
    }
  }

  mediaSession(on) {
    const session = this.nav.mediaSession;
    if (!session) return;
    if (on && this.options.title && globalThis.MediaMetadata) {
      session.metadata = new globalThis.MediaMetadata({ title: this.options.title, artist: 'CareCall' });
    } else if (!on) {
      session.metadata = null;
    }
    for (const [action, handler] of Object.entries(this.options.actions ?? {})) {
      try {
        session.setActionHandler(action, on ? handler : null);
      } catch {
        // This browser has no such action (hangup and the toggles are newer than play/pause).
      }
    }
  }
}
