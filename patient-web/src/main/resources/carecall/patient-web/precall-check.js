// The pre-call check beside the Start button: camera and microphone choice, the speaker test, the network test, and
// the verdict in plain words ("You are ready" / "This will not work because: …"). It keeps the readiness report
// (readiness.js) up to date; app.js owns the media and the socket and tells this check what happened.

import { $ } from './ui.js';
import { t } from './i18n.js';
import { canChooseSpeaker, groupDevices } from './devices.js';
import { gatherPaths, measureUplink, offeredServers, RoundTrips } from './network-check.js';
import { BLOCKERS, describeClient, emptyReport, toWire, update, WARNINGS } from './readiness.js';
import { playChime } from './speaker-test.js';

/** How long the readiness report waits for more changes before it goes to the doctor. */
export const REPORT_DELAY_MS = 400;
/** How long the preview is watched for its first frame. */
const FRAME_WATCH_MS = 20000;

/** How long the room socket may take to register before the check says CareCall cannot be reached. */
export const SERVER_TIMEOUT_MS = 8000;
const PINGS = 3;

export class PreCallCheck {
  /**
   * @param {{language: string, sendPing: (requestId: string) => boolean,
   *   onDevicesChosen: (choice: {cameraId?: string, microphoneId?: string}) => void,
   *   onSpeakerChosen: (deviceId: string) => void,
   *   sendReport?: (report: import('./protocol.js').WireReadiness) => boolean,
   *   postProbe?: (body: Uint8Array) => Promise<unknown>}} options
   *   sendReport: passes the report to the doctor's side (false while the socket is down);
   *   postProbe: one upload request for the uplink estimate
   */
  constructor(options) {
    this.options = options;
    this.state = emptyReport({
      language: options.language, webrtc: typeof globalThis.RTCPeerConnection === 'function',
      outputChoice: canChooseSpeaker(),
      client: describeClient(globalThis.navigator?.userAgent ?? '', globalThis.navigator?.userAgentData),
    });
    /** @type {string | null} the report last sent, as JSON */ this.sent = null;
    this.reportTimer = null;
    this.roundTrips = new RoundTrips();
    this.serverTimer = null;
    /** @type {string | null} */ this.speakerId = null;
    this.gathering = false;
    /** @type {RTCIceServer[] | null} */ this.iceServers = null;
    this.bind();
    this.render();
  }

  /** The readiness report as it stands (a copy: the page may send it, nobody may change it). */
  report() {
    return structuredClone(this.state);
  }

  set(changes) {
    this.state = update(this.state, changes);
    this.render();
    this.scheduleReport();
  }

  // ---- the report for the doctor ----

  /** Once the check has settled, each change goes to the doctor, a moment later so bursts go as one. */
  scheduleReport() {
    if (this.state.verdict === 'checking' || this.reportTimer || !this.options.sendReport) return;
    this.reportTimer = setTimeout(() => this.sendReport(), REPORT_DELAY_MS);
  }

  /**
   * Sends the report now if it changed since the last one (or always, with `again`: a new socket after a drop).
   * @param {boolean} [again]
   */
  sendReport(again = false) {
    clearTimeout(this.reportTimer);
    this.reportTimer = null;
    if (this.state.verdict === 'checking' || !this.options.sendReport) return;
    const wire = toWire(this.state);
    const json = JSON.stringify(wire);
    if (!again && json === this.sent) return;
    try {
      if (this.options.sendReport(wire)) this.sent = json;
    } catch (e) {
      // A report the protocol refuses is this page's mistake: the doctor sees no check, the call still works.
      console.warn('CareCall: readiness report not sent', e);
    }
  }

  bind() {
    $('speaker-play').onclick = () => this.playSound();
    $('speaker-yes').onclick = () => this.speakerAnswer(true);
    $('speaker-no').onclick = () => this.speakerAnswer(false);
    $('network-retest').onclick = () => this.retestNetwork();
    /** @type {HTMLSelectElement} */ ($('camera-select')).onchange = (e) => this.options.onDevicesChosen({ cameraId: e.target.value });
    /** @type {HTMLSelectElement} */ ($('microphone-select')).onchange = (e) => this.options.onDevicesChosen({ microphoneId: e.target.value });
    /** @type {HTMLSelectElement} */ ($('speaker-select')).onchange = (e) => {
      this.speakerId = e.target.value;
      this.options.onSpeakerChosen(this.speakerId);
    };
  }

  // ---- camera and microphone ----

  /**
   * After getUserMedia: what works, and the device lists (labels are only there once access was granted).
   * @param {MediaStream | null} stream
   * @param {{kind: string} | null} problem
   * @param {MediaDeviceInfo[]} infos
   */
  mediaOpened(stream, problem, infos) {
    const { cameras, microphones, speakers } = groupDevices(infos);
    const statusOf = (kind) => (stream?.getTracks().some((tr) => tr.kind === kind) ? 'ok' : problem?.kind ?? 'missing');
    this.set({
      camera: { status: statusOf('video'), count: cameras.length },
      microphone: { status: statusOf('audio'), count: microphones.length },
    });
    if (stream?.getVideoTracks().length) this.watchFrames();
    const current = (kind) => stream?.getTracks().find((tr) => tr.kind === kind)?.getSettings?.().deviceId;
    fillChoice('camera', cameras, current('video'), t('check.camera'));
    fillChoice('microphone', microphones, current('audio'), t('check.microphone'));
    const outputs = this.state.speaker.outputChoice ? speakers : [];
    fillChoice('speaker', outputs, this.speakerId ?? 'default', t('speaker.heading'));
    return cameras;
  }

  /** Watches the preview until it shows a frame: a camera that opens but delivers nothing is caught here. */
  watchFrames() {
    if (this.state.camera.framesSeen || this.frameWatch) return;
    const video = /** @type {HTMLVideoElement} */ ($('preview-video'));
    const started = Date.now();
    this.frameWatch = setInterval(() => {
      // HAVE_CURRENT_DATA: a decoded frame is there (a camera that opens but delivers nothing never gets here).
      const seen = video.videoWidth > 0 && video.readyState >= 2;
      if (seen || Date.now() - started > FRAME_WATCH_MS) {
        clearInterval(this.frameWatch);
        this.frameWatch = null;
        if (seen) this.set({ camera: { framesSeen: true } });
      }
    }, 250);
  }

  /** @param {number} level the microphone level meter, 0..1 */
  micLevel(level) {
    if (level > 0.05 && !this.state.microphone.levelSeen) this.set({ microphone: { levelSeen: true } });
  }

  // ---- speaker ----

  async playSound() {
    const button = /** @type {HTMLButtonElement} */ ($('speaker-play'));
    button.disabled = true;
    try {
      await playChime(this.speakerId);
      $('speaker-confirm').hidden = false;
      $('speaker-yes').focus();
    } catch (e) {
      console.warn('CareCall: test sound', e);
      this.set({ speaker: { status: 'failed' } });
    } finally {
      button.disabled = false;
    }
  }

  speakerAnswer(heard) {
    $('speaker-confirm').hidden = true;
    this.set({ speaker: { status: heard ? 'heard' : 'not-heard' } });
    $('speaker-play').focus();
  }

  // ---- network ----

  /** The room socket's state: registered means CareCall answers; anything else for too long means it does not. */
  signalingState(s) {
    if (s === 'registered') {
      clearTimeout(this.serverTimer);
      this.serverTimer = null;
      return;
    }
    if (s === 'reconnecting') {
      this.set({ network: { server: 'unreachable', roundTripMs: null } });
    } else if (s === 'connecting' && !this.serverTimer) {
      this.serverTimer = setTimeout(() => {
        this.serverTimer = null;
        if (this.state.network.server !== 'reached') this.set({ network: { server: 'unreachable' } });
      }, SERVER_TIMEOUT_MS);
    }
  }

  /** `registered` arrived: CareCall answers; measure the round trip and look for a path for the video. */
  serverReached(iceServers) {
    this.iceServers = iceServers;
    this.set({ network: { server: 'reached', offered: offeredServers(iceServers) } });
    for (let i = 0; i < PINGS; i++) this.options.sendPing(this.roundTrips.next());
    this.gather();
    this.measureUplink();
  }

  async measureUplink() {
    if (!this.options.postProbe || this.measuringUplink) return;
    this.measuringUplink = true;
    try {
      const kbps = await measureUplink(this.options.postProbe);
      console.info('CareCall: uplink estimate', kbps, 'kbit/s');
      if (kbps !== null) this.set({ network: { uplinkKbps: kbps } });
    } finally {
      this.measuringUplink = false;
    }
  }

  /** @param {string | undefined} requestId @returns {boolean} whether the pong was the check's */
  pong(requestId) {
    if (!this.roundTrips.answered(requestId)) return false;
    this.set({ network: { roundTripMs: this.roundTrips.median() } });
    return true;
  }

  async gather() {
    if (this.gathering || !this.state.network.webrtc) return;
    this.gathering = true;
    this.set({ network: { paths: { direct: null, stun: null, relay: null } } });
    try {
      const { direct, stun, relay, gatherMs } = await gatherPaths(this.iceServers ?? []);
      const offered = this.state.network.offered;
      console.info('CareCall: ICE paths', { direct, stun, relay, gatherMs });
      this.set({ network: { paths: { direct, stun: offered.stun ? stun : null, relay: offered.turn ? relay : null } } });
    } catch (e) {
      console.warn('CareCall: candidate gathering failed', e);
      this.set({ network: { paths: { direct: false, stun: false, relay: false } } });
    } finally {
      this.gathering = false;
    }
  }

  retestNetwork() {
    if (this.state.network.server === 'reached' && this.iceServers) {
      this.roundTrips = new RoundTrips();
      this.serverReached(this.iceServers);
    } else {
      this.gather();
    }
  }

  // ---- drawing ----

  render() {
    const r = this.state;
    const n = r.network;
    const lines = [];
    if (n.server === 'checking') lines.push(['busy', t('network.server.checking')]);
    else if (n.server === 'unreachable') lines.push(['bad', t('network.server.unreachable')]);
    else lines.push(['ok', n.roundTripMs === null ? t('network.server.checking') : t('network.server.ok', { ms: n.roundTripMs })]);
    const { direct, stun, relay } = n.paths;
    if (direct === null && n.webrtc) lines.push(['busy', t('network.path.checking')]);
    else if (!direct && !stun && !relay) lines.push(['bad', t('network.path.none')]);
    else {
      if (direct) lines.push(['ok', t('network.path.direct')]);
      if (stun) lines.push(['ok', t('network.path.stun')]);
      if (relay) lines.push(['ok', t('network.path.relay')]);
    }
    $('network-lines').replaceChildren(...lines.map(([tone, text]) => {
      const li = document.createElement('li');
      li.dataset.tone = tone;
      li.textContent = text;
      return li;
    }));

    const speaker = { untested: 'speaker.untested', heard: 'speaker.heard', 'not-heard': 'speaker.notHeard', failed: 'speaker.failed' };
    $('speaker-result').textContent = t(speaker[r.speaker.status]);
    $('speaker-result').dataset.tone = r.speaker.status === 'heard' ? 'ok' : r.speaker.status === 'untested' ? '' : 'bad';

    const box = $('readiness');
    box.dataset.verdict = r.verdict;
    const title = { checking: 'ready.checking', ready: 'ready.title', warnings: 'ready.withWarnings', blocked: 'notReady.title' };
    $('readiness-title').textContent = t(title[r.verdict]);
    const reasons = r.verdict === 'ready' ? [t('ready.text')]
      : [...r.blockers.map((c) => t(BLOCKERS[c])), ...(r.verdict === 'checking' ? [] : r.warnings.map((c) => t(WARNINGS[c])))];
    $('readiness-reasons').replaceChildren(...reasons.map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }));
  }
}

/**
 * A device menu, shown only when there is a choice to make.
 * @param {'camera'|'microphone'|'speaker'} kind
 * @param {import('./devices.js').Device[]} devices
 * @param {string | undefined} selected
 * @param {string} noun numbers devices without a label ("Camera 2")
 */
function fillChoice(kind, devices, selected, noun) {
  $(`${kind}-field`).hidden = devices.length < 2;
  const select = /** @type {HTMLSelectElement} */ ($(`${kind}-select`));
  select.replaceChildren(...devices.map((d, i) => new Option(d.label || `${noun} ${i + 1}`, d.deviceId)));
  if (selected && devices.some((d) => d.deviceId === selected)) select.value = selected;
}
