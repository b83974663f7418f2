// Syllable breaks for text the room reads from afar (projector cards,
// cluster headings, actor names). WebKitGTK's `hyphens: auto` reads the
// system's libhyphen dictionaries, and Debian's German one is ISO-8859-1
// while WebKit hands it UTF-8: every break after an umlaut or ß lands one
// letter off ("Straßenbeleucht-ungs"). So the syllables are marked here, with
// soft hyphens (U+00AD, a character in the text, never markup) from the TeX
// patterns of the `hyphen` package; the browser breaks and hyphenates only
// where it needs to. The patterns load on first use, not with the app.
import { i18n } from '../i18n/index.svelte';

type Hyphenate = (text: string, options?: { minWordLength?: number }) => string;

const loaded = $state<{ de: Hyphenate | null; en: Hyphenate | null }>({ de: null, en: null });
let loading = false;

function load() {
  if (loading) return;
  loading = true;
  import('hyphen/de').then((m) => (loaded.de = m.hyphenateSync));
  import('hyphen/en-gb').then((m) => (loaded.en = m.hyphenateSync));
}

/** Texts already marked, per language: the projector reloads its cards on
 *  every change in the room, and most of them are the same texts again. */
const marked = { de: new Map<string, string>(), en: new Map<string, string>() };
const MARKED_MAX = 4000;

/** The text with its syllables marked in the UI's language (words of eight
 *  letters and more); as it is until the patterns have loaded. */
export function syllables(text: string): string {
  const lang = i18n.lang;
  const hyphenate = loaded[lang];
  if (!hyphenate) {
    load();
    return text;
  }
  const known = marked[lang].get(text);
  if (known !== undefined) return known;
  const done = hyphenate(text, { minWordLength: 8 });
  if (marked[lang].size >= MARKED_MAX) marked[lang].clear();
  marked[lang].set(text, done);
  return done;
}
