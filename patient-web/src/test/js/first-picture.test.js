import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page } from './fixtures.js';

const { FirstPicture, FULL_SIZE_BPS, CHECK_EVERY_MS, GROW_AFTER_MS } = await import(page('first-picture.js'));

/** A video sender as the browser gives it: its encodings' scale is what the test reads. */
class ScriptedSender {
  constructor(encodings = [{ active: true }]) {
    this.encodings = encodings;
    this.scales = [];
  }
  getParameters() { return { encodings: this.encodings.map((e) => ({ ...e })) }; }
  async setParameters(p) {
    this.encodings = p.encodings;
    this.scales.push(p.encodings[0].scaleResolutionDownBy);
  }
}

const camera = (height) => ({ kind: 'video', getSettings: () => ({ height, width: (height * 16) / 9 }) });

/** A statistics source the test moves on: what the sender reports now. */
function sending() {
  const now = { framesEncoded: 0, targetBitrate: undefined };
  const stats = async () => new Map([['out', { type: 'outbound-rtp', kind: 'video', ...now }]]);
  return { now, stats };
}

/** Lets the promise chains that the timers started run to their end. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a 720p camera starts at 360 lines and grows once the sender\'s estimate carries the full picture', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const sender = new ScriptedSender();
  const picture = new FirstPicture(sender, camera(720));
  await picture.shrink();
  assert.deepEqual(sender.scales, [2], 'the first frames are a quarter of the picture');

  const { now, stats } = sending();
  picture.grow(stats);
  await settle();
  now.framesEncoded = 1;
  now.targetBitrate = 600_000;
  t.mock.timers.tick(CHECK_EVERY_MS);
  await settle();
  assert.deepEqual(sender.scales, [2], 'the estimate is still low: the picture stays small');

  now.targetBitrate = FULL_SIZE_BPS;
  t.mock.timers.tick(CHECK_EVERY_MS);
  await settle();
  assert.deepEqual(sender.scales, [2, 1], 'full size once the estimate is up');
  assert.equal(picture.small, false);
  t.mock.timers.tick(GROW_AFTER_MS);
  await settle();
  assert.deepEqual(sender.scales, [2, 1], 'and nothing more');
});

test('a browser that reports no target bitrate gets the full picture once the first frame went out', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const sender = new ScriptedSender();
  const picture = new FirstPicture(sender, camera(1080));
  await picture.shrink();
  assert.deepEqual(sender.scales, [3]);
  const { now, stats } = sending();
  picture.grow(stats);
  await settle();
  assert.deepEqual(sender.scales, [3], 'nothing encoded yet');
  now.framesEncoded = 1;
  t.mock.timers.tick(CHECK_EVERY_MS);
  await settle();
  assert.deepEqual(sender.scales, [3, 1]);
});

test('the picture grows after a while even when the estimate never rises', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const sender = new ScriptedSender();
  const picture = new FirstPicture(sender, camera(720));
  await picture.shrink();
  const { now, stats } = sending();
  now.framesEncoded = 5;
  now.targetBitrate = 200_000;
  picture.grow(stats);
  await settle();
  for (let elapsed = 0; elapsed < GROW_AFTER_MS - 2 * CHECK_EVERY_MS; elapsed += CHECK_EVERY_MS) {
    t.mock.timers.tick(CHECK_EVERY_MS);
    await settle();
  }
  assert.deepEqual(sender.scales, [2], 'still small before its time');
  for (let i = 0; i < 3; i++) {
    t.mock.timers.tick(CHECK_EVERY_MS);
    await settle();
  }
  assert.deepEqual(sender.scales, [2, 1], 'libwebrtc\'s own adaptation takes over from the full size');
});

test('a small camera, a sender without encodings yet, or a call that ended are left alone', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const small = new ScriptedSender();
  const p360 = new FirstPicture(small, camera(360));
  await p360.shrink();
  p360.grow(sending().stats);
  await settle();
  assert.deepEqual(small.scales, [], 'already small enough');

  const early = new ScriptedSender([]);
  const pEarly = new FirstPicture(early, camera(720));
  await pEarly.shrink();
  pEarly.grow(sending().stats);
  await settle();
  assert.deepEqual(early.scales, [], 'no encoding to scale: the full picture from the start');

  const ended = new ScriptedSender();
  const pEnded = new FirstPicture(ended, camera(720));
  await pEnded.shrink();
  const { now, stats } = sending();
  pEnded.grow(stats);
  await settle();
  pEnded.stop();
  now.framesEncoded = 1;
  now.targetBitrate = FULL_SIZE_BPS;
  t.mock.timers.tick(GROW_AFTER_MS);
  await settle();
  assert.deepEqual(ended.scales, [2], 'stopped: no more changes to a closed connection');

  const none = new FirstPicture(undefined, camera(720));
  await none.shrink();
  none.grow(sending().stats);
  assert.equal(none.small, false, 'no sender (a test double): nothing to do');
});

test('the call\'s peer sends its camera small from the start and full size once connected and the estimate is up', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  globalThis.MediaStream ??= class { addTrack() {} };
  const { CallPeer } = await import(page('peer.js'));
  const { now, stats } = sending();
  const video = new ScriptedSender();
  class ConnectingPeerConnection {
    constructor() { this.connectionState = 'new'; this.signalingState = 'stable'; }
    addTrack(track) { return track.kind === 'video' ? video : new ScriptedSender(); }
    getStats() { return stats(); }
    close() {}
  }
  const stream = { getTracks: () => [{ kind: 'audio', getSettings: () => ({}) }, camera(720)] };
  const peer = new CallPeer({
    iceServers: [], localStream: stream, offerFirst: false, sendSignal() {}, onRemoteStream() {},
    onConnectionState() {}, doctorPresent: () => true, RTCPeerConnectionImpl: ConnectingPeerConnection,
  });
  await settle();
  assert.deepEqual(video.scales, [2], 'small before the negotiation');
  now.framesEncoded = 1;
  now.targetBitrate = 2 * FULL_SIZE_BPS;
  peer.pc.connectionState = 'connected';
  peer.pc.onconnectionstatechange();
  await settle();
  assert.deepEqual(video.scales, [2, 1], 'full size once connected with the estimate up');
  peer.close();
});
