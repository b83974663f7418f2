import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The participant page for phones, served by the laptop's join server and
// embedded in the binary (compressed at build time): file names that change
// with their content, so a phone keeps them in its cache across reconnects
// and a new version is never mixed with an old one; no inline scripts (the
// server's CSP allows only 'self'), and old phone browsers.
export default defineConfig({
  plugins: [svelte()],
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
