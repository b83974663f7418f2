// A window opens in the page's colour (tauri.conf.json: backgroundColor)
// and shows its first screen once it is drawn with its data, at once
// (app.css: `html:not(.drawn)`): nobody sees "Lädt …", a bare header or an
// empty list that the real screen replaces a moment later. Whatever is
// loaded through `attempt` before then is waited for; a page may hand more
// to `beforeShowing`. Once shown, nothing is held any more.
import { tick } from 'svelte';

/** A page that takes longer is shown loading rather than not at all. */
const WAIT_MS = 1500;

const awaited: Promise<unknown>[] = [];
let shown = false;

/** Holds the page's first showing until `work` is done (and drawn). */
export function beforeShowing<T>(work: Promise<T>): Promise<T> {
  if (!shown) awaited.push(work);
  return work;
}

/** Shows the page once all that the first screen waits for is done and
 *  drawn, also what a page mounted meanwhile handed over. */
export async function showWhenDrawn(): Promise<void> {
  if (shown) return;
  const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), WAIT_MS));
  await tick();
  while (awaited.length > 0) {
    if ((await Promise.race([Promise.allSettled(awaited.splice(0)), late])) === 'late') break;
    await tick();
  }
  shown = true;
  document.documentElement.classList.add('drawn');
}
