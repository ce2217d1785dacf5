import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page, useEnglish } from './fixtures.js';

await useEnglish();
const w = await import(page('wording.js'));
const { ERROR_CODES } = await import(page('protocol.js'));

test('each link problem has its own page that says what to do', () => {
  assert.match(w.noticeForCode('TOKEN_EXPIRED').title, /expired/);
  assert.match(w.noticeForCode('TOKEN_EXPIRED').text, /new link/);
  assert.match(w.noticeForCode('TOKEN_EXPIRED').text, /after the appointment's time/);
  assert.equal(w.noticeForCode('LINK_REPLACED').kind, 'link-replaced');
  assert.match(w.noticeForCode('LINK_REPLACED').title, /replaced/);
  assert.match(w.noticeForCode('LINK_REPLACED').text, /ask the clinic for the new one/);
  for (const code of ['INVALID_TOKEN', 'TOKEN_REVOKED', 'WRONG_APPOINTMENT', 'FORBIDDEN', 'APPOINTMENT_NOT_FOUND']) {
    assert.equal(w.noticeForCode(code).kind, 'wrong-link', code);
  }
  assert.match(w.noticeForCode('PAYMENT_REQUIRED').title, /not paid/);
  assert.match(w.noticeForCode('APPOINTMENT_CANCELLED').title, /cancelled/);
  assert.equal(w.wrongLinkNotice().kind, 'wrong-link');
});

test('no error code reaches the patient as a code', () => {
  for (const code of [...ERROR_CODES, 'NETWORK', 'SOMETHING_NEW']) {
    const n = code === 'NETWORK' ? w.networkNotice() : w.noticeForCode(code);
    assert.ok(n.title.length > 5 && n.text.length > 20, code);
    assert.ok(!`${n.title} ${n.text}`.includes(code), `${code} shows its code`);
  }
});

test('the ended page says when and offers to start again', () => {
  const n = w.endedNotice('2026-11-22T09:45:12Z', 'doctor', 'Dr. Ana Costa', 'en-GB');
  assert.match(n.text, /^Dr\. Ana Costa ended the consultation on \w+day,? 22 November at \d{2}:\d{2}\./);
  assert.match(n.title, /with Dr\. Ana Costa has ended/);
  const today = w.endedNotice(new Date().toISOString(), 'patient', 'Dr. Ana Costa', 'en-GB');
  assert.match(today.text, /^You ended the consultation at \d{2}:\d{2}\./);
  assert.match(n.text, /start it again/);
  assert.equal(n.action, 'Start the call again');
  assert.match(w.endedNotice(undefined, undefined, 'x').text, /^The consultation ended\./);
});

test('the ended page speaks the patient\'s language, dates included', async () => {
  const i18n = await import(page('i18n.js'));
  const { catalogue } = await import('./fixtures.js');
  try {
    i18n.useMessages('de', catalogue('de'), catalogue('en'), 'de-DE');
    const n = w.endedNotice('2026-11-22T09:45:12Z', 'doctor', 'Dr. Ana Costa');
    assert.match(n.text, /^Dr\. Ana Costa hat die Sprechstunde am Sonntag, 22\. November um \d{2}:\d{2} beendet\./);
    assert.equal(n.action, 'Anruf erneut starten');
    assert.match(w.endedNotice(undefined, 'patient', 'x').text, /^Sie haben die Sprechstunde beendet\./);
    assert.match(w.formatAppointmentTime('2026-11-23T13:00:00Z'), /^Montag, 23\. November 2026 um \d{2}:\d{2}$/);
  } finally {
    await useEnglish();
  }
});

test('the call timer counts minutes and hours', () => {
  assert.equal(w.formatDuration(0), '0:00');
  assert.equal(w.formatDuration(7.9), '0:07');
  assert.equal(w.formatDuration(754), '12:34');
  assert.equal(w.formatDuration(3723), '1:02:03');
});

test('the connection line says what is happening', () => {
  assert.equal(w.connectionText('registered', 'connected').tone, 'ok');
  assert.match(w.connectionText('reconnecting', null).text, /every 3 seconds/);
  assert.match(w.connectionText('registered', 'failed').text, /Reconnecting the call/);
  assert.match(w.connectionText('reconnecting', 'disconnected').text, /internet connection was lost/);
  assert.equal(w.connectionText('registered', 'connecting').tone, 'busy');
  const unreachable = w.connectionText('registered', 'unreachable');
  assert.equal(unreachable.tone, 'bad');
  assert.match(unreachable.text, /cannot connect/);
});

test('a declined patient reads the doctor\'s reason and can knock again', () => {
  const notice = w.declinedNotice('An emergency came in.', 'Dr. Ana Costa');
  assert.equal(notice.kind, 'declined');
  assert.equal(notice.title, 'Dr. Ana Costa cannot see you now');
  assert.match(notice.text, /Dr\. Ana Costa wrote: “An emergency came in\.”/);
  assert.equal(notice.action, 'Knock again');
});
