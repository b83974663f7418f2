import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

// Tauri's own drop handler is off (tauri.conf.json: `dragDropEnabled`),
// so cards move by the page's drag and drop on every system. A file dropped
// where nothing takes it (only the photo gallery does) must not open in the
// window in place of the app.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
}

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
export default mount(App, { target });
