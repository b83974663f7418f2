import { describe, expect, it } from 'vitest';
import { applyPatch, type Patch } from './patch';

const day = (cards: [string, string, number][]) => ({
  title: 'Bürgerdialog',
  item: 'i1',
  board: {
    id: 'b1',
    fields: [
      { id: 'f1', cards: cards.map(([id, text, dots]) => ({ id, text, dots })) },
      { id: 'f2', cards: [] },
    ],
  },
  poll: null,
});

describe('applyPatch', () => {
  it('adds a dot to one card, leaving the rest and the old day as they were', () => {
    const old = day([['c1', 'Spielplatz', 0], ['c2', 'Bücherei', 1]]);
    const frozen = JSON.stringify(old);
    // As src/join/patch.rs makes it for one dot (its test of the same name).
    const p: Patch = { o: { board: { o: { fields: { a: { set: { f1: { o: { cards: { a: { set: { c1: { o: { dots: { '=': 1 } } } } } } } } } } } } } } };
    expect(applyPatch(old, p)).toEqual(day([['c1', 'Spielplatz', 1], ['c2', 'Bücherei', 1]]));
    expect(JSON.stringify(old)).toBe(frozen);
  });

  it('drops and adds by id, keeping the order of the rest', () => {
    const old = day([['c1', 'a', 0], ['c2', 'b', 0], ['c3', 'c', 0]]);
    const p: Patch = { o: { board: { o: { fields: { a: { set: { f1: { o: { cards: { a: { drop: ['c2'], add: ['c4'], set: { c4: { '=': { id: 'c4', text: 'd', dots: 0 } } } } } } } } } } } } } };
    expect(applyPatch(old, p)).toEqual(day([['c1', 'a', 0], ['c3', 'c', 0], ['c4', 'd', 0]]));
  });

  it('adds, removes and reorders by id, replaces and removes keys', () => {
    const old = day([['c1', 'a', 0], ['c2', 'b', 0]]);
    const p: Patch = {
      o: {
        board: { o: { fields: { a: { set: { f1: { o: { cards: { a: { ids: ['c3', 'c1'], set: { c3: { '=': { id: 'c3', text: 'مكتبة', dots: 0 } } } } } } } } } } } },
        poll: { '=': { question: 'Wie weiter?' } },
      },
      x: ['item'],
    };
    const { item: _, ...rest } = day([['c3', 'مكتبة', 0], ['c1', 'a', 0]]);
    expect(applyPatch(old, p)).toEqual({ ...rest, poll: { question: 'Wie weiter?' } });
  });
});
