import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page } from './fixtures.js';

const n = await import(page('network-check.js'));

const HOST = 'candidate:1 1 udp 2122260223 192.168.1.4 50000 typ host generation 0';
const SRFLX = 'candidate:2 1 udp 1686052607 203.0.113.7 61000 typ srflx raddr 192.168.1.4 rport 50000';
const RELAY = 'candidate:3 1 udp 41885439 198.51.100.9 49152 typ relay raddr 203.0.113.7 rport 61000';

test('candidate lines tell their kind', () => {
  assert.equal(n.candidateType(HOST), 'host');
  assert.equal(n.candidateType(SRFLX), 'srflx');
  assert.equal(n.candidateType(RELAY), 'relay');
  assert.equal(n.candidateType('candidate:x typ hostile'), null);
  assert.equal(n.candidateType(undefined), null);
});

test('the paths follow from the candidates found', () => {
  assert.deepEqual(n.pathsFrom([HOST]), { direct: true, stun: false, relay: false });
  assert.deepEqual(n.pathsFrom([HOST, SRFLX, RELAY]), { direct: true, stun: true, relay: true });
  assert.deepEqual(n.pathsFrom([]), { direct: false, stun: false, relay: false });
});

test('which servers the clinic offers', () => {
  assert.deepEqual(n.offeredServers([]), { stun: false, turn: false });
  assert.deepEqual(n.offeredServers([{ urls: ['stun:stun.example.org:3478'] }, { urls: 'turns:turn.example.org' }]),
    { stun: true, turn: true });
});

/** A peer connection that hands out the given candidate lines, then ends gathering (or never does). */
function scriptedPeer(lines, { finish = true } = {}) {
  return class {
    constructor(config) { this.config = config; this.closed = false; scriptedPeer.last = this; }
    createDataChannel() {}
    async createOffer() { return { type: 'offer', sdp: 'v=0' }; }
    async setLocalDescription() {
      queueMicrotask(() => {
        for (const candidate of lines) this.onicecandidate({ candidate: { candidate } });
        if (finish) this.onicecandidate({ candidate: null });
      });
    }
    close() { this.closed = true; }
  };
}

test('gathering reports the paths with the servers given and closes its connection', async () => {
  const servers = [{ urls: ['stun:127.0.0.1:3478'] }];
  const result = await n.gatherPaths(servers, { RTCPeerConnectionImpl: scriptedPeer([HOST, SRFLX]) });
  assert.equal(result.direct, true);
  assert.equal(result.stun, true);
  assert.equal(result.relay, false);
  assert.deepEqual(scriptedPeer.last.config.iceServers, servers);
  assert.ok(scriptedPeer.last.closed);
});

test('gathering that never finishes stops at the time limit with what it has', async () => {
  const result = await n.gatherPaths([], { RTCPeerConnectionImpl: scriptedPeer([HOST], { finish: false }), timeoutMs: 50 });
  assert.equal(result.direct, true);
  assert.ok(result.gatherMs >= 45, `${result.gatherMs}`);
});

test('round trips: the median of the answered pings; foreign pongs are not counted', () => {
  let now = 0;
  const trips = new n.RoundTrips(() => now);
  assert.equal(trips.median(), null);
  const a = trips.next();
  const b = trips.next();
  const c = trips.next();
  now = 30;
  assert.ok(trips.answered(a));
  now = 50;
  assert.ok(trips.answered(c));
  assert.ok(!trips.answered('someone-else'));
  assert.ok(!trips.answered(undefined));
  assert.ok(!trips.answered(a), 'answered once only');
  now = 90;
  assert.ok(trips.answered(b));
  assert.equal(trips.median(), 50);
});

test('the uplink estimate times the requests together, and gives up on a failed one', async () => {
  const { measureUplink } = await import(page('network-check.js'));
  let now = 0;
  const sizes = [];
  const kbps = await measureUplink(async (body) => { sizes.push(body.length); now = 200; }, { clock: () => now });
  // 4 × 15,000 bytes in 200 ms: 480,000 bits / 200 ms = 2,400 kbit/s.
  assert.deepEqual(sizes, [15000, 15000, 15000, 15000]);
  assert.equal(kbps, 2400);
  assert.equal(await measureUplink(async () => { throw new Error('413'); }), null);
});
