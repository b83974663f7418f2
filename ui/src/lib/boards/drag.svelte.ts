// The card being dragged with the mouse, shared by every drop zone of the board.
export const drag = $state<{ cardId: string | null }>({ cardId: null });

export const CARD_MIME = 'application/x-wandzeitung-card';
