// The open board. Every change goes to the core first; the state here takes
// what the core returns, so what is shown is what is stored. Where an action
// can move many things (moves, clusters, votes, undo), the board is reloaded.
import {
  api,
  type Applied,
  type BoardView,
  type Card,
  type CardInput,
  type FieldView,
  type History,
  type Timer,
  type VoteTarget,
} from '../api';
import { t } from '../i18n/index.svelte';
import { announce } from '../shared/announce.svelte';

/**
 * The view is kept raw (no proxies) and replaced along the changed path: on a
 * board of thousands of cards, adding one then costs the new card, not a
 * signal per card read.
 */
class BoardState {
  view = $state.raw<BoardView | null>(null);
  history = $state.raw<History>({ undo: null, redo: null });
  participant = $state(1);
  /** The card just moved by keyboard: it stays in the page wherever it lands, to keep the focus. */
  spotlight = $state<string | null>(null);

  /** Forgets the open board, before another one is opened. */
  close(): void {
    this.view = null;
  }
}

export const board = new BoardState();

function take<T>(applied: Applied<T>): T {
  board.history = applied.history;
  return applied.value;
}

/** Replaces one field's view; the other fields keep their objects, so they do not re-render. */
function changeField(fieldId: string, change: (f: FieldView) => FieldView): void {
  const view = board.view;
  if (!view) return;
  board.view = { ...view, fields: view.fields.map((f) => (f.field.id === fieldId ? change(f) : f)) };
}

export async function openBoard(boardId: string): Promise<void> {
  const view = await api.boardView(boardId);
  board.view = view;
  board.history = view.history;
}

export async function reload(): Promise<void> {
  if (!board.view) return;
  const view = await api.boardView(board.view.board.id);
  board.view = view;
  board.history = view.history;
}

/** Phones' cards waiting for the next flush, by id (an edit replaces a write). */
const phoneCards = new Map<string, Card>();
let phoneFlush: ReturnType<typeof setTimeout> | undefined;
/** How long phones' cards are gathered before they are shown together. */
const PHONE_FLUSH_MS = 100;
/** Typing counts as going on until the keys are this long quiet. */
const TYPING_QUIET_MS = 700;
/** While the facilitator types, phones' cards wait at most this long. */
const TYPING_HOLD_MS = 1000;
let typedAt = -Infinity;
let gatheredAt = 0;

/**
 * The facilitator is typing on the board: the phones' cards now wait for a
 * new card's Enter (and are shown in the same frame as the facilitator's
 * card) or for a pause, so a room of phones does not take the frames of the
 * one who types.
 */
export function noteTyping(): void {
  typedAt = performance.now();
}

/**
 * Shows a card a phone wrote or edited, in place: a room writing at once must
 * not reload a board of thousands of cards for each card. Cards arriving
 * together are shown together, at most ten times a second, so a room of
 * phones costs the facilitator's window a few renders, not one per card.
 * False when the card's field is not on the open board (the caller reloads).
 */
export function showPhoneCard(card: Card, history: History): boolean {
  if (!board.view?.fields.some((f) => f.field.id === card.field_id)) return false;
  board.history = history;
  if (phoneCards.size === 0) gatheredAt = performance.now();
  phoneCards.set(card.id, card);
  phoneFlush ??= setTimeout(flushPhoneCards, PHONE_FLUSH_MS);
  return true;
}

function flushPhoneCards(): void {
  phoneFlush = undefined;
  const wait = Math.min(typedAt + TYPING_QUIET_MS, gatheredAt + TYPING_HOLD_MS) - performance.now();
  if (wait > 0) {
    phoneFlush = setTimeout(flushPhoneCards, wait);
    return;
  }
  if (board.view) board.view = withPhoneCards(board.view);
  else phoneCards.clear();
}

/** The view with the gathered phones' cards in place; the gathering starts again. */
function withPhoneCards(view: BoardView): BoardView {
  clearTimeout(phoneFlush);
  phoneFlush = undefined;
  if (phoneCards.size === 0) return view;
  const byField = new Map<string, Card[]>();
  for (const card of phoneCards.values()) {
    byField.set(card.field_id, [...(byField.get(card.field_id) ?? []), card]);
  }
  phoneCards.clear();
  return {
    ...view,
    fields: view.fields.map((f) => {
      const incoming = byField.get(f.field.id);
      if (!incoming) return f;
      const known = new Map(incoming.map((c) => [c.id, c]));
      const cards = f.cards.map((c) => {
        const edited = known.get(c.id);
        if (edited) known.delete(c.id);
        return edited ?? c;
      });
      return { ...f, cards: [...cards, ...known.values()] };
    }),
  };
}

/** Cards shown before the store has them: ids the core never gives. */
export const PENDING = 'pending-';
let pendingSeq = 0;
/**
 * The facilitator's cards on their way to the store. Every other change
 * waits for them, so changes reach the store in the order they were made
 * (an undo right after Enter undoes that card, a reveal reveals it too).
 */
let saving: Promise<unknown> = Promise.resolve();

/**
 * Shows the card at once and saves it behind: the facilitator's next frame
 * does not wait for the store's write to reach the disk. The store's card
 * replaces it when it answers; if it refuses, the card goes and the caller
 * gives the text back to the entry box.
 */
export async function addCard(fieldId: string, input: CardInput): Promise<void> {
  const hidden = fieldView(fieldId)?.field.hidden_collection ?? false;
  const pending: Card = {
    id: `${PENDING}${++pendingSeq}`,
    field_id: fieldId,
    cluster_id: null,
    position: Number.MAX_SAFE_INTEGER,
    text: input.text,
    color: input.color,
    author: input.author,
    hidden,
    dots: 0,
    created_at: new Date().toISOString(),
    participant: '',
  };
  // The phones' cards gathered so far come first, as the store has them,
  // and in the same frame: one paint for the Enter, not two.
  if (board.view) board.view = withPhoneCards(board.view);
  changeField(fieldId, (f) => ({ ...f, cards: [...f.cards, pending] }));
  let card: Card;
  const save = saving.then(() => api.addCard(fieldId, input));
  saving = save.catch(() => {});
  try {
    card = take(await save);
  } catch (e) {
    changeField(fieldId, (f) => ({ ...f, cards: f.cards.filter((c) => c.id !== pending.id) }));
    throw e;
  }
  // In its place; or at the end if a reload meanwhile dropped the pending one.
  changeField(fieldId, (f) =>
    f.cards.some((c) => c.id === pending.id)
      ? { ...f, cards: f.cards.map((c) => (c.id === pending.id ? card : c)) }
      : { ...f, cards: f.cards.some((c) => c.id === card.id) ? f.cards : [...f.cards, card] },
  );
  const field = fieldView(fieldId);
  announce(t('announce.card_added', { n: field?.cards.length ?? 1, question: field?.field.question ?? '' }));
}

export async function updateCard(cardId: string, input: CardInput): Promise<void> {
  await saving;
  const card = take(await api.updateCard(cardId, input));
  changeField(card.field_id, (f) => ({ ...f, cards: f.cards.map((c) => (c.id === cardId ? card : c)) }));
}

export async function deleteCard(fieldId: string, cardId: string): Promise<void> {
  await saving;
  take(await api.deleteCard(cardId));
  changeField(fieldId, (f) => ({ ...f, cards: f.cards.filter((c) => c.id !== cardId) }));
  if (board.view?.ranking.length) await reload();
}

export async function moveCard(cardId: string, fieldId: string, clusterId: string | null, index: number): Promise<void> {
  await saving;
  take(await api.moveCard(cardId, fieldId, clusterId, Math.max(0, index)));
  await reload();
}

export async function addField(question: string): Promise<void> {
  await saving;
  if (!board.view) return;
  const field = take(await api.addField(board.view.board.id, question));
  const view = board.view;
  board.view = { ...view, fields: [...view.fields, { field, clusters: [], cards: [] }] };
}

export async function updateField(fieldId: string, question: string): Promise<void> {
  await saving;
  const field = take(await api.updateField(fieldId, question));
  changeField(fieldId, (f) => ({ ...f, field }));
}

export async function deleteField(fieldId: string): Promise<void> {
  await saving;
  take(await api.deleteField(fieldId));
  await reload();
}

export async function moveField(fieldId: string, index: number): Promise<void> {
  await saving;
  take(await api.moveField(fieldId, Math.max(0, index)));
  await reload();
}

export async function setHiddenCollection(fieldId: string, hidden: boolean): Promise<void> {
  await saving;
  const field = take(await api.setHiddenCollection(fieldId, hidden));
  changeField(fieldId, (f) => ({ ...f, field }));
}

export async function revealField(fieldId: string): Promise<void> {
  await saving;
  take(await api.revealField(fieldId));
  await reload();
  announce(t('announce.revealed', { n: fieldView(fieldId)?.cards.length ?? 0 }));
}

function fieldView(fieldId: string): FieldView | undefined {
  return board.view?.fields.find((f) => f.field.id === fieldId);
}

export async function createCluster(fieldId: string, heading: string): Promise<void> {
  await saving;
  take(await api.createCluster(fieldId, heading, []));
  await reload();
}

export async function renameCluster(clusterId: string, heading: string): Promise<void> {
  await saving;
  take(await api.renameCluster(clusterId, heading));
  await reload();
}

export async function dissolveCluster(clusterId: string): Promise<void> {
  await saving;
  take(await api.dissolveCluster(clusterId));
  await reload();
}

export async function renameBoard(title: string): Promise<void> {
  await saving;
  if (!board.view) return;
  const renamed = take(await api.renameBoard(board.view.board.id, title));
  if (board.view) board.view = { ...board.view, board: renamed };
}

export function participantToken(n: number): string {
  return `P${n}`;
}

export async function openVote(dots: number): Promise<void> {
  await saving;
  if (!board.view) return;
  take(await api.openVote(board.view.board.id, dots));
  await reload();
}

export async function closeVote(): Promise<void> {
  await saving;
  if (!board.view) return;
  take(await api.closeVote(board.view.board.id));
  await reload();
}

export async function clearVotes(): Promise<void> {
  await saving;
  if (!board.view) return;
  take(await api.clearVotes(board.view.board.id));
  await reload();
}

export async function addDot(target: VoteTarget): Promise<void> {
  await saving;
  take(await api.addDot(target, participantToken(board.participant)));
  await reload();
  announceDotsLeft();
}

export async function removeDot(target: VoteTarget): Promise<void> {
  await saving;
  take(await api.removeDot(target, participantToken(board.participant)));
  await reload();
  announceDotsLeft();
}

/** How many dots person `participant` has placed, from the core's count. */
export function dotsUsed(view: BoardView, participant: number): number {
  return view.dots_used.find((p) => p.participant === participantToken(participant))?.used ?? 0;
}

function announceDotsLeft(): void {
  const view = board.view;
  if (!view) return;
  const left = Math.max(0, view.board.dots_per_participant - dotsUsed(view, board.participant));
  announce(t('announce.dots_left', { n: left }));
}

export async function undo(): Promise<void> {
  await saving;
  if (!board.view) return;
  take(await api.stepHistory({ kind: 'board', id: board.view.board.id }, false));
  await reload();
}

export async function redo(): Promise<void> {
  await saving;
  if (!board.view) return;
  take(await api.stepHistory({ kind: 'board', id: board.view.board.id }, true));
  await reload();
}

export async function timer(action: 'start' | 'pause' | 'reset'): Promise<void> {
  if (!board.view) return;
  setClock(await api.timer(board.view.board.id, action));
}

export async function setTimer(minutes: number): Promise<void> {
  if (!board.view) return;
  setClock(await api.setTimer(board.view.board.id, Math.round(minutes * 60)));
}

function setClock(timer: Timer): void {
  if (board.view) board.view = { ...board.view, board: { ...board.view.board, timer } };
}
