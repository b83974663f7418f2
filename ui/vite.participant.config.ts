import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The participant page for phones, served by the laptop's join server and
// embedded in the binary: fixed file names at the site's root, no inline
// scripts (the server's CSP allows only 'self'), and old phone browsers.
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
        entryFileNames: 'participant.js',
        chunkFileNames: 'participant-[name].js',
        assetFileNames: 'participant[extname]',
      },
    },
  },
});
