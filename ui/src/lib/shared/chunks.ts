// A long keyed list re-renders in proportion to its length whenever its array
// changes. Cut into chunks that keep their identity while their items do, a
// change touches only the chunks it falls into: adding a card to a column of
// 500 re-renders the last chunk, not 500 cards.

/**
 * `items` in chunks of `size`; a chunk equal item for item to the one at the
 * same place in `previous` is that same array.
 */
export function stableChunks<T>(items: readonly T[], size: number, previous: readonly T[][]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0, i = 0; start < items.length; start += size, i++) {
    const end = Math.min(start + size, items.length);
    const old = previous[i];
    const same = old !== undefined && old.length === end - start && old.every((item, k) => item === items[start + k]);
    chunks.push(same ? old : items.slice(start, end));
  }
  return chunks;
}
