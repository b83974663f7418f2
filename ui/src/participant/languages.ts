// The phone page's languages: German and English from the window's
// catalogue, every other from its own file in lang/. Only German travels
// with the page; another language is loaded when a phone chooses it. The
// list of languages, each named in itself, is made at build time.
import { de, languages } from 'virtual:phone-catalogue';
import type { Catalogue } from '../lib/i18n/messages';
import type { LanguageFile } from './lang-file';

export interface PhoneLanguage {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
}

export const LANGUAGES: readonly PhoneLanguage[] = languages;

const files = import.meta.glob<{ default: LanguageFile }>('./lang/*.ts');

/** Every catalogue loaded so far, by language. */
export const catalogues: Record<string, Catalogue> = { de };

/** Loads a language's messages once; false when there is no such language. */
export async function load(code: string): Promise<boolean> {
  if (catalogues[code]) return true;
  if (code === 'en') {
    catalogues.en = (await import('virtual:phone-catalogue-en')).default;
    return true;
  }
  const file = files[`./lang/${code}.ts`];
  if (!file) return false;
  catalogues[code] = (await file()).default.messages;
  return true;
}

export function language(code: string): PhoneLanguage {
  return LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0]!;
}

/**
 * The phone's language: the one chosen on it before, else the first of the
 * browser's languages the page speaks, else German.
 */
export function initial(saved: string | null, preferred: readonly string[]): string {
  if (saved && LANGUAGES.some((l) => l.code === saved)) return saved;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    const hit = LANGUAGES.find((l) => l.code === primary);
    if (hit) return hit.code;
  }
  return 'de';
}
