import { describe, expect, it } from 'vitest';
import { MIN_PX, place, sizes, type CloudWord, type Measure } from './layout';

// A word as wide as its letters at 0.6 em each, 1.2 em high.
const measure: Measure = (word, px) => ({ w: [...word].length * px * 0.6, h: px * 1.2 });
const area = { w: 1280, h: 600 };
const word = (key: string, count: number): CloudWord => ({ key, word: key, count });

describe('the projected word cloud', () => {
  it('grows a word with its count, and never below the back-row size', () => {
    const px = sizes([word('markt', 1), word('mitte', 4), word('bürger', 16)], area, measure);
    expect(px.get('markt')).toBe(MIN_PX);
    expect(px.get('mitte')!).toBeGreaterThan(px.get('markt')!);
    expect(px.get('bürger')!).toBeGreaterThan(px.get('mitte')!);
  });

  it('fits the largest word across the screen, however long', () => {
    const long = word('Gemeinschaftsverpflegungseinrichtung', 30);
    const px = sizes([long, word('a', 1)], area, measure).get(long.key)!;
    expect(measure(long.word, px).w).toBeLessThanOrEqual(area.w);
  });

  it('keeps every word where it was when a new word comes, and overlaps none', () => {
    const kept = new Map<string, { cx: number; cy: number }>();
    const first = [word('bürger', 3), word('markt', 2), word('mitte', 1), word('مجتمع', 1)];
    const before = place(first, area, measure, kept);
    const after = place([...first, word('громада', 1)], area, measure, kept);
    for (const b of before) {
      const a = after.find((x) => x.key === b.key)!;
      expect([a.cx, a.cy]).toEqual([b.cx, b.cy]);
    }
    expect(after.map((p) => p.key)).toContain('громада');
    for (const a of after) {
      expect(a.cx - a.w / 2).toBeGreaterThanOrEqual(0);
      expect(a.cx + a.w / 2).toBeLessThanOrEqual(area.w);
      for (const b of after) {
        if (a === b) continue;
        const apart = Math.abs(a.cx - b.cx) * 2 >= a.w + b.w || Math.abs(a.cy - b.cy) * 2 >= a.h + b.h;
        expect(apart, `${a.key} / ${b.key}`).toBe(true);
      }
    }
  });
});
