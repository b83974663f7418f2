import { describe, expect, it } from 'vitest';
import { de } from '../lib/i18n/de';
import { en } from '../lib/i18n/en';
import { locale, pluralForms, PLURAL_CATEGORIES, formatter } from '../lib/i18n/messages';
import type { LanguageFile } from './lang-file';
import { phoneCatalogue } from './phone-keys';

const files = import.meta.glob<{ default: LanguageFile }>('./lang/*.ts', { eager: true });
const german = phoneCatalogue(de);
const languages: [string, Readonly<Record<string, string>>][] = [
  ['en', phoneCatalogue(en)],
  ...Object.entries(files).map(([path, f]): [string, Readonly<Record<string, string>>] => [path.slice('./lang/'.length, -'.ts'.length), f.default.messages]),
];

/** The names a message fills in: `{field}` and the `n` of `{n|…}`. */
function names(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)[|}]/g)].map((m) => m[1]!))].sort();
}

/** Each plural of a message: its number's name and its forms. */
function plurals(message: string): { name: string; forms: string[] }[] {
  return [...message.matchAll(/\{(\w+)((?:\|(?:[^|{}]|\{\w+\})*)+)\}/g)].map((m) => ({ name: m[1]!, forms: m[2]!.slice(1).split('|') }));
}

describe("the phone page's languages", () => {
  it('are seven, the five of their own files each named in itself', () => {
    expect(languages.map(([code]) => code).sort()).toEqual(['ar', 'de-simple', 'en', 'ru', 'tr', 'uk']);
    const named = Object.values(files).map((f) => f.default.name);
    expect(named).toEqual(expect.arrayContaining(['Türkçe', 'العربية', 'Українська', 'Русский', 'Einfache Sprache']));
    expect(files['./lang/ar.ts']!.default.dir).toBe('rtl');
    const orders = Object.values(files).map((f) => f.default.order);
    expect(new Set(orders).size).toBe(orders.length);
  });

  for (const [code, messages] of languages) {
    it(`${code}: every key German has and no other, every placeholder kept, every plural form its rules need`, () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(german).sort());
      const needed = new Intl.PluralRules(locale(code)).resolvedOptions().pluralCategories;
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${code} ${key} is empty`).not.toBe('');
        expect(names(text), `${code} ${key}: ${text}`).toEqual(names(german[key]!));
        for (const p of plurals(text)) {
          const forms = pluralForms(p.forms);
          const named = p.forms.every((f) => /^(zero|one|two|few|many|other):/.test(f));
          // Two forms are "one" and "other": enough only where the rules know no more.
          const missing = needed.filter((c) => forms[c] === undefined && (named || !['one', 'other'].includes(c)));
          expect(missing, `${code} ${key}: ${p.name} lacks ${missing.join(', ')}`).toEqual([]);
          for (const c of Object.keys(forms)) expect(PLURAL_CATEGORIES).toContain(c);
        }
      }
    });
  }

  it('choose the plural form by the language’s own rules', () => {
    const ru = Object.fromEntries(languages)['ru']!;
    const ar = Object.fromEntries(languages)['ar']!;
    const format = formatter({ de: german, ru, ar });
    expect(format('ru', 'phone.group_people', { n: 1 })).toBe('1 человек');
    expect(format('ru', 'phone.group_people', { n: 3 })).toBe('3 человека');
    expect(format('ru', 'phone.group_people', { n: 5 })).toBe('5 человек');
    expect(format('ru', 'phone.group_people', { n: 21 })).toBe('21 человек');
    expect(format('ar', 'phone.group_people', { n: 2 })).toBe('شخصان');
    expect(format('ar', 'phone.group_people', { n: 3 })).toBe('3 أشخاص');
    expect(format('ar', 'phone.group_people', { n: 11 })).toBe('11 شخصًا');
    // A refusal sent in German keys arrives in the phone's language.
    expect(format('ru', 'error.too_long', { field: 'field.card_text', len: 2100, max: 2000 })).toBe(
      'Текст карточки: слишком длинно — 2100 символов, допускается не более 2000.',
    );
  });
});
