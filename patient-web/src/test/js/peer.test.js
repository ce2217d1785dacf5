import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page } from './fixtures.js';

const { summariseStats } = await import(page('peer.js'));

test('statistics are summed per direction and kind', () => {
  const s = summariseStats([
    { type: 'inbound-rtp', kind: 'video', framesDecoded: 120, framesReceived: 125, packetsReceived: 400 },
    { type: 'inbound-rtp', kind: 'audio', packetsReceived: 250, bytesReceived: 20000 },
    { type: 'outbound-rtp', kind: 'video', framesSent: 118, packetsSent: 390 },
    { type: 'outbound-rtp', kind: 'audio', packetsSent: 251 },
    { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.012 },
    { type: 'codec', mimeType: 'video/VP8' },
  ]);
  assert.deepEqual(s, {
    videoFramesDecoded: 120, videoFramesReceived: 125, videoFramesSent: 118, videoPacketsReceived: 400,
    audioPacketsReceived: 250, audioBytesReceived: 20000, audioPacketsSent: 251, videoPacketsSent: 390,
    roundTripTimeMillis: 12,
  });
});
