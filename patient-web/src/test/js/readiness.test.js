import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page } from './fixtures.js';

const r = await import(page('readiness.js'));
const NOW = new Date('2026-11-22T09:00:00Z');
const fresh = () => r.emptyReport({ language: 'de', webrtc: true, outputChoice: true, now: NOW });

/** A report where everything was measured and works. */
const working = () => r.update(fresh(), {
  camera: { status: 'ok', count: 1 },
  microphone: { status: 'ok', count: 2, levelSeen: true },
  speaker: { status: 'heard' },
  network: { server: 'reached', roundTripMs: 12, paths: { direct: true, stun: null, relay: null } },
}, NOW);

test('a fresh report is checking, complete and valid', () => {
  const report = fresh();
  assert.equal(report.verdict, 'checking');
  assert.deepEqual(report.blockers, []);
  assert.equal(report.checkedAt, '2026-11-22T09:00:00.000Z');
  assert.equal(r.checkReport(report), report);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report, 'plain data: it can be sent as JSON as it is');
});

test('everything working is ready', () => {
  const report = working();
  assert.equal(report.verdict, 'ready');
  assert.deepEqual(report.warnings, []);
  r.checkReport(report);
});

test('an unreachable server blocks at once, even while the rest is still checking', () => {
  const report = r.update(fresh(), { network: { server: 'unreachable' } });
  assert.equal(report.verdict, 'blocked');
  assert.deepEqual(report.blockers, ['SERVER_UNREACHABLE']);
  r.checkReport(report);
});

test('no candidate of any kind blocks; a browser without WebRTC blocks', () => {
  const noPath = r.update(working(), { network: { paths: { direct: false, stun: false, relay: false } } });
  assert.deepEqual(noPath.blockers, ['NO_MEDIA_PATH']);
  const old = r.emptyReport({ language: 'en', webrtc: false, outputChoice: false });
  assert.deepEqual(old.blockers, ['NO_WEBRTC']);
  assert.equal(old.verdict, 'blocked');
});

test('a relay alone is a path', () => {
  const report = r.update(working(), {
    network: { offered: { stun: true, turn: true }, paths: { direct: false, stun: false, relay: true } },
  });
  assert.equal(report.verdict, 'ready');
});

test('missing devices, an unheard speaker and a silent STUN server are warnings, not blockers', () => {
  const report = r.update(working(), {
    camera: { status: 'denied' }, microphone: { status: 'missing' }, speaker: { status: 'not-heard' },
    network: { offered: { stun: true, turn: false }, paths: { direct: true, stun: false, relay: null } },
  });
  assert.equal(report.verdict, 'warnings');
  assert.deepEqual(report.blockers, []);
  assert.deepEqual(report.warnings, ['NO_CAMERA', 'NO_MICROPHONE', 'SPEAKER_NOT_HEARD', 'INTERNET_PATH_BLOCKED']);
  r.checkReport(report);
});

test('an update changes one part and keeps the rest', () => {
  const before = working();
  const after = r.update(before, { network: { roundTripMs: 40 } });
  assert.equal(after.network.roundTripMs, 40);
  assert.equal(after.network.server, 'reached');
  assert.deepEqual(after.camera, before.camera);
  assert.equal(before.network.roundTripMs, 12, 'the old report is not changed');
});

test('a report of the wrong shape is refused, naming the field', () => {
  const bad = (change, field) => {
    const report = structuredClone(working());
    change(report);
    assert.throws(() => r.checkReport(report), (e) => e instanceof TypeError && e.message.includes(`'${field}'`), field);
  };
  bad((x) => { x.version = 2; }, 'version');
  bad((x) => { x.checkedAt = 'yesterday'; }, 'checkedAt');
  bad((x) => { x.language = 'German'; }, 'language');
  bad((x) => { x.camera.status = 'broken'; }, 'camera.status');
  bad((x) => { x.microphone.count = -1; }, 'microphone.count');
  bad((x) => { x.speaker.status = 'loud'; }, 'speaker.status');
  bad((x) => { x.network.roundTripMs = 'fast'; }, 'network.roundTripMs');
  bad((x) => { x.network.paths.relay = 'yes'; }, 'network.paths.relay');
  bad((x) => { x.warnings = ['TOO_HOT']; }, 'warnings');
  bad((x) => { delete x.network; }, 'network');
  assert.throws(() => r.checkReport(null), TypeError);
});

test('the report goes to the doctor in the wire shape, which the protocol accepts', async () => {
  const msg = await import(page('protocol.js'));
  const report = r.update(working(), {
    camera: { framesSeen: true },
    client: { browser: 'Chrome 131', device: 'Linux desktop' },
    network: { uplinkKbps: 2400, roundTripMs: 12.4, offered: { stun: true, turn: true }, paths: { direct: true, stun: true, relay: true } },
  }, NOW);
  r.checkReport(report);
  const wire = r.toWire(report);
  assert.deepEqual(wire, {
    camera: { status: 'ok', framesSeen: true },
    microphone: { status: 'ok', levelSeen: true },
    speaker: { status: 'heard' },
    browser: 'Chrome 131',
    device: 'Linux desktop',
    network: { candidateTypes: ['host', 'srflx', 'relay'], roundTripMs: 12, uplinkKbps: 2400 },
  });
  assert.deepEqual(JSON.parse(msg.encodeClientMessage(msg.readiness(wire))).readiness, wire);
  const unmeasured = r.toWire(fresh());
  assert.deepEqual(unmeasured.network, { candidateTypes: [] }, 'nothing measured yet: no round trip, no uplink');
  assert.equal(unmeasured.camera.framesSeen, false);
});

test('the browser and device are named in a few words', () => {
  assert.deepEqual(r.describeClient('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) '
    + 'Chrome/131.0.0.0 Safari/537.36'), { browser: 'Chrome 131', device: 'Linux desktop' });
  assert.deepEqual(r.describeClient('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 '
    + '(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'), { browser: 'Safari 17', device: 'iPhone' });
  assert.deepEqual(r.describeClient('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) '
    + 'Chrome/130.0.0.0 Mobile Safari/537.36'), { browser: 'Chrome 130', device: 'Android phone' });
  assert.deepEqual(r.describeClient('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'),
    { browser: 'Firefox 128', device: 'Windows desktop' });
  assert.deepEqual(r.describeClient('', { platform: 'macOS', mobile: false }), { browser: 'Browser', device: 'macOS desktop' });
});
