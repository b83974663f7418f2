import { describe, expect, it } from 'vitest';
import { stableChunks } from './chunks';

describe('stableChunks', () => {
  const items = Array.from({ length: 10 }, (_, i) => ({ id: i }));

  it('cuts the list in order into chunks of the given size', () => {
    const chunks = stableChunks(items, 4, []);
    expect(chunks.map((c) => c.map((x) => x.id))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  });

  it('keeps the chunks an append does not touch, and replaces the one it does', () => {
    const before = stableChunks(items, 4, []);
    const after = stableChunks([...items, { id: 10 }], 4, before);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    expect(after[2]).not.toBe(before[2]);
    expect(after[2]!.map((x) => x.id)).toEqual([8, 9, 10]);
  });

  it('replaces a chunk whose item was replaced by an edited copy', () => {
    const before = stableChunks(items, 4, []);
    const edited = items.map((x) => (x.id === 5 ? { id: 5 } : x));
    const after = stableChunks(edited, 4, before);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]![1]).toBe(edited[5]);
  });

  it('gives no chunks for no items, whatever came before', () => {
    expect(stableChunks([], 4, stableChunks(items, 4, []))).toEqual([]);
  });
});
