import { describe, expect, it } from 'vitest';
import type { Challenge, Rated } from '../api';
import { sortedByRating } from './sort';

const challenge = (id: string) => ({ id, title: id }) as Challenge;
const place = (impact: number, effort: number): Rated => ({
  count: 3,
  impact: { mean: impact, q1: impact, q3: impact },
  effort: { mean: effort, q1: effort, q3: effort },
  quadrant: 'quick_wins',
});

describe('a challenge list sorted by the ratings', () => {
  const list = ['a', 'b', 'c', 'd'].map(challenge);
  const rated = new Map([
    ['a', place(2, 4)],
    ['c', place(4.5, 1.5)],
    ['d', place(4.5, 3)],
  ]);
  it('puts the most impact first, equals in the list order, unrated last', () => {
    expect(sortedByRating(list, rated, 'impact').map((c) => c.id)).toEqual(['c', 'd', 'a', 'b']);
  });
  it('puts the least effort first', () => {
    expect(sortedByRating(list, rated, 'effort').map((c) => c.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(sortedByRating(list, new Map([['b', place(1, 1)]]), 'effort').map((c) => c.id)).toEqual(['b', 'a', 'c', 'd']);
  });
  it('keeps the list’s own order when asked', () => {
    expect(sortedByRating(list, rated, 'manual')).toBe(list);
  });
});
