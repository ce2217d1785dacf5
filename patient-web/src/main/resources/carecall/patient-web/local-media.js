// The patient's own camera and microphone: opened once for the pre-call check, shown in the preview and the call,
// measured by the level meter, switched to another device (a menu, or front ↔ back on a phone), muted, and opened
// again after the phone took them away. A new track goes everywhere the old one was, the running call included.

import { openLocalMedia, startLevelMeter } from './media-check.js';
import { nextCamera, replaceSenderTrack, swapStreamTrack } from './devices.js';
import * as ui from './ui.js';

export class LocalMedia {
  /**
   * @param {{onBusy: () => void, onLevel: (level: number) => void,
   *   onDevices: (stream: MediaStream | null, problem: object | null, infos: MediaDeviceInfo[]) =>
   *     import('./devices.js').Device[],
   *   peerConnection: () => RTCPeerConnection | null | undefined,
   *   onSwapped: (stream: MediaStream) => void, devices?: MediaDevices}} options
   *   onBusy: the check started or finished (the Start button follows it); onDevices: the device lists changed,
   *   returns the cameras; onSwapped: a track was replaced (the call keeper follows the new one)
   */
  constructor(options) {
    this.options = options;
    this.devices = options.devices ?? globalThis.navigator?.mediaDevices;
    /** @type {MediaStream | null} */ this.stream = null;
    /** @type {{stop: () => void, level: () => number} | null} */ this.meter = null;
    this.micOn = true;
    this.camOn = true;
    /** @type {Promise<void> | null} the check under way or done */ this.ready = null;
    this.checking = false;
    /** @type {{cameraId?: string, microphoneId?: string}} the devices the patient picked */ this.choice = {};
    /** @type {import('./devices.js').Device[]} */ this.cameras = [];
  }

  /** Opens camera and microphone once; a call never starts before this is done, so it always carries them. */
  check() {
    if (this.ready && (this.checking || this.stream?.active)) return this.ready;
    this.checking = true;
    this.options.onBusy();
    this.ready = this.open().finally(() => {
      this.checking = false;
      this.options.onBusy();
    });
    return this.ready;
  }

  async open() {
    this.meter?.stop();
    const { stream, problem } = await openLocalMedia(this.devices, this.choice);
    this.stream = stream;
    ui.showLocalStream(stream);
    ui.showMediaProblem(problem, () => {
      this.stream?.getTracks().forEach((tr) => tr.stop());
      this.stream = null;
      this.check();
    });
    this.micOn = !!stream?.getAudioTracks().length;
    this.camOn = !!stream?.getVideoTracks().length;
    ui.setOwnMedia(this.micOn, this.camOn);
    this.meter = stream ? startLevelMeter(stream, this.options.onLevel) : null;
    await this.listDevices(problem);
  }

  /** Back from a call: microphone and camera on again (a new call starts unmuted) and the level meter running. */
  resumePreview() {
    if (!this.stream?.active) return;
    for (const tr of this.stream.getTracks()) tr.enabled = true;
    this.micOn = this.stream.getAudioTracks().length > 0;
    this.camOn = this.stream.getVideoTracks().length > 0;
    ui.showLocalStream(this.stream);
    ui.setOwnMedia(this.micOn, this.camOn);
    this.meter ??= startLevelMeter(this.stream, this.options.onLevel);
  }

  /** The call shows the picture itself; the meter is only for the check. */
  stopMeter() {
    this.meter?.stop();
    this.meter = null;
  }

  level() {
    return this.meter?.level() ?? 0;
  }

  cameraId() {
    return this.stream?.getVideoTracks()[0]?.getSettings?.().deviceId ?? null;
  }

  /** Device menus and the camera switch follow what the browser lists now. */
  async listDevices(problem = null) {
    const infos = await this.devices?.enumerateDevices?.().catch(() => []) ?? [];
    this.cameras = this.options.onDevices(this.stream, problem, infos);
    ui.setCameraSwitch(this.cameras.length > 1 && !!this.stream?.getVideoTracks().length, () => this.switchCamera());
  }

  /**
   * The patient picked a camera or microphone: open just that device and put it into the stream (and into the call,
   * if one runs) without asking again for the other.
   * @param {{cameraId?: string, microphoneId?: string}} choice
   */
  async choose(choice) {
    this.choice = { ...this.choice, ...choice };
    const video = !!choice.cameraId;
    const id = choice.cameraId ?? choice.microphoneId;
    const cameraConstraints = (deviceId) => ({ video: { deviceId: { exact: deviceId }, width: { ideal: 1280 }, height: { ideal: 720 } } });
    // Many phones cannot run the front and the back camera at once: the old camera stops before the new one opens.
    const previous = video ? this.cameraId() : null;
    if (video) this.stream?.getVideoTracks().forEach((tr) => tr.stop());
    try {
      const fresh = await this.devices.getUserMedia(video ? cameraConstraints(id)
        : { audio: { deviceId: { exact: id }, echoCancellation: true, noiseSuppression: true } });
      await this.useTrack(fresh.getTracks()[0]);
    } catch (e) {
      console.warn('CareCall: could not open the chosen device', e);
      if (previous) {
        // Back to the camera that worked rather than none.
        const back = await this.devices.getUserMedia(cameraConstraints(previous)).catch(() => null);
        if (back) await this.useTrack(back.getTracks()[0]);
      }
    }
    await this.listDevices();
  }

  /** Front ↔ back on a phone, or the next camera on a computer. */
  async switchCamera() {
    const next = nextCamera(this.cameras, this.cameraId());
    if (next) await this.choose({ cameraId: next.deviceId });
  }

  /** The patient is back after the phone took the media away: open the lost devices again and send them. */
  async resume() {
    const lost = (this.stream?.getTracks() ?? []).filter((tr) => tr.readyState === 'ended' || tr.muted);
    for (const track of lost) {
      const id = track.getSettings?.().deviceId;
      const wanted = id ? { deviceId: { ideal: id } } : true;
      try {
        const fresh = await this.devices.getUserMedia(track.kind === 'video' ? { video: wanted } : { audio: wanted });
        await this.useTrack(fresh.getTracks()[0]);
      } catch (e) {
        console.warn('CareCall: could not resume', track.kind, e);
      }
    }
  }

  /** Puts a new camera or microphone track everywhere the old one was: preview, meter, call. */
  async useTrack(track) {
    if (!this.stream) this.stream = new MediaStream();
    const audio = track.kind === 'audio';
    const had = audio ? this.stream.getAudioTracks().length : this.stream.getVideoTracks().length;
    const on = (audio ? this.micOn : this.camOn) || !had;
    track.enabled = on;
    // The call takes the new track before the old one stops, so the doctor's picture never waits on a dead track.
    await replaceSenderTrack(this.options.peerConnection(), track);
    swapStreamTrack(this.stream, track, on);
    if (audio) this.micOn = on;
    else this.camOn = on;
    ui.showLocalStream(this.stream);
    ui.setOwnMedia(this.micOn, this.camOn);
    if (audio && this.meter) {
      this.meter.stop();
      this.meter = startLevelMeter(this.stream, this.options.onLevel);
    }
    this.options.onSwapped(this.stream);
  }

  /**
   * Mutes or unmutes the microphone, or stops or starts the camera, without renegotiation.
   * @param {'audio'|'video'} kind
   * @returns {boolean} whether there was such a device to switch
   */
  toggle(kind) {
    if (!this.stream?.getTracks().some((tr) => tr.kind === kind)) return false;
    if (kind === 'audio') this.micOn = !this.micOn;
    else this.camOn = !this.camOn;
    for (const tr of this.stream.getTracks()) if (tr.kind === kind) tr.enabled = kind === 'audio' ? this.micOn : this.camOn;
    ui.setOwnMedia(this.micOn, this.camOn);
    return true;
  }
}
