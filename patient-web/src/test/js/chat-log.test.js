import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, page } from './fixtures.js';

const { ChatLog } = await import(page('chat-log.js'));
const protocol = await import(page('protocol.js'));

const transcript = protocol.parseServerMessage(readFileSync(join(FIXTURES, 'server', 'room', 'chatTranscript.json'), 'utf8'),
  'room');

test('a reloaded page shows the transcript it gets after registering, oldest first', () => {
  const log = new ChatLog();
  const lines = log.missing(transcript.lines);
  assert.deepEqual(lines.map((l) => `${l.from}: ${l.text}`), ['patient: Good morning, my knee still hurts.',
    'doctor: Please hold the box closer to the camera.']);
  assert.equal(lines[0].sentAt, '2026-11-22T09:30:40Z');
});

test('a line relayed as chat and also in the transcript shows once, whichever came first', () => {
  const log = new ChatLog();
  const relayed = { from: 'doctor', text: 'Please hold the box closer to the camera.', sentAt: '2026-11-22T09:31:02Z' };
  assert.equal(log.take(relayed), true);
  assert.deepEqual(log.missing(transcript.lines).map((l) => l.from), ['patient']);
  assert.equal(log.take(relayed), false, 'the same line relayed again after the transcript');
  assert.deepEqual(log.missing(transcript.lines), [], 'a second transcript adds nothing');
});

test('the same words written again later are a new line', () => {
  const log = new ChatLog();
  assert.equal(log.take({ from: 'patient', text: 'Yes', sentAt: '2026-11-22T09:30:00Z' }), true);
  assert.equal(log.take({ from: 'patient', text: 'Yes', sentAt: '2026-11-22T09:30:05Z' }), true);
});
