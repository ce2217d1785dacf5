import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageFixtures, invalidFixtures, page } from './fixtures.js';

const msg = await import(page('protocol.js'));

// How the page builds each client fixture; a fixture without a builder here fails the test, so a message added on
// the Java side cannot be forgotten by the page. Descriptions and candidates are built as the page builds them from
// what its RTCPeerConnection hands over.
const BUILDERS = {
  'chat.json': (f) => msg.chat(f.text, f.requestId),
  'endCall.json': (f) => msg.endCall(f.requestId),
  'joinCall.json': (f) => msg.joinCall(f.requestId),
  'mediaConnection.json': (f) => msg.mediaConnection(f.state, f.requestId),
  'mediaState.json': (f) => msg.mediaState(f.audio, f.video, f.requestId),
  'ping.json': (f) => msg.ping(f.requestId),
  'readiness.json': (f) => msg.readiness(f.readiness, f.requestId),
  'quality-level-only.json': (f) => msg.quality(f.report, f.requestId),
  'quality.json': (f) => msg.quality(f.report, f.requestId),
  'register.json': (f) => msg.register(f.token, f.requestId),
  'screenShare.json': (f) => msg.screenShare(f.active, f.requestId),
  'signal-answer.json': (f) => msg.signal(msg.descriptionSignal(f.signal), f.requestId),
  'signal-candidate-null-mid.json': (f) => msg.signal(msg.candidateSignal(f.signal), f.requestId),
  'signal-candidate.json': (f) => msg.signal(msg.candidateSignal(f.signal), f.requestId),
  'signal-end-of-candidates.json': (f) => msg.signal(msg.candidateSignal(f.signal), f.requestId),
  'signal-offer.json': (f) => msg.signal(msg.descriptionSignal(f.signal), f.requestId),
  'signal-pranswer.json': (f) => msg.signal(msg.descriptionSignal(f.signal), f.requestId),
  'signal-rollback.json': (f) => msg.signal(msg.descriptionSignal(f.signal), f.requestId),
  'startCall.json': (f) => msg.startCall(f.requestId),
};

test('the builders write every client fixture exactly', () => {
  const fixtures = messageFixtures('client');
  assert.deepEqual(fixtures.map((f) => f.name), Object.keys(BUILDERS).sort());
  for (const { name, raw } of fixtures) {
    const expected = JSON.parse(raw);
    const written = msg.encodeClientMessage(BUILDERS[name](expected));
    assert.deepEqual(JSON.parse(written), expected, name);
    assert.deepEqual(msg.parseClientMessage(written), msg.parseClientMessage(raw), name);
  }
});

test('a signal leaves the page field for field as the browser wrote it', () => {
  for (const { name, raw } of messageFixtures('client').filter((f) => f.name.startsWith('signal'))) {
    const browser = JSON.parse(raw).signal;
    const written = JSON.parse(msg.encodeClientMessage(BUILDERS[name](JSON.parse(raw)))).signal;
    assert.equal(JSON.stringify(written), JSON.stringify(browser), `${name}: same fields, same order, same nulls`);
  }
});

test('each socket reads exactly its own family of server messages', () => {
  for (const socket of ['room', 'lobby']) {
    const fixtures = messageFixtures(`server/${socket}`);
    const types = new Set(fixtures.map(({ name, raw }) => {
      const m = msg.parseServerMessage(raw, socket);
      assert.equal(m.type, name.replace(/(-[a-z-]+)?\.json$/, ''), name);
      return m.type;
    }));
    // The fixture folders follow the Java families (RoomMessage, LobbyMessage), so this ties the page to them.
    assert.deepEqual([...types].sort(), [...msg.SOCKET_FAMILIES[socket]].sort(), socket);
  }
});

test('the room fixtures parse with their fields', () => {
  const parsed = Object.fromEntries(messageFixtures('server/room').map(({ name, raw }) => [name, msg.parseServerMessage(raw)]));
  const reg = parsed['registered.json'];
  assert.equal(reg.role, 'patient');
  assert.equal(reg.callStatus, 'waiting');
  assert.equal(reg.startedBy, 'doctor');
  assert.equal(reg.peerConnected, true);
  assert.deepEqual(reg.iceServers[1], {
    urls: ['turn:127.0.0.1:3478?transport=udp'], username: '1700000000:carecall', credential: 'c2VjcmV0',
  });
  assert.equal(parsed['activeCall.json'].startedAt, '2026-11-22T09:30:00Z');
  assert.equal(parsed['signal.json'].signal.type, 'answer');
  assert.equal(parsed['callEnded.json'].reason, 'hangup');
  assert.equal(parsed['callEnded-server-restart.json'].reason, 'server_restart');
  assert.equal(parsed['callEnded-server-restart.json'].endedBy, undefined);
  assert.equal(parsed['error.json'].code, 'PAYMENT_REQUIRED');
  assert.equal(parsed['error.json'].requestId, 'r-2');
  assert.equal(parsed['error-link-replaced.json'].code, 'LINK_REPLACED');
  assert.equal(parsed['error-rate-limited.json'].code, 'RATE_LIMITED');
  assert.equal(parsed['error-rate-limited.json'].requestId, 's-812');
  assert.deepEqual(parsed['mediaState.json'], { type: 'mediaState', from: 'patient', audio: false, video: false });
  const lobby = Object.fromEntries(messageFixtures('server/lobby').map(({ name, raw }) => [name, msg.parseServerMessage(raw, 'lobby')]));
  assert.deepEqual(lobby['registered.json'].iceServers, []);
  assert.equal(lobby['callStatus.json'].callStatus, 'waiting');
  assert.equal(lobby['error-token-revoked.json'].code, 'TOKEN_REVOKED');
});

test('a relayed payload reaches the page unchanged, explicit null and username fragment included', () => {
  const raw = messageFixtures('server/room').find((f) => f.name === 'signal-candidate.json').raw;
  const m = msg.parseServerMessage(raw);
  assert.equal(JSON.stringify(m.signal), JSON.stringify(JSON.parse(raw).signal));
  assert.ok(Object.hasOwn(m.signal, 'sdpMid') && m.signal.sdpMid === null);
  assert.equal(m.signal.usernameFragment, 'Xq3v');
  // Every payload a browser can send is one the page accepts back from the server.
  for (const { name, raw: sent } of messageFixtures('client').filter((f) => f.name.startsWith('signal'))) {
    const payload = JSON.parse(sent).signal;
    const relayed = msg.parseServerMessage(JSON.stringify({ type: 'signal', from: 'doctor', signal: payload }));
    assert.deepEqual(relayed.signal, payload, name);
  }
});

test('signal kinds: description, candidate, end of candidates', () => {
  const kinds = Object.fromEntries(messageFixtures('client').filter((f) => f.name.startsWith('signal'))
    .map(({ name, raw }) => [name, msg.signalKind(msg.checkSignal(JSON.parse(raw).signal))]));
  assert.deepEqual(kinds, {
    'signal-answer.json': 'description',
    'signal-candidate-null-mid.json': 'candidate',
    'signal-candidate.json': 'candidate',
    'signal-end-of-candidates.json': 'endOfCandidates',
    'signal-offer.json': 'description',
    'signal-pranswer.json': 'description',
    'signal-rollback.json': 'description',
  });
});

for (const direction of ['server', 'client']) {
  for (const f of invalidFixtures(direction)) {
    test(`invalid ${direction} message is rejected as the Java codec does: ${f.name}`, () => {
      const parse = direction === 'server' ? () => msg.parseServerMessage(f.raw, f.socket) : () => msg.parseClientMessage(f.raw);
      assert.ok(direction === 'client' || ['room', 'lobby'].includes(f.socket), 'a server case names its socket');
      assert.throws(parse, (e) => {
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
  assert.equal(code(() => msg.encodeClientMessage(msg.signal({ type: 'answer' }))), 'MISSING_FIELD');
  assert.equal(code(() => msg.encodeClientMessage(msg.signal({ type: 'answer', sdp: '' }))), 'INVALID_FIELD');
  assert.equal(code(() => msg.encodeClientMessage(msg.signal({ type: 'hello', sdp: 'v=0' }))), 'INVALID_FIELD');
  assert.equal(code(() => msg.encodeClientMessage(msg.signal({ sdpMid: '0' }))), 'INVALID_FIELD');
  assert.equal(code(() => msg.encodeClientMessage(msg.mediaState(true))), 'MISSING_FIELD');
  assert.equal(code(() => msg.encodeClientMessage({ type: 'activeCall' })), 'UNKNOWN_TYPE');
  assert.equal(code(() => msg.encodeClientMessage(msg.chat('x'.repeat(2000)))), 'accepted');
  assert.equal(code(() => msg.encodeClientMessage(msg.signal({ type: 'rollback' }))), 'accepted');
});

test('a browser candidate is passed on as toJSON() gave it; a description as {type, sdp}', () => {
  const chromium = {
    candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 9 typ host generation 0 ufrag Xq3v network-id 1',
    sdpMid: null, sdpMLineIndex: 1, usernameFragment: 'Xq3v',
  };
  assert.equal(JSON.stringify(msg.candidateSignal(chromium)), JSON.stringify(chromium));
  assert.notEqual(msg.candidateSignal(chromium), chromium, 'a copy, not the browser object itself');
  assert.deepEqual(msg.descriptionSignal({ type: 'offer', sdp: 'v=0\r\n', extra: 1 }), { type: 'offer', sdp: 'v=0\r\n' });
});
