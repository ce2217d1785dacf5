import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, catalogue, page } from './fixtures.js';

const q = await import(page('quality.js'));
const { CallQuality } = await import(page('call-quality.js'));
const protocol = await import(page('protocol.js'));

const CASES = JSON.parse(readFileSync(join(FIXTURES, 'quality-cases.json'), 'utf8'));
const REASONS = ['none', 'own_loss', 'own_upload', 'own_delay', 'other_loss', 'other_upload', 'other_delay',
  'path_loss', 'path_delay'];

test('the page judges every shared case as the console does', () => {
  assert.ok(CASES.length >= 10);
  for (const c of CASES) {
    assert.deepEqual(q.judge(c.mine, c.theirs), { level: c.level, reason: c.reason }, c.name);
  }
});

test('every reason has its words in every language', () => {
  for (const lang of ['en', 'de', 'es', 'fr']) {
    const words = catalogue(lang);
    for (const reason of REASONS) assert.ok(words[`quality.reason.${reason}`], `${lang}: ${reason}`);
    for (const level of ['good', 'fair', 'poor']) assert.ok(words[`quality.${level}`], `${lang}: ${level}`);
  }
  for (const c of CASES) assert.ok(REASONS.includes(c.reason), c.reason);
});

/** Two stats reports a second apart, shaped as Chromium's getStats() gives them. */
function chromiumReports(lostSecond) {
  const base = (bytesSent, bytesReceived, lost, received, fractionLost) => [
    { id: 'T1', type: 'transport', selectedCandidatePairId: 'CP1' },
    { id: 'CP1', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.042,
      availableOutgoingBitrate: 1_234_000, localCandidateId: 'L1', remoteCandidateId: 'R1' },
    { id: 'L1', type: 'local-candidate', candidateType: 'srflx' },
    { id: 'R1', type: 'remote-candidate', candidateType: 'relay' },
    { id: 'OV', type: 'outbound-rtp', kind: 'video', bytesSent, frameWidth: 640, frameHeight: 480,
      framesPerSecond: 24 },
    { id: 'OA', type: 'outbound-rtp', kind: 'audio', bytesSent: bytesSent / 10 },
    { id: 'IV', type: 'inbound-rtp', kind: 'video', bytesReceived, packetsLost: lost, packetsReceived: received,
      frameWidth: 320, frameHeight: 240, framesPerSecond: 15 },
    { id: 'IA', type: 'inbound-rtp', kind: 'audio', bytesReceived: 1000, packetsLost: 0, packetsReceived: received,
      jitter: 0.012 },
    { id: 'RV', type: 'remote-inbound-rtp', kind: 'video', fractionLost },
  ];
  return [base(100_000, 50_000, 0, 1000, 0), base(250_000, 150_000, lostSecond, 1085, 0.125)];
}

test('the meter turns two reports a second apart into the figures of that second', () => {
  const meter = new q.QualityMeter();
  const [first, second] = chromiumReports(15);
  const start = meter.sample(first, 10_000);
  assert.equal(start.sendKbps, undefined, 'no rates from the first report alone');
  assert.equal(start.rttMs, 42);
  const f = meter.sample(second, 11_000);
  assert.deepEqual(f, {
    rttMs: 42, availableSendKbps: 1234, sendKbps: 1320, receiveKbps: 800, sendResolution: '640x480', sendFps: 24,
    receiveResolution: '320x240', receiveFps: 15, receiveLossPct: 15, sendLossPct: 12.5, jitterMs: 12,
    localCandidate: 'srflx', remoteCandidate: 'relay',
  });
  // What the page sends is a valid report of the protocol, saying it comes from a browser.
  const report = q.reportOf(f);
  assert.equal(report.level, 'poor');
  assert.equal(report.client, 'browser');
  assert.doesNotThrow(() => protocol.encodeClientMessage(protocol.quality(report)));
});

test('the server round trip is the worst of the last ten seconds, an unanswered ping counting with its age', () => {
  const rt = new q.ServerRoundTrip();
  const a = rt.next(0);
  assert.equal(rt.answered(a, 12), true);
  assert.equal(rt.answered('media-report', 13), false, 'someone else\'s pong');
  const b = rt.next(1000);
  rt.answered(b, 1230);
  assert.equal(rt.worst(2000), 230);
  rt.next(3000); // lost with the network
  assert.equal(rt.worst(3100), 230);
  assert.equal(rt.worst(3400), 400, 'still unanswered after 400 ms');
  const c = rt.next(20_000);
  rt.answered(c, 20_005);
  assert.equal(rt.worst(20_010), 5, 'the slow ones aged out');
});

test('the camera suggestion comes only after poor has lasted', () => {
  const streak = new q.PoorStreak();
  assert.equal(streak.update('poor', 0), false);
  assert.equal(streak.update('poor', q.POOR_FOR_SUGGESTION_MS - 1), false);
  assert.equal(streak.update('poor', q.POOR_FOR_SUGGESTION_MS), true);
  assert.equal(streak.update('fair', q.POOR_FOR_SUGGESTION_MS + 1), false);
  assert.equal(streak.update('poor', q.POOR_FOR_SUGGESTION_MS + 2), false, 'a new streak starts over');
});

test('each second the page pings, reports its figures and judges them with the doctor\'s latest report', async () => {
  let now = 50_000;
  const sent = [];
  const views = [];
  const [first, second] = chromiumReports(0);
  const reports = [first, second];
  const cq = new CallQuality({
    stats: async () => reports.shift() ?? second,
    send: (m) => { sent.push(m); return true; },
    onChange: (v) => views.push(v),
    now: () => now,
  });
  cq.timer = 1; // as if started, without a real interval
  await cq.tick();
  const firstPing = sent.find((m) => m.type === 'ping');
  now += 10;
  assert.equal(cq.pong(firstPing.requestId), true, 'its own ping answered: 10 ms to the server');
  assert.equal(cq.pong('media-report'), false, 'someone else\'s pong');
  now += 990;
  const doctorsLatest = { level: 'poor', serverRttMs: 5, sendKbps: 90, availableSendKbps: 100, sendResolution: '640x480' };
  cq.received(doctorsLatest);
  await cq.tick();
  const pings = sent.filter((m) => m.type === 'ping');
  const qualities = sent.filter((m) => m.type === 'quality');
  assert.equal(pings.length, 2);
  assert.equal(qualities.length, 2);
  assert.equal(views.at(-1).level, 'poor');
  assert.equal(views.at(-1).reason, 'other_upload');
  assert.equal(cq.pong(pings[1].requestId), true);
  now += STALE();
  await cq.tick();
  assert.equal(views.at(-1).reason !== 'other_upload', true, 'a stale report of the doctor is not used');
});

const STALE = () => q.STALE_MS + 1;
