import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue, page, PAGE_DIR } from './fixtures.js';

const i18n = await import(page('i18n.js'));
const { BLOCKERS, WARNINGS } = await import(page('readiness.js'));

const files = readdirSync(join(PAGE_DIR, 'messages')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

test('there is a catalogue for every language the page offers, and no other', () => {
  assert.deepEqual([...files].sort(), [...i18n.LANGUAGES].sort());
  for (const lang of ['en', 'de', 'es', 'fr']) assert.ok(i18n.LANGUAGES.includes(lang), lang);
});

test('every catalogue has exactly the English keys, each with a text', () => {
  const english = Object.keys(catalogue('en')).sort();
  for (const lang of files) {
    const messages = catalogue(lang);
    const keys = Object.keys(messages).sort();
    assert.deepEqual(keys.filter((k) => !english.includes(k)), [], `${lang} has keys English lacks`);
    assert.deepEqual(english.filter((k) => !keys.includes(k)), [], `${lang} misses keys`);
    for (const [key, text] of Object.entries(messages)) {
      assert.ok(typeof text === 'string' && text.trim().length > 0, `${lang}: ${key} is empty`);
    }
  }
});

test('each translation keeps the placeholders of the English text', () => {
  const placeholders = (text) => (text.match(/\{\w+\}/g) ?? []).sort();
  const english = catalogue('en');
  for (const lang of files) {
    for (const [key, text] of Object.entries(catalogue(lang))) {
      assert.deepEqual(placeholders(text), placeholders(english[key]), `${lang}: ${key}`);
    }
  }
});

test('every key the page asks for exists in the catalogue', () => {
  const english = catalogue('en');
  const used = new Set();
  for (const file of readdirSync(PAGE_DIR).filter((f) => /\.(js|html)$/.test(f) && f !== 'i18n.js')) {
    const source = readFileSync(join(PAGE_DIR, file), 'utf8');
    for (const m of source.matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]);
    for (const m of source.matchAll(/data-i18n="([\w.]+)"/g)) used.add(m[1]);
    for (const m of source.matchAll(/data-i18n-attr="([^"]+)"/g)) {
      for (const pair of m[1].split(';')) used.add(pair.split(':')[1]);
    }
  }
  for (const kind of ['denied', 'busy', 'missing', 'insecure', 'unknown']) {
    used.add(`media.${kind}.title`);
    used.add(`media.${kind}.text`);
  }
  for (const key of [...Object.values(BLOCKERS), ...Object.values(WARNINGS)]) used.add(key);
  assert.ok(used.size > 100, `only ${used.size} keys found: the scan is broken`);
  assert.deepEqual([...used].filter((k) => !(k in english)), []);
});

test('the language is the patient\'s choice, else the appointment\'s, else the browser\'s, else English', () => {
  assert.equal(i18n.pickLanguage({ chosen: 'fr', appointment: 'de', browser: ['es-ES'] }), 'fr');
  assert.equal(i18n.pickLanguage({ chosen: null, appointment: 'de', browser: ['es-ES'] }), 'de');
  assert.equal(i18n.pickLanguage({ appointment: 'DE-at', browser: [] }), 'de');
  assert.equal(i18n.pickLanguage({ browser: ['pt-BR', 'es-MX', 'en'] }), 'es', 'the first language the page has');
  assert.equal(i18n.pickLanguage({ appointment: 'tr', browser: ['fr-CA'] }), 'fr', 'a language the page lacks is skipped');
  assert.equal(i18n.pickLanguage({ browser: ['ja-JP'] }), 'en');
  assert.equal(i18n.pickLanguage({ chosen: '../../x', browser: [] }), 'en', 'no language tag, no language');
  assert.equal(i18n.pickLanguage({}), 'en');
});

test('dates follow the browser\'s region of the chosen language', () => {
  assert.equal(i18n.localeFor('de', ['en-US', 'de-AT', 'de']), 'de-AT');
  assert.equal(i18n.localeFor('fr', ['en-US']), 'fr');
  assert.equal(i18n.baseLanguage('es_419'), 'es');
  assert.equal(i18n.baseLanguage(42), null);
});

test('placeholders are filled; a missing one stays visible; a missing key falls back to English', () => {
  assert.equal(i18n.format('Hello {name}, {n} new', { name: 'Ana', n: 2 }), 'Hello Ana, 2 new');
  assert.equal(i18n.format('Hello {name}'), 'Hello {name}');
  i18n.useMessages('de', { 'a.b': 'Hallo {x}' }, { 'a.b': 'Hello {x}', 'c.d': 'English only' }, 'de-DE');
  assert.equal(i18n.t('a.b', { x: 1 }), 'Hallo 1');
  assert.equal(i18n.t('c.d'), 'English only');
  assert.equal(i18n.t('no.such.key'), 'no.such.key');
  assert.equal(i18n.language(), 'de');
  assert.equal(i18n.locale(), 'de-DE');
  i18n.useMessages('en', catalogue('en'));
});

test('the static page is translated through its data-i18n marks', () => {
  i18n.useMessages('en', { greet: 'Hello', label: 'Close chat', hint: 'Write' });
  const element = (attrs) => ({
    attrs: { ...attrs }, textContent: '',
    getAttribute(n) { return this.attrs[n]; },
    setAttribute(n, v) { this.attrs[n] = v; },
  });
  const text = element({ 'data-i18n': 'greet' });
  const button = element({ 'data-i18n-attr': 'aria-label:label; placeholder:hint' });
  const root = { querySelectorAll: (sel) => (sel === '[data-i18n]' ? [text] : [button]) };
  i18n.translateDom(root);
  assert.equal(text.textContent, 'Hello');
  assert.equal(button.attrs['aria-label'], 'Close chat');
  assert.equal(button.attrs.placeholder, 'Write');
  i18n.useMessages('en', catalogue('en'));
});
