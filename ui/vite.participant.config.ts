import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { de } from './src/lib/i18n/de.ts';
import { en } from './src/lib/i18n/en.ts';
import { phoneCatalogue } from './src/participant/phone-keys.ts';

/**
 * The generated bindings as the phone sees them: its rules (limits) only.
 * The rest is the window's Tauri calls and events, which would pull the
 * Tauri API into the phone's bundle; a phone importing anything else from
 * them fails the build.
 */
function phoneBindings(): Plugin {
  return {
    name: 'phone-bindings',
    load(source) {
      if (!source.endsWith('/src/lib/api/bindings.ts')) return null;
      const rules = readFileSync(source, 'utf8')
        .split('\n')
        .find((line) => line.startsWith('export const RULES = '));
      if (!rules) throw new Error('bindings.ts has no RULES');
      return rules;
    },
  };
}

/**
 * Each built file also brotli-compressed beside it (`x.js.br`), for the
 * phones that ask for it; build.rs embeds both, the server picks.
 */
function brotliBeside(): Plugin {
  return {
    name: 'brotli-beside',
    writeBundle(options) {
      const dir = options.dir ?? 'dist-participant';
      for (const name of readdirSync(dir)) {
        if (name.endsWith('.br')) continue;
        const packed = brotliCompressSync(readFileSync(join(dir, name)), {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
        });
        writeFileSync(join(dir, `${name}.br`), packed);
      }
    },
  };
}

/**
 * The phone's languages, each named in itself: German and English, then
 * every file in src/participant/lang/ by its `order` (read from its text:
 * the file is the phone's, bundled apart and loaded when chosen).
 */
function phoneLanguages(): { code: string; name: string; dir: string; order: number }[] {
  const dir = 'src/participant/lang';
  const found = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const field = (name: string) => new RegExp(`^  ${name}: '([^']*)'`, 'm').exec(text)?.[1];
      const order = Number(/^ {2}order: (\d+)/m.exec(text)?.[1]);
      const name = field('name');
      const direction = field('dir');
      if (!name || !direction || Number.isNaN(order)) throw new Error(`${f}: name, dir and order at the top`);
      return { code: f.slice(0, -3), name, dir: direction, order };
    });
  return [
    { code: 'de', name: 'Deutsch', dir: 'ltr', order: 0 },
    { code: 'en', name: 'English', dir: 'ltr', order: 2 },
    ...found,
  ].sort((a, b) => a.order - b.order);
}

/**
 * `virtual:phone-catalogue`: the phone's part of the German catalogue and
 * the list of languages, in the page's own script; `virtual:phone-catalogue-en`
 * the English part, loaded when a phone chooses English.
 */
function phoneMessages(): Plugin {
  const id = 'virtual:phone-catalogue';
  const english = `${id}-en`;
  return {
    name: 'phone-catalogue',
    resolveId: (source) => (source === id || source === english ? `\0${source}` : null),
    load: (source) => {
      if (source === `\0${english}`) return `export default ${JSON.stringify(phoneCatalogue(en))};`;
      if (source !== `\0${id}`) return null;
      return [
        `export const de = ${JSON.stringify(phoneCatalogue(de))};`,
        `export const languages = ${JSON.stringify(phoneLanguages().map(({ code, name, dir }) => ({ code, name, dir })))};`,
      ].join('\n');
    },
  };
}

// The participant page for phones, served by the laptop's join server and
// embedded in the binary (compressed at build time): file names that change
// with their content, so a phone keeps them in its cache across reconnects
// and a new version is never mixed with an old one; no inline scripts (the
// server's CSP allows only 'self'), and old phone browsers.
export default defineConfig({
  plugins: [svelte(), phoneMessages(), phoneBindings(), brotliBeside()],
  base: '/',
  clearScreen: false,
  build: {
    outDir: 'dist-participant',
    emptyOutDir: true,
    target: ['safari14', 'chrome87', 'firefox78'],
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    rollupOptions: {
      input: 'participant.html',
      output: {
        entryFileNames: 'participant-[hash].js',
        chunkFileNames: 'participant-[name]-[hash].js',
        assetFileNames: 'participant-[hash][extname]',
      },
    },
  },
});
