import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page } from './fixtures.js';

const k = await import(page('call-keeper.js'));

const track = (kind, readyState = 'live', muted = false) => {
  const listeners = {};
  return {
    kind, readyState, muted,
    addEventListener(type, f) { (listeners[type] ??= new Set()).add(f); },
    removeEventListener(type, f) { listeners[type]?.delete(f); },
    fire(type) { for (const f of listeners[type] ?? []) f(); },
    listeners,
  };
};

test('a microphone taken by the system (a phone call) or ended is lost audio', () => {
  assert.equal(k.interruptionOf([track('audio', 'live', true), track('video')], { camOn: true }), 'audio');
  assert.equal(k.interruptionOf([track('audio', 'ended')], { camOn: true }), 'audio');
  assert.equal(k.interruptionOf([track('audio'), track('video')], { camOn: true }), null);
});

test('a stopped camera counts only while the patient wants video', () => {
  assert.equal(k.interruptionOf([track('audio'), track('video', 'ended')], { camOn: true }), 'camera');
  assert.equal(k.interruptionOf([track('audio'), track('video', 'ended')], { camOn: false }), null);
});

/** A document and navigator with what the keeper uses. */
function world() {
  const doc = {
    visibilityState: 'visible', listeners: new Set(),
    addEventListener(_, f) { this.listeners.add(f); }, removeEventListener(_, f) { this.listeners.delete(f); },
  };
  const handlers = {};
  const locks = [];
  const nav = {
    wakeLock: { request: async (type) => { const lock = { type, released: false, release: async () => { lock.released = true; } }; locks.push(lock); return lock; } },
    mediaSession: {
      metadata: undefined,
      setActionHandler(action, f) { if (action === 'unsupported') throw new TypeError(); handlers[action] = f; },
    },
  };
  return { doc, nav, handlers, locks };
}

test('the keeper reports when the phone takes the microphone and when it gives it back', async () => {
  const w = world();
  const changes = [];
  const mic = track('audio');
  const cam = track('video');
  const keeper = new k.CallKeeper({
    onChange: (lost) => changes.push(lost), wanted: () => ({ camOn: true }), doc: w.doc, nav: w.nav,
    actions: { hangup: () => 'bye', unsupported: () => {} },
  });
  keeper.start({ getTracks: () => [mic, cam] });
  await new Promise((r) => setImmediate(r));
  assert.equal(w.locks.length, 1, 'the screen stays on during the call');
  assert.equal(typeof w.handlers.hangup, 'function', 'the lock screen can hang up');
  mic.muted = true;
  mic.fire('mute');
  mic.muted = false;
  mic.fire('unmute');
  assert.deepEqual(changes, ['audio', null]);
  keeper.stop();
  await new Promise((r) => setImmediate(r));
  assert.ok(w.locks[0].released);
  assert.equal(w.handlers.hangup, null);
  assert.equal(mic.listeners.mute.size, 0, 'no listener left behind');
  assert.equal(w.doc.listeners.size, 0);
});

test('the wake lock is taken again when the patient comes back to the page', async () => {
  const w = world();
  const keeper = new k.CallKeeper({ onChange: () => {}, wanted: () => ({ camOn: true }), doc: w.doc, nav: w.nav });
  keeper.start({ getTracks: () => [] });
  await new Promise((r) => setImmediate(r));
  keeper.wakeLock = null; // the browser released it when the page was hidden
  w.doc.visibilityState = 'visible';
  for (const f of w.doc.listeners) f();
  await new Promise((r) => setImmediate(r));
  assert.equal(w.locks.length, 2);
  keeper.stop();
});

test('a track that ends without an event is still noticed by the keeper\'s regular look', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const w = world();
  const changes = [];
  const cam = track('video');
  const keeper = new k.CallKeeper({ onChange: (lost) => changes.push(lost), wanted: () => ({ camOn: true }), doc: w.doc, nav: w.nav });
  keeper.start({ getTracks: () => [track('audio'), cam] });
  cam.readyState = 'ended';
  assert.deepEqual(changes, []);
  t.mock.timers.tick(k.POLL_MS);
  assert.deepEqual(changes, ['camera']);
  keeper.stop();
  t.mock.timers.tick(k.POLL_MS * 3);
  assert.deepEqual(changes, ['camera'], 'no look after the call');
});
