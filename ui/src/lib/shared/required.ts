// A required box that is not called wrong before anything was typed: the
// native `required` makes WebKitGTK announce an empty box as "invalid entry"
// the moment it is reached. This marks it invalid only after the user left
// it empty or tried to save the form; the core still refuses an empty text.

export function required(node: HTMLInputElement | HTMLTextAreaElement) {
  node.setAttribute('aria-required', 'true');
  const check = () => {
    if (node.value.trim() === '') node.setAttribute('aria-invalid', 'true');
    else node.removeAttribute('aria-invalid');
  };
  const onInput = () => {
    if (node.getAttribute('aria-invalid') === 'true') check();
  };
  const form = node.form;
  node.addEventListener('blur', check);
  node.addEventListener('input', onInput);
  form?.addEventListener('submit', check, { capture: true });
  return {
    destroy() {
      node.removeEventListener('blur', check);
      node.removeEventListener('input', onInput);
      form?.removeEventListener('submit', check, { capture: true });
    },
  };
}
