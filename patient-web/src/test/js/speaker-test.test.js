import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page } from './fixtures.js';

const s = await import(page('speaker-test.js'));

test('the chime is a valid 16-bit mono WAV of the asked length', () => {
  const wav = s.chimeWav({ frequencies: [440, 880], noteMs: 100, sampleRate: 8000 });
  const view = new DataView(wav.buffer);
  const text = (o, n) => String.fromCharCode(...wav.slice(o, o + n));
  assert.equal(text(0, 4), 'RIFF');
  assert.equal(text(8, 4), 'WAVE');
  assert.equal(view.getUint16(22, true), 1, 'mono');
  assert.equal(view.getUint32(24, true), 8000);
  assert.equal(view.getUint16(34, true), 16);
  assert.equal(view.getUint32(40, true), 2 * 800 * 2, 'two notes of 800 samples');
  assert.equal(view.getUint32(4, true), wav.length - 8);
});

test('the chime is audible but never clips, and starts and ends silent', () => {
  const wav = s.chimeWav({ sampleRate: 8000, volume: 0.5 });
  const view = new DataView(wav.buffer);
  let peak = 0;
  for (let o = 44; o < wav.length; o += 2) peak = Math.max(peak, Math.abs(view.getInt16(o, true)));
  assert.ok(peak > 10000 && peak <= 0.5 * 32767 + 1, `peak ${peak}`);
  assert.equal(view.getInt16(44, true), 0);
  assert.ok(Math.abs(view.getInt16(wav.length - 2, true)) < 2000);
});
