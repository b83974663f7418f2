// Pure message formatting, kept apart from the reactive language state so it
// can be unit-tested without a DOM.
import { de } from './de';
import { en } from './en';
import { formatter, type Lang } from './messages';

export type { Lang, Params } from './messages';

/** Formats from the whole catalogue: the facilitator's window. */
export const format = formatter({ de, en });

const dateFormats: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };

/** A calendar date (YYYY-MM-DD) as people write it, e.g. "Sonntag, 22. November 2026". */
export function formatDate(lang: Lang, isoDate: string, long = false): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.toLocaleDateString(dateFormats[lang], {
    timeZone: 'UTC',
    weekday: long ? 'long' : undefined,
    day: long ? 'numeric' : '2-digit',
    month: long ? 'long' : '2-digit',
    year: 'numeric',
  });
}

/** A moment (RFC 3339) as people read it: "01.12.2026, 18:21" in German. */
export function formatMoment(lang: Lang, iso: string): string {
  return new Date(iso).toLocaleString(dateFormats[lang], { dateStyle: 'medium', timeStyle: 'short' });
}

/** The time of day of a moment, "14:05". */
export function formatClockTime(lang: Lang, iso: string): string {
  return new Date(iso).toLocaleTimeString(dateFormats[lang], { hour: '2-digit', minute: '2-digit' });
}

/** A calendar date as typed in a date box: "23.11.2026" in German, "23/11/2026" in English. */
export function dateInputText(lang: Lang, isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  if (!y || !m || !d) return isoDate;
  return lang === 'de' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}

/**
 * What was typed in a date box, as YYYY-MM-DD: day first ("23.11.2026",
 * "1.2.2027", "23/11/2026") or ISO ("2026-11-23"). Text that is no calendar
 * day comes back as typed, for the core to refuse with a message that quotes it.
 */
export function parseDateInput(text: string): string {
  const typed = text.trim();
  const dayFirst = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(typed);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  const [y, m, d] = dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return typed;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const real = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
  return real ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : typed;
}
