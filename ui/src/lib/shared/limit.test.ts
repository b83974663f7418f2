import { describe, expect, it } from 'vitest';
import { fitPaste } from './limit';

describe('a paste into a box with a limit', () => {
  it('goes in whole when it fits, at the cursor', () => {
    expect(fitPaste('Rad weg', 4, 4, 'und Fuß', 20)).toEqual({ value: 'Rad und Fußweg', cursor: 11, cut: false });
  });

  it('is cut at the limit, counted in characters, and says so', () => {
    const r = fitPaste('', 0, 0, 'x'.repeat(2001), 2000);
    expect(Array.from(r.value)).toHaveLength(2000);
    expect(r.cut).toBe(true);
    // An emoji is one character, two UTF-16 units: four fit into four.
    const emoji = fitPaste('', 0, 0, '🚲🚲🚲🚲🚲', 4);
    expect(emoji.value).toBe('🚲🚲🚲🚲');
    expect(emoji.cursor).toBe(8);
  });

  it('replaces the selection and counts the text kept around it', () => {
    expect(fitPaste('abcdef', 1, 5, 'XYZ12', 6)).toEqual({ value: 'aXYZ1f', cursor: 5, cut: true });
  });
});
