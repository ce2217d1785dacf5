import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { page } from './fixtures.js';

const { SignalingChannel, RETRY_MS, HEARTBEAT_MS, MISSED_HEARTBEATS, roomUrl } = await import(page('signaling.js'));

/**
 * Stands in for the browser's WebSocket at the socket boundary, so the channel's own decisions (register first,
 * reconnect after 3 s, stop on a bad link) are tested here; the real socket against the real backend is exercised
 * by the browser tests in e2e-tests.
 */
class ScriptedSocket {
  static opened = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    ScriptedSocket.opened.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.serverClosed(); }
  open() { this.readyState = 1; this.onopen?.(); }
  deliver(obj) { this.onmessage?.({ data: typeof obj === 'string' ? obj : JSON.stringify(obj) }); }
  serverClosed() { this.readyState = 3; this.onclose?.({ code: 1006 }); }
}

const REGISTERED = { type: 'registered', role: 'patient', appointmentId: 1, callStatus: 'inactive', peerConnected: false, iceServers: [], protocolVersion: 1 };

function channel(extra = {}) {
  ScriptedSocket.opened = [];
  const received = [];
  const states = [];
  const ch = new SignalingChannel({
    url: 'ws://h/ws/appointments/1', token: 'tok', WebSocketImpl: ScriptedSocket,
    onMessage: (m) => received.push(m), onState: (s) => states.push(s), ...extra,
  });
  ch.connect();
  return { ch, received, states, socket: () => ScriptedSocket.opened.at(-1) };
}

test('registers with the link token as soon as the socket opens, and sends only once registered', () => {
  const { ch, received, states, socket } = channel();
  socket().open();
  assert.deepEqual(socket().sent, [{ type: 'register', token: 'tok', protocolVersion: 1 }]);
  assert.equal(ch.send({ type: 'startCall' }), false, 'nothing but register before registered');
  socket().deliver(REGISTERED);
  assert.equal(received[0].type, 'registered');
  assert.deepEqual(states, ['registered']);
  assert.equal(ch.send({ type: 'startCall' }), true);
  assert.deepEqual(socket().sent.at(-1), { type: 'startCall' });
});

test('a dropped socket is opened again after 3 seconds and registers again', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { states, socket } = channel();
    socket().open();
    socket().deliver(REGISTERED);
    socket().serverClosed();
    assert.equal(states.at(-1), 'reconnecting');
    assert.equal(ScriptedSocket.opened.length, 1);
    mock.timers.tick(RETRY_MS - 1);
    assert.equal(ScriptedSocket.opened.length, 1, 'not before 3 s');
    mock.timers.tick(1);
    assert.equal(ScriptedSocket.opened.length, 2);
    socket().serverClosed(); // the network is still gone: try again
    mock.timers.tick(RETRY_MS);
    assert.equal(ScriptedSocket.opened.length, 3);
    socket().open();
    assert.equal(socket().sent[0].type, 'register');
    socket().deliver(REGISTERED);
    assert.equal(states.at(-1), 'registered');
  } finally {
    mock.timers.reset();
  }
});

test('a line that went silent without a close is given up after missed heartbeats, and opened again', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { states, socket } = channel();
    socket().open();
    socket().deliver(REGISTERED);
    mock.timers.tick(HEARTBEAT_MS);
    assert.deepEqual(socket().sent.at(-1), { type: 'ping' });
    socket().deliver({ type: 'pong' }); // answered: the count starts again
    for (let i = 0; i < MISSED_HEARTBEATS; i++) mock.timers.tick(HEARTBEAT_MS);
    assert.equal(states.at(-1), 'registered', 'still within the missed heartbeats');
    assert.equal(socket().sent.filter((m) => m.type === 'ping').length, 1 + MISSED_HEARTBEATS);
    mock.timers.tick(HEARTBEAT_MS);
    assert.equal(states.at(-1), 'reconnecting', 'no frame for the missed heartbeats: the socket is dead');
    mock.timers.tick(RETRY_MS);
    assert.equal(ScriptedSocket.opened.length, 2);
    socket().open();
    socket().deliver(REGISTERED);
    assert.equal(states.at(-1), 'registered');
  } finally {
    mock.timers.reset();
  }
});

test('a bad link stops the channel instead of retrying forever', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { received, states, socket } = channel();
    socket().open();
    socket().deliver({ type: 'error', code: 'TOKEN_EXPIRED', message: 'expired' });
    socket().serverClosed();
    mock.timers.tick(RETRY_MS * 3);
    assert.equal(ScriptedSocket.opened.length, 1);
    assert.equal(received[0].code, 'TOKEN_EXPIRED');
    assert.equal(states.at(-1), 'stopped');
  } finally {
    mock.timers.reset();
  }
});

test('an unreadable frame is reported and not delivered; the channel keeps going', () => {
  const errors = [];
  const { received, socket } = channel({ onProtocolError: (e) => errors.push(e.code) });
  socket().open();
  socket().deliver('{"type":"fireworks"}');
  socket().deliver(REGISTERED);
  assert.deepEqual(errors, ['UNKNOWN_TYPE']);
  assert.deepEqual(received.map((m) => m.type), ['registered']);
});

test('the room address follows the page: wss on https', () => {
  // Production: the page is on 8443, the WebSocket on its own 8444, as /api/info says; never the page's own port.
  assert.equal(roomUrl('wss://clinic.example:8444', 42), 'wss://clinic.example:8444/ws/appointments/42');
  assert.equal(roomUrl('ws://127.0.0.1:5000/', '7'), 'ws://127.0.0.1:5000/ws/appointments/7');
  assert.equal(roomUrl('wss://clinic.example/carecall', 3), 'wss://clinic.example/carecall/ws/appointments/3');
});
