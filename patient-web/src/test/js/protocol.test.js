import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageFixtures, invalidFixtures, page } from './fixtures.js';

const msg = await import(page('protocol.js'));

// How the page builds each client fixture; a fixture without a builder here fails the test, so a message added on
// the Java side cannot be forgotten by the page.
const BUILDERS = {
  'chat.json': (f) => msg.chat(f.text, f.requestId),
  'endCall.json': (f) => msg.endCall(f.requestId),
  'joinCall.json': (f) => msg.joinCall(f.requestId),
  'mediaState.json': (f) => msg.mediaState(f.audio, f.video, f.requestId),
  'ping.json': (f) => msg.ping(f.requestId),
  'register.json': (f) => msg.register(f.token, f.requestId),
  'screenShare.json': (f) => msg.screenShare(f.active, f.requestId),
  'signal-candidate.json': (f) => msg.signal(msg.candidateSignal(f.signal), f.requestId),
  'signal.json': (f) => msg.signal(msg.descriptionSignal(f.signal), f.requestId),
  'startCall.json': (f) => msg.startCall(f.requestId),
};

test('the builders write every client fixture exactly', () => {
  const fixtures = messageFixtures('client');
  assert.ok(fixtures.length >= 10);
  for (const { name, raw } of fixtures) {
    assert.ok(BUILDERS[name], `no builder for client fixture ${name}`);
    const expected = JSON.parse(raw);
    const written = msg.encodeClientMessage(BUILDERS[name](expected));
    assert.deepEqual(JSON.parse(written), expected, name);
    assert.deepEqual(msg.parseClientMessage(written), msg.parseClientMessage(raw), name);
  }
});

test('every server fixture parses with its fields', () => {
  const parsed = Object.fromEntries(messageFixtures('server').map(({ name, raw }) => [name, msg.parseServerMessage(raw)]));
  for (const [name, m] of Object.entries(parsed)) {
    assert.equal(m.type, name.replace(/(-lobby)?\.json$/, ''), name);
  }
  const reg = parsed['registered.json'];
  assert.equal(reg.role, 'patient');
  assert.equal(reg.callStatus, 'waiting');
  assert.equal(reg.startedBy, 'doctor');
  assert.equal(reg.peerConnected, true);
  assert.deepEqual(reg.iceServers[1], {
    urls: ['turn:127.0.0.1:3478?transport=udp'], username: '1700000000:carecall', credential: 'c2VjcmV0',
  });
  assert.deepEqual(parsed['registered-lobby.json'].iceServers, []);
  assert.equal(parsed['activeCall.json'].startedAt, '2026-11-22T09:30:00Z');
  assert.equal(parsed['signal.json'].signal.type, 'answer');
  assert.equal(parsed['error.json'].code, 'PAYMENT_REQUIRED');
  assert.equal(parsed['error.json'].requestId, 'r-2');
  assert.deepEqual(parsed['mediaState.json'], { type: 'mediaState', from: 'patient', audio: false, video: false });
});

for (const direction of ['server', 'client']) {
  const parse = direction === 'server' ? msg.parseServerMessage : msg.parseClientMessage;
  for (const f of invalidFixtures(direction)) {
    test(`invalid ${direction} message is rejected as the Java codec does: ${f.name}`, () => {
      assert.throws(() => parse(f.raw), (e) => {
        assert.ok(e instanceof msg.ProtocolError, `${e}`);
        assert.equal(e.code, f.code);
        assert.equal(e.requestId, f.requestId);
        return true;
      });
    });
  }
}

test('unknown fields are ignored, so a newer server does not break the page', () => {
  const m = msg.parseServerMessage('{"type":"peerPresence","role":"doctor","connected":true,"since":"x","v2":{}}');
  assert.deepEqual(m, { type: 'peerPresence', role: 'doctor', connected: true });
});

test('builders refuse what the server would refuse', () => {
  const code = (fn) => { try { fn(); } catch (e) { return e.code; } return 'accepted'; };
  assert.equal(code(() => msg.encodeClientMessage(msg.chat('   '))), 'INVALID_FIELD');
  assert.equal(code(() => msg.encodeClientMessage(msg.chat('x'.repeat(2001)))), 'INVALID_FIELD');
  assert.equal(code(() => msg.encodeClientMessage(msg.register(''))), 'INVALID_FIELD');
  assert.equal(code(() => msg.encodeClientMessage(msg.signal({ type: 'pranswer', sdp: 'v=0' }))), 'INVALID_FIELD');
  assert.equal(code(() => msg.encodeClientMessage(msg.mediaState(true))), 'MISSING_FIELD');
  assert.equal(code(() => msg.encodeClientMessage({ type: 'activeCall' })), 'UNKNOWN_TYPE');
  assert.equal(code(() => msg.encodeClientMessage(msg.chat('x'.repeat(2000)))), 'accepted');
});

test('a browser candidate without mid or index leaves them out instead of sending null', () => {
  assert.deepEqual(msg.candidateSignal({ candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: null, sdpMLineIndex: null }),
    { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host' });
  assert.deepEqual(msg.descriptionSignal({ type: 'offer', sdp: 'v=0\r\n', extra: 1 }), { type: 'offer', sdp: 'v=0\r\n' });
});
