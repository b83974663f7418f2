// Message formatting over a set of catalogues, pure and without a catalogue
// of its own: the window formats from the whole catalogue (format.ts), the
// phone's page from the phone's part of it only (its own bundle stays small).

export type Lang = 'de' | 'en';
export type Params = Record<string, string | number | undefined>;
export type Catalogue = Readonly<Record<string, string>>;

const pluralRules: Record<Lang, Intl.PluralRules> = {
  de: new Intl.PluralRules('de-DE'),
  en: new Intl.PluralRules('en-GB'),
};

/**
 * `{count|Karte|Karten}` becomes the form the language's plural rules choose
 * for the number in `count`: "1 Karte", "0 Karten", "2 Karten".
 */
function plurals(lang: Lang, template: string, params: Params): string {
  return template.replace(/\{(\w+)\|([^|}]*)\|([^|}]*)\}/g, (whole, name: string, one: string, other: string) => {
    const n = Number(params[name]);
    if (params[name] === undefined || Number.isNaN(n)) return whole;
    return pluralRules[lang].select(n) === 'one' ? one : other;
  });
}

/**
 * A `format(lang, key, params)` over `catalogues`: looks the key up and
 * fills `{name}` placeholders. A parameter whose value is itself a catalogue
 * key (the core sends `field.card_text`) is translated too, with the other
 * parameters filled into it. An unknown key is shown as it is, so a missing
 * message is visible, not blank.
 */
export function formatter(catalogues: Record<Lang, Catalogue>) {
  const known = (key: string) => Object.prototype.hasOwnProperty.call(catalogues.de, key);
  return function format(lang: Lang, key: string, params: Params = {}): string {
    const template = known(key) ? (catalogues[lang][key] ?? key) : key;
    return plurals(lang, template, params).replace(/\{(\w+)\}/g, (whole, name: string) => {
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
