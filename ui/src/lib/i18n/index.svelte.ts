import { format, formatDate as formatDateIn, formatMoment as formatMomentIn, formatClockTime, type Lang, type Params } from './format';

export type { Lang } from './format';

const STORAGE_KEY = 'wandzeitung.lang';

function initialLang(): Lang {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'de';
}

export const i18n = $state<{ lang: Lang }>({ lang: initialLang() });

export function setLang(lang: Lang): void {
  i18n.lang = lang;
  globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

/** Translates in the current UI language; reactive wherever it is read. */
export function t(key: string, params?: Params): string {
  return format(i18n.lang, key, params);
}

export function formatDate(isoDate: string, long = false): string {
  return formatDateIn(i18n.lang, isoDate, long);
}

/** A moment in the current UI language, e.g. when a backup was taken. */
export function formatClock(iso: string): string {
  return formatClockTime(i18n.lang, iso);
}

export function formatMoment(iso: string): string {
  return formatMomentIn(i18n.lang, iso);
}

/** A number with one decimal in the current UI language ("3,7" in German). */
export function formatDecimal(n: number): string {
  return n.toLocaleString(i18n.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
