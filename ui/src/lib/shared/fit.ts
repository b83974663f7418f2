// A text box as tall as its text, so a heading is read whole, never cut at
// the box's edge. Enter commits (the box loses focus and fires `change`)
// instead of starting a new line.
export function fitHeight(box: HTMLTextAreaElement, _value?: string) {
  const fit = () => {
    box.style.height = 'auto';
    box.style.height = `${box.scrollHeight + 2}px`;
  };
  const enter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      box.blur();
    }
  };
  box.addEventListener('input', fit);
  box.addEventListener('keydown', enter);
  const resized = new ResizeObserver(fit);
  resized.observe(box);
  fit();
  return {
    // The value changed from outside (undo, another window): fit again.
    update: () => queueMicrotask(fit),
    destroy() {
      box.removeEventListener('input', fit);
      box.removeEventListener('keydown', enter);
      resized.disconnect();
    },
  };
}
