// Reads the protocol module's JSON fixtures, the same files the Java tests use, so the page is held to the
// Java side's contract.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '../../../../protocol/src/test/resources/fixtures');

/**
 * The valid messages of one fixture folder: `client`, `server/room` or `server/lobby`.
 * @param {'client'|'server/room'|'server/lobby'} folder @returns {{name: string, raw: string}[]}
 */
export function messageFixtures(folder) {
  const dir = join(FIXTURES, folder);
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((name) => ({ name, raw: readFileSync(join(dir, name), 'utf8').trim() }));
}

/**
 * The invalid cases; a server case names the socket it is read on (`socket`: room or lobby).
 * @param {'client'|'server'} direction
 * @returns {{name: string, raw: string, code: string, requestId?: string, socket?: 'room'|'lobby'}[]}
 */
export function invalidFixtures(direction) {
  return JSON.parse(readFileSync(join(FIXTURES, `invalid-${direction}-messages.json`), 'utf8'));
}

/** The page module under test. */
export const page = (file) => new URL(`../../main/resources/carecall/patient-web/${file}`, import.meta.url).href;

/** The page's folder on disk. */
export const PAGE_DIR = fileURLToPath(new URL('../../main/resources/carecall/patient-web/', import.meta.url));

/** One language's catalogue as the page reads it. @param {string} lang */
export function catalogue(lang) {
  return JSON.parse(readFileSync(join(PAGE_DIR, 'messages', `${lang}.json`), 'utf8'));
}

/** Makes the page's modules speak English, as a browser with English would. */
export async function useEnglish() {
  const i18n = await import(page('i18n.js'));
  i18n.useMessages('en', catalogue('en'), catalogue('en'), 'en-GB');
  return i18n;
}
