import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { page } from './fixtures.js';

const api = await import(page('api.js'));

// A real HTTP server answering as the backend does (bodies per PROTOCOL.md), so the page's reading of status codes
// and error bodies is tested over the wire.
const server = createServer((req, res) => {
  const auth = req.headers.authorization;
  const send = (status, body, type = 'application/json') => { res.writeHead(status, { 'content-type': type }); res.end(body); };
  if (req.url === '/api/info') {
    send(200, JSON.stringify(auth ? { product: 'sent a token' } : { product: 'CareCall', version: '1.0.0', protocolVersion: 1, websocketUrl: 'wss://clinic.example:8444' }));
  } else if (req.url === '/api/appointments/1' && auth === 'Bearer good') {
    send(200, JSON.stringify({ id: 1, doctorName: 'Dr. Ana Costa', scheduledAt: '2026-11-22T09:30:00Z', paid: true, callStatus: 'inactive' }));
  } else if (req.url === '/api/appointments/1' && auth === 'Bearer old') {
    send(401, JSON.stringify({ error: { code: 'TOKEN_EXPIRED', message: 'The link has expired.' } }));
  } else if (req.url === '/api/appointments/2') {
    send(502, '<html>Bad gateway</html>', 'text/html');
  } else {
    send(403, JSON.stringify({ error: { code: 'WRONG_APPOINTMENT', message: 'no' } }));
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const fetchHere = (path, init) => fetch(base + path, init);
after(() => server.close());

test('reads the appointment with the link token as Bearer', async () => {
  const r = await api.fetchAppointment('1', 'good', fetchHere);
  assert.equal(r.ok, true);
  assert.equal(r.body.doctorName, 'Dr. Ana Costa');
});

test('error bodies give their code; a body that is not JSON falls back to the status', async () => {
  assert.deepEqual(await api.fetchAppointment('1', 'old', fetchHere), { ok: false, code: 'TOKEN_EXPIRED' });
  assert.deepEqual(await api.fetchAppointment('3', 'good', fetchHere), { ok: false, code: 'WRONG_APPOINTMENT' });
  assert.deepEqual(await api.fetchAppointment('2', 'good', fetchHere), { ok: false, code: 'INTERNAL_ERROR' });
});

test('the server info names the WebSocket and is asked without a token', async () => {
  const r = await api.fetchInfo(fetchHere);
  assert.equal(r.ok, true);
  assert.equal(r.body.websocketUrl, 'wss://clinic.example:8444');
});

test('an unreachable server is a network problem, not a crash', async () => {
  const closed = createServer();
  await new Promise((r) => closed.listen(0, '127.0.0.1', r));
  const port = closed.address().port;
  await new Promise((r) => closed.close(r));
  const r = await api.getJson('/x', 't', (p, i) => fetch(`http://127.0.0.1:${port}${p}`, i));
  assert.deepEqual(r, { ok: false, code: 'NETWORK' });
});

test('the join link gives appointment and token', () => {
  assert.deepEqual(api.parseJoinLink({ pathname: '/join/12', search: '?token=a.b.c' }), { id: '12', token: 'a.b.c' });
  assert.equal(api.parseJoinLink({ pathname: '/join/12', search: '' }), null);
  assert.equal(api.parseJoinLink({ pathname: '/join/abc', search: '?token=t' }), null);
});
