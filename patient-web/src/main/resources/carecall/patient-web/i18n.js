// The patient's language: which catalogue the page speaks (messages/<language>.json, the same keys in every file),
// and the one `t()` every module reads its words from. Dates and times follow the patient's locale and time zone.

/** The languages the page has a catalogue for; the first is the fallback for any missing word. */
export const LANGUAGES = Object.freeze(['en', 'de', 'es', 'fr']);

/** Each language's name in itself, for the language menu (the same in every catalogue, so not in them). */
export const LANGUAGE_NAMES = Object.freeze({ en: 'English', de: 'Deutsch', es: 'Español', fr: 'Français' });

const STORAGE_KEY = 'carecall.language';

/** @type {Record<string, string>} */ let messages = {};
/** @type {Record<string, string>} */ let fallback = {};
let currentLanguage = 'en';
/** @type {string | undefined} a BCP 47 locale for Intl, e.g. "de-AT"; undefined means the browser's own */
let currentLocale;

/**
 * The language to speak, first found wins: the patient's own choice on this page, the language the clinic set on
 * the appointment, the browser's languages in order, English.
 * @param {{chosen?: string | null, appointment?: string | null, browser?: readonly string[]}} sources
 * @param {readonly string[]} [available]
 * @returns {string}
 */
export function pickLanguage({ chosen, appointment, browser = [] }, available = LANGUAGES) {
  for (const tag of [chosen, appointment, ...browser]) {
    const base = baseLanguage(tag);
    if (base && available.includes(base)) return base;
  }
  return available[0];
}

/** "de-AT" → "de"; anything that is not a language tag → null. @param {string | null | undefined} tag */
export function baseLanguage(tag) {
  if (typeof tag !== 'string') return null;
  const match = /^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*$/.exec(tag.trim());
  return match ? match[1].toLowerCase() : null;
}

/**
 * The locale for dates and times: the browser's own regional variant of the chosen language when it has one
 * (a patient in Vienna with German gets "de-AT"), else the language itself.
 * @param {string} language
 * @param {readonly string[]} [browser]
 */
export function localeFor(language, browser = []) {
  return browser.find((tag) => baseLanguage(tag) === language && tag.includes('-')) ?? language;
}

/**
 * Replaces {name} placeholders; a placeholder without a value stays visible, so a missing argument is noticed.
 * @param {string} template
 * @param {Record<string, string | number>} [params]
 */
export function format(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * Sets the words the page speaks. The English catalogue backs any key a translation lacks (the Node tests keep
 * them complete; this keeps a half-deployed release readable).
 * @param {string} language
 * @param {Record<string, string>} catalogue
 * @param {Record<string, string>} [english]
 * @param {string} [locale]
 */
export function useMessages(language, catalogue, english = catalogue, locale = language) {
  currentLanguage = language;
  messages = catalogue;
  fallback = english;
  currentLocale = locale;
}

/**
 * One text of the current catalogue.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 */
export function t(key, params) {
  const template = messages[key] ?? fallback[key];
  if (template === undefined) {
    console.warn('CareCall: no text for', key);
    return key;
  }
  return format(template, params);
}

export const language = () => currentLanguage;
export const locale = () => currentLocale;

/**
 * Reads one catalogue from the server.
 * @param {string} lang
 * @param {typeof fetch} [fetchImpl]
 * @returns {Promise<Record<string, string>>}
 */
export async function fetchCatalogue(lang, fetchImpl = globalThis.fetch) {
  const response = await fetchImpl(`/patient/messages/${lang}.json`);
  if (!response.ok) throw new Error(`no catalogue for ${lang}: ${response.status}`);
  return response.json();
}

/**
 * Loads and sets the language: the catalogue and English behind it. A catalogue that cannot be read leaves the
 * page in English rather than without words.
 * @param {string} lang
 * @param {readonly string[]} [browser]
 */
export async function loadLanguage(lang, browser = globalThis.navigator?.languages ?? []) {
  const english = await fetchCatalogue('en');
  let catalogue = english;
  let chosen = 'en';
  if (lang !== 'en') {
    try {
      catalogue = await fetchCatalogue(lang);
      chosen = lang;
    } catch (e) {
      console.warn('CareCall: falling back to English', e);
    }
  }
  useMessages(chosen, catalogue, english, localeFor(chosen, browser));
  return chosen;
}

/** The patient's own choice from an earlier visit, if the browser lets the page remember it. */
export function storedLanguage() {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage blocked (private mode, strict settings): the browser's languages decide
  }
}

/** @param {string} lang */
export function storeLanguage(lang) {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered; the page still switches
  }
}

/**
 * Puts the current catalogue's words into the static page: `data-i18n="key"` sets the text,
 * `data-i18n-attr="aria-label:key;title:key"` sets attributes.
 * @param {ParentNode} root
 */
export function translateDom(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.getAttribute('data-i18n-attr').split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}
