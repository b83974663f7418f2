// A challenge list in the order the room's ratings suggest: most impact
// first, or least effort first; unrated challenges after the rated ones,
// each group in the list's own order.
import type { Challenge, Rated } from '../api';

export type RatingSort = 'manual' | 'impact' | 'effort';

export function sortedByRating(challenges: Challenge[], rated: Map<string, Rated>, sort: RatingSort): Challenge[] {
  if (sort === 'manual') return challenges;
  const key = (c: Challenge) => {
    const r = rated.get(c.id);
    if (!r) return Number.POSITIVE_INFINITY;
    return sort === 'impact' ? -r.impact.mean : r.effort.mean;
  };
  // Array.prototype.sort is stable: equals keep the list's order.
  return [...challenges].sort((a, b) => key(a) - key(b));
}
