// What a language file of the phone page holds (lang/<code>.ts): its name
// as its speakers write it, its direction, its place in the list of
// languages, and every phone message German has, with the same placeholders
// (participant/lang.test.ts checks). Adding a language is adding its file.

export interface LanguageFile {
  /** The language named in itself: "Türkçe", "العربية". */
  name: string;
  dir: 'ltr' | 'rtl';
  /** Where it stands in the phone's list of languages. */
  order: number;
  messages: Readonly<Record<string, string>>;
}
