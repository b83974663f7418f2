// The open board. Every change goes to the core first; the state here takes
// what the core returns, so what is shown is what is stored.
import { api, type BoardView, type CardInput } from '../api';

export const board = $state<{ view: BoardView | null }>({ view: null });

export async function openBoard(boardId: string): Promise<void> {
  board.view = await api.boardView(boardId);
}

function fieldView(fieldId: string) {
  return board.view?.fields.find((f) => f.field.id === fieldId);
}

export async function addCard(fieldId: string, input: CardInput): Promise<void> {
  const card = await api.addCard(fieldId, input);
  fieldView(fieldId)?.cards.push(card);
}

export async function updateCard(cardId: string, input: CardInput): Promise<void> {
  const card = await api.updateCard(cardId, input);
  const cards = fieldView(card.field_id)?.cards;
  const i = cards?.findIndex((c) => c.id === cardId) ?? -1;
  if (cards && i >= 0) cards[i] = card;
}

export async function deleteCard(fieldId: string, cardId: string): Promise<void> {
  await api.deleteCard(cardId);
  const f = fieldView(fieldId);
  if (f) f.cards = f.cards.filter((c) => c.id !== cardId);
}

export async function addField(question: string): Promise<void> {
  if (!board.view) return;
  const field = await api.addField(board.view.board.id, question);
  board.view.fields.push({ field, clusters: [], cards: [] });
}

export async function updateField(fieldId: string, question: string): Promise<void> {
  const field = await api.updateField(fieldId, question);
  const f = fieldView(fieldId);
  if (f) f.field = field;
}

export async function deleteField(fieldId: string): Promise<void> {
  await api.deleteField(fieldId);
  if (board.view) board.view.fields = board.view.fields.filter((f) => f.field.id !== fieldId);
}

export async function renameBoard(title: string): Promise<void> {
  if (!board.view) return;
  board.view.board = await api.renameBoard(board.view.board.id, title);
}
