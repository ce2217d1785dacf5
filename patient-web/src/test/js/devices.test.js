import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page } from './fixtures.js';

const d = await import(page('devices.js'));

const info = (kind, deviceId, label, facingMode) => ({
  kind, deviceId, label, ...(facingMode ? { getCapabilities: () => ({ facingMode }) } : {}),
});

test('devices are grouped by kind, without the browser\'s communications alias', () => {
  const g = d.groupDevices([
    info('audioinput', 'default', 'Default'), info('audioinput', 'communications', 'Communications'),
    info('audioinput', 'mic-1', 'Headset'), info('videoinput', 'cam-1', 'Integrated Camera'),
    info('audiooutput', 'spk-1', 'Speakers'), info('videoinput', '', ''),
  ]);
  assert.deepEqual(g.microphones.map((x) => x.deviceId), ['default', 'mic-1']);
  assert.deepEqual(g.cameras.map((x) => x.deviceId), ['cam-1']);
  assert.deepEqual(g.speakers.map((x) => x.deviceId), ['spk-1']);
});

test('which way a camera faces: capabilities first, then words in its label', () => {
  assert.equal(d.facingOf(info('videoinput', 'a', 'camera2 0', ['environment'])), 'environment');
  assert.equal(d.facingOf(info('videoinput', 'a', 'Back Camera')), 'environment');
  assert.equal(d.facingOf(info('videoinput', 'a', 'camera2 1, facing front')), 'user');
  assert.equal(d.facingOf(info('videoinput', 'a', 'Caméra arrière')), 'environment');
  assert.equal(d.facingOf(info('videoinput', 'a', 'FaceTime HD Camera')), 'user');
  assert.equal(d.facingOf(info('videoinput', 'a', 'USB Webcam')), null);
});

test('switching goes front ↔ back on a phone', () => {
  const phone = d.groupDevices([
    info('videoinput', 'front', 'Front Camera'), info('videoinput', 'wide', 'Front Ultra Wide Camera'),
    info('videoinput', 'back', 'Back Camera'),
  ]).cameras;
  assert.equal(d.nextCamera(phone, 'front').deviceId, 'back');
  assert.equal(d.nextCamera(phone, 'wide').deviceId, 'back');
  assert.equal(d.nextCamera(phone, 'back').deviceId, 'front');
});

test('without facings, switching goes round the list; one camera has nothing to switch to', () => {
  const desk = d.groupDevices([info('videoinput', 'a', 'fake_device_0'), info('videoinput', 'b', 'fake_device_1')]).cameras;
  assert.equal(d.nextCamera(desk, 'a').deviceId, 'b');
  assert.equal(d.nextCamera(desk, 'b').deviceId, 'a');
  assert.equal(d.nextCamera(desk, 'unknown').deviceId, 'a');
  assert.equal(d.nextCamera(desk.slice(0, 1), 'a'), null);
});

/** Just enough of a MediaStreamTrack and MediaStream for the swap. */
const track = (kind, id) => ({ kind, id, enabled: true, stopped: false, stop() { this.stopped = true; } });
const stream = (...tracks) => ({
  tracks, getTracks() { return [...this.tracks]; },
  removeTrack(t) { this.tracks = this.tracks.filter((x) => x !== t); },
  addTrack(t) { this.tracks.push(t); },
});

test('a new camera replaces the old one in the stream, which is stopped; mute is kept', () => {
  const oldCam = track('video', 'old');
  const mic = track('audio', 'mic');
  const s = stream(mic, oldCam);
  const newCam = track('video', 'new');
  d.swapStreamTrack(s, newCam, false);
  assert.deepEqual(s.getTracks().map((t) => t.id), ['mic', 'new']);
  assert.ok(oldCam.stopped);
  assert.ok(!mic.stopped);
  assert.equal(newCam.enabled, false);
});

test('in a call the sender of that kind gets the new track without a new offer', async () => {
  const replaced = [];
  const sender = (kind) => ({ track: { kind }, replaceTrack: async (t) => replaced.push([kind, t.id]) });
  const pc = { getSenders: () => [sender('audio'), sender('video')], getTransceivers: () => [] };
  assert.equal(await d.replaceSenderTrack(pc, track('video', 'back')), true);
  assert.deepEqual(replaced, [['video', 'back']]);
  assert.equal(await d.replaceSenderTrack(null, track('video', 'x')), false);
});
