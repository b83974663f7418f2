// What a screen reader hears when something changes that the eye sees at a
// glance: a card added, cards revealed, dots left, the timer ended. One
// polite live region in the main window reads it (see Announcer.svelte).

export const live = $state<{ text: string }>({ text: '' });

let pending: ReturnType<typeof setTimeout> | undefined;

/** Says `text` once; the same sentence twice in a row is said twice. */
export function announce(text: string): void {
  live.text = '';
  clearTimeout(pending);
  pending = setTimeout(() => (live.text = text), 50);
}
