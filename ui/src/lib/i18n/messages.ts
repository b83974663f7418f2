// Message formatting over a set of catalogues, pure and without a catalogue
// of its own: the window formats from the whole catalogue (format.ts), the
// phone's page from the phone's part of it only (its own bundle stays small)
// and in the phone's languages.

/** The window's languages; the phone has more (participant/languages.ts). */
export type Lang = 'de' | 'en';
export type Params = Record<string, string | number | undefined>;
export type Catalogue = Readonly<Record<string, string>>;

/** The plural categories a language's rules may choose (Intl.PluralRules). */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

/** A catalogue's language as Intl knows it: Einfache Sprache counts as German. */
export function locale(lang: string): string {
  return lang === 'de-simple' ? 'de' : lang;
}

const rules = new Map<string, Intl.PluralRules>();
function pluralRules(lang: string): Intl.PluralRules {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(locale(lang));
    rules.set(lang, r);
  }
  return r;
}

/** `{count|…|…}`: a number's name and its forms, which may hold `{name}`s. */
const PLURAL = /\{(\w+)((?:\|(?:[^|{}]|\{\w+\})*)+)\}/g;

/**
 * The forms of one plural: `one:Karte|other:Karten` by category, as
 * languages with more than two forms write them (Russian, Ukrainian,
 * Arabic); `Karte|Karten` is one and other.
 */
export function pluralForms(forms: string[]): Partial<Record<PluralCategory, string>> {
  const named = forms.every((f) => /^(zero|one|two|few|many|other):/.test(f));
  if (named) {
    return Object.fromEntries(forms.map((f) => [f.slice(0, f.indexOf(':')), f.slice(f.indexOf(':') + 1)]));
  }
  return { one: forms[0], other: forms[forms.length - 1] };
}

/**
 * `{count|Karte|Karten}` becomes the form the language's plural rules choose
 * for the number in `count`: "1 Karte", "0 Karten", "2 Karten".
 */
function plurals(lang: string, template: string, params: Params): string {
  return template.replace(PLURAL, (whole, name: string, parts: string) => {
    const n = Number(params[name]);
    if (params[name] === undefined || Number.isNaN(n)) return whole;
    const forms = pluralForms(parts.slice(1).split('|'));
    return forms[pluralRules(lang).select(n) as PluralCategory] ?? forms.other ?? whole;
  });
}

/**
 * A `format(lang, key, params)` over `catalogues`: looks the key up and
 * fills `{name}` placeholders. A parameter whose value is itself a catalogue
 * key (the core sends `field.card_text`) is translated too, with the other
 * parameters filled into it. An unknown key is shown as it is, so a missing
 * message is visible, not blank; a language without the key speaks German.
 */
export function formatter(catalogues: Record<string, Catalogue>) {
  const german = catalogues.de ?? {};
  const known = (key: string) => Object.prototype.hasOwnProperty.call(german, key);
  return function format(lang: string, key: string, params: Params = {}): string {
    const own = catalogues[lang];
    const template = known(key) ? (own?.[key] ?? german[key] ?? key) : key;
    return plurals(own ? lang : 'de', template, params).replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      const text = String(value);
      if (!known(text)) return text;
      // A nested message fills its own placeholders from the same parameters
      // (`photo_problem.too_large` needs `max_mb`), never from itself.
      const { [name]: _self, ...rest } = params;
      return format(lang, text, rest);
    });
  };
}
