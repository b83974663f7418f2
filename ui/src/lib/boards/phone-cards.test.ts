// The facilitator's frames come first: phones' cards wait while the
// facilitator types, and arrive with the Enter or after a pause. The core
// behind `api` cannot run here, so its answer to addCard is given by hand.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../api', async (original) => {
  const real = await original<typeof import('../api')>();
  return { ...real, api: { addCard: vi.fn() } };
});

import { api, type BoardView, type Card } from '../api';
import { addCard, board, noteTyping, showPhoneCard } from './board.svelte';

const history = { undo: null, redo: null };

function card(id: string, text: string): Card {
  return {
    id, field_id: 'f1', cluster_id: null, position: 0, text, color: 'yellow', author: '',
    hidden: false, dots: 0, created_at: '2026-12-05T10:00:00Z', participant: 'p1',
  };
}

/** The texts of the open board's one field, in order. */
const texts = () => board.view?.fields[0]?.cards.map((c) => c.text) ?? [];

/** A phone's card arrives as the facilitator starts typing, who goes on for `keys` more keys, 200 ms apart. */
function typeWhileACardArrives(keys: number): void {
  vi.advanceTimersByTime(5_000);
  noteTyping();
  showPhoneCard(card('c1', 'Bänke'), history);
  for (let i = 0; i < keys; i++) {
    vi.advanceTimersByTime(200);
    noteTyping();
  }
}

describe("phones' cards on the open board", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    board.view = {
      board: { id: 'b1' },
      fields: [{ field: { id: 'f1', hidden_collection: false, question: 'Was fehlt?' }, clusters: [], cards: [] }],
    } as unknown as BoardView;
  });
  afterEach(() => {
    vi.runOnlyPendingTimers();
    vi.useRealTimers();
  });

  it('are shown together a tenth of a second after the first arrived', () => {
    vi.advanceTimersByTime(5_000);
    showPhoneCard(card('c1', 'Bänke'), history);
    vi.advanceTimersByTime(50);
    showPhoneCard(card('c2', 'Licht'), history);
    expect(texts()).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(texts()).toEqual(['Bänke', 'Licht']);
  });

  it('wait while the facilitator types and come with the Enter, before the new card', () => {
    let answer: (value: unknown) => void = () => {};
    vi.mocked(api.addCard).mockReturnValue(new Promise((resolve) => (answer = resolve)) as never);
    typeWhileACardArrives(3);
    expect(texts()).toEqual([]);
    void addCard('f1', { text: 'Spielplatz', color: 'yellow', author: '' });
    expect(texts()).toEqual(['Bänke', 'Spielplatz']);
    answer({ value: { ...card('c9', 'Spielplatz'), participant: '' }, history });
  });

  it('wait at most a second while the typing goes on', () => {
    typeWhileACardArrives(4);
    expect(texts()).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(texts()).toEqual(['Bänke']);
  });

  it('come a pause after the last key', () => {
    vi.advanceTimersByTime(5_000);
    noteTyping();
    vi.advanceTimersByTime(100);
    showPhoneCard(card('c1', 'Bänke'), history);
    vi.advanceTimersByTime(500);
    expect(texts()).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(texts()).toEqual(['Bänke']);
  });
});
