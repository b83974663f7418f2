// A box with a length limit says so: the count shows as the limit nears,
// and a paste that does not fit is cut where the limit is and said to be
// cut, instead of the browser's maxlength dropping the end unseen. Counted
// in characters as the core counts them (code points), not UTF-16 units.

export interface Fitted {
  value: string;
  /** Where the cursor goes: after the pasted text (UTF-16 index). */
  cursor: number;
  /** The paste was longer than the room left. */
  cut: boolean;
}

const length = (s: string) => Array.from(s).length;

/** What pasting `pasted` over `start..end` of `value` leaves in a box of `max`. */
export function fitPaste(value: string, start: number, end: number, pasted: string, max: number): Fitted {
  const before = value.slice(0, start);
  const after = value.slice(end);
  const room = Math.max(0, max - length(before) - length(after));
  const chars = Array.from(pasted);
  const kept = chars.slice(0, room).join('');
  return { value: before + kept + after, cursor: before.length + kept.length, cut: chars.length > room };
}

/** Shown from this share of the limit on. */
const NEAR = 0.9;
const CUT_NOTE_MS = 8000;

export type Words = (key: 'limit.count' | 'limit.cut', params: Record<string, number>) => string;

/** `use:limit={{ max, words }}` on an input or textarea. */
export function limit(node: HTMLInputElement | HTMLTextAreaElement, options: { max: number; words: Words }) {
  let { max, words } = options;
  const note = document.createElement('span');
  note.className = 'limit-note';
  note.setAttribute('aria-live', 'polite');
  note.dataset.testid = 'limit-note';
  node.after(note);
  let cutUntil = 0;
  const show = () => {
    if (Date.now() < cutUntil) return;
    const n = length(node.value);
    note.textContent = n >= max * NEAR ? words('limit.count', { n, max }) : '';
  };
  const onPaste = (e: ClipboardEvent) => {
    const pasted = e.clipboardData?.getData('text/plain') ?? '';
    const start = node.selectionStart ?? node.value.length;
    const end = node.selectionEnd ?? start;
    const fitted = fitPaste(node.value, start, end, pasted, max);
    if (!fitted.cut) return;
    e.preventDefault();
    node.value = fitted.value;
    node.setSelectionRange(fitted.cursor, fitted.cursor);
    node.dispatchEvent(new Event('input', { bubbles: true }));
    cutUntil = Date.now() + CUT_NOTE_MS;
    note.textContent = words('limit.cut', { max, n: length(fitted.value) });
    setTimeout(() => {
      cutUntil = 0;
      show();
    }, CUT_NOTE_MS);
  };
  node.addEventListener('paste', onPaste as EventListener);
  node.addEventListener('input', show);
  show();
  return {
    update(next: { max: number; words: Words }) {
      ({ max, words } = next);
      show();
    },
    destroy() {
      node.removeEventListener('paste', onPaste as EventListener);
      node.removeEventListener('input', show);
      note.remove();
    },
  };
}
