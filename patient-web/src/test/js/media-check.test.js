import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page, useEnglish } from './fixtures.js';

await useEnglish();
const m = await import(page('media-check.js'));

test('each getUserMedia failure becomes plain help', () => {
  assert.equal(m.describeMediaError({ name: 'NotAllowedError' }).kind, 'denied');
  assert.match(m.describeMediaError({ name: 'NotAllowedError' }).text, /Allow/);
  assert.equal(m.describeMediaError({ name: 'NotReadableError' }).kind, 'busy');
  assert.match(m.describeMediaError({ name: 'NotReadableError' }).title, /another program/);
  assert.equal(m.describeMediaError({ name: 'NotFoundError' }).kind, 'missing');
  assert.equal(m.describeMediaError({ name: 'Whatever' }).kind, 'unknown');
});

test('the level meter reads silence as zero and loud sound as full', () => {
  assert.equal(m.levelFromSamples(new Uint8Array(512).fill(128)), 0);
  const loud = Uint8Array.from({ length: 512 }, (_, i) => (i % 2 ? 255 : 0));
  assert.equal(m.levelFromSamples(loud), 1);
  const quiet = Uint8Array.from({ length: 512 }, (_, i) => (i % 2 ? 133 : 123));
  assert.ok(m.levelFromSamples(quiet) > 0 && m.levelFromSamples(quiet) < 0.2);
});

/** A device set that fails video the way a given browser error does. */
const devices = (videoError, audioOk) => ({
  calls: [],
  async getUserMedia(c) {
    this.calls.push(c);
    if (c.video && videoError) throw Object.assign(new Error('x'), { name: videoError });
    if (!audioOk) throw Object.assign(new Error('x'), { name: 'NotFoundError' });
    return { id: 'audio-only' };
  },
});

test('without a camera the check falls back to the microphone and still explains', async () => {
  const d = devices('NotFoundError', true);
  const r = await m.openLocalMedia(d);
  assert.equal(r.stream.id, 'audio-only');
  assert.equal(r.problem.kind, 'missing');
  assert.equal(d.calls.length, 2);
});

test('a denied permission is not asked again behind the patient\'s back', async () => {
  const d = devices('NotAllowedError', true);
  const r = await m.openLocalMedia(d);
  assert.equal(r.stream, null);
  assert.equal(r.problem.kind, 'denied');
  assert.equal(d.calls.length, 1);
});

test('a chosen camera and microphone are asked for exactly; else the front camera', () => {
  const chosen = m.mediaConstraints({ cameraId: 'cam-2', microphoneId: 'mic-1' });
  assert.deepEqual(chosen.video.deviceId, { exact: 'cam-2' });
  assert.equal(chosen.video.facingMode, undefined);
  assert.deepEqual(chosen.audio.deviceId, { exact: 'mic-1' });
  assert.equal(m.mediaConstraints().video.facingMode, 'user');
});
