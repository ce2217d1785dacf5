// Cameras, microphones and speakers: the lists the pre-call check offers, which camera "Switch camera" goes to
// (front ↔ back on a phone), and swapping a track in the stream and in a running call without renegotiation.

/**
 * @typedef {{deviceId: string, label: string, facing: 'user'|'environment'|null}} Device
 */

/**
 * Which way a camera faces, from what the browser tells: its capabilities where it has them (Chrome on Android),
 * else words in its label ("Back Camera", "camera2 1, facing back", "Rückkamera"...).
 * @param {{label?: string, getCapabilities?: () => {facingMode?: string[]}}} info
 * @returns {'user'|'environment'|null}
 */
export function facingOf(info) {
  const modes = info.getCapabilities?.()?.facingMode ?? [];
  if (modes.includes('environment')) return 'environment';
  if (modes.includes('user')) return 'user';
  const label = (info.label ?? '').toLowerCase();
  if (/\b(back|rear|environment|world)\b|rück|arrière|trasera/.test(label)) return 'environment';
  if (/\b(front|user|face(time)?)\b|frontal|avant/.test(label)) return 'user';
  return null;
}

/**
 * The browser's devices by kind. Labels stay empty until the patient allowed camera or microphone; the page then
 * numbers them.
 * @param {Iterable<MediaDeviceInfo>} infos
 * @returns {{cameras: Device[], microphones: Device[], speakers: Device[]}}
 */
export function groupDevices(infos) {
  const out = { cameras: [], microphones: [], speakers: [] };
  const into = { videoinput: out.cameras, audioinput: out.microphones, audiooutput: out.speakers };
  for (const info of infos) {
    const list = into[info.kind];
    // Chrome lists "default" and "communications" aliases beside the real devices; the alias adds nothing here.
    if (!list || info.deviceId === 'communications' || !info.deviceId) continue;
    list.push({ deviceId: info.deviceId, label: info.label, facing: info.kind === 'videoinput' ? facingOf(info) : null });
  }
  return out;
}

/**
 * The camera "Switch camera" goes to: the first one facing the other way when the facings are known (front ↔
 * back), else the next one in the list, round.
 * @param {Device[]} cameras
 * @param {string | null | undefined} currentId
 * @returns {Device | null} null when there is nothing to switch to
 */
export function nextCamera(cameras, currentId) {
  if (cameras.length < 2) return null;
  const index = cameras.findIndex((c) => c.deviceId === currentId);
  const current = cameras[index];
  if (current?.facing) {
    const other = cameras.find((c) => c.facing && c.facing !== current.facing);
    if (other) return other;
  }
  return cameras[(index + 1) % cameras.length];
}

/**
 * Puts a new track into the stream in place of the one of its kind (which is stopped), so the preview and a later
 * call use it.
 * @param {MediaStream} stream
 * @param {MediaStreamTrack} track
 * @param {boolean} enabled whether it should send (the patient may have muted or stopped video)
 */
export function swapStreamTrack(stream, track, enabled) {
  for (const old of stream.getTracks()) {
    if (old.kind === track.kind && old !== track) {
      stream.removeTrack(old);
      old.stop();
    }
  }
  track.enabled = enabled;
  if (!stream.getTracks().includes(track)) stream.addTrack(track);
}

/**
 * Sends a new track in a running call: replaceTrack on the sender of that kind needs no new offer.
 * @param {RTCPeerConnection | null | undefined} pc
 * @param {MediaStreamTrack} track
 * @returns {Promise<boolean>} whether a sender took it
 */
export async function replaceSenderTrack(pc, track) {
  const sender = pc?.getSenders().find((s) => s.track?.kind === track.kind)
    ?? pc?.getTransceivers().find((t) => t.receiver.track.kind === track.kind && t.direction !== 'recvonly')?.sender;
  if (!sender) return false;
  await sender.replaceTrack(track);
  return true;
}

/** Whether this browser lets a page choose where sound plays. */
export const canChooseSpeaker = () => typeof globalThis.HTMLMediaElement?.prototype?.setSinkId === 'function';
