// Pure message formatting, kept apart from the reactive language state so it
// can be unit-tested without a DOM.
import { de, type MessageKey } from './de';
import { en } from './en';

export type Lang = 'de' | 'en';
export type Params = Record<string, string | number | undefined>;

const catalogues: Record<Lang, Record<MessageKey, string>> = { de, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(de, key);
}

/**
 * Looks the key up and fills `{name}` placeholders. A parameter whose value is
 * itself a catalogue key (the core sends `field.card_text`) is translated too.
 * An unknown key is shown as it is, so a missing message is visible, not blank.
 */
export function format(lang: Lang, key: string, params: Params = {}): string {
  const catalogue = catalogues[lang];
  const template = isMessageKey(key) ? catalogue[key] : key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    const text = String(value);
    return isMessageKey(text) ? catalogue[text] : text;
  });
}

const dateFormats: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };

/** A calendar date (YYYY-MM-DD) as people write it, e.g. "Sonntag, 22. November 2026". */
export function formatDate(lang: Lang, isoDate: string, long = false): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.toLocaleDateString(dateFormats[lang], {
    timeZone: 'UTC',
    weekday: long ? 'long' : undefined,
    day: 'numeric',
    month: long ? 'long' : '2-digit',
    year: 'numeric',
  });
}
