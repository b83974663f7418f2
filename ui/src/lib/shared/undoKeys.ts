// Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes, in every workspace — except
// while typing, where the text box has its own undo.
export function undoShortcut(event: KeyboardEvent, undo: () => void, redo: () => void): void {
  const target = event.target as HTMLElement;
  if (target.closest('input, textarea, select')) return;
  if (!(event.ctrlKey || event.metaKey)) return;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) {
    event.preventDefault();
    undo();
  } else if ((key === 'z' && event.shiftKey) || key === 'y') {
    event.preventDefault();
    redo();
  }
}
