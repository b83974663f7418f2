// Where the keyboard focus goes after an action that re-renders a card.

/** Focuses the card with this id if it is on the page; says whether it was. */
export function focusCard(id: string): boolean {
  const el = document.querySelector<HTMLElement>(`[data-card-id="${id}"]`);
  el?.focus();
  return el !== null;
}
