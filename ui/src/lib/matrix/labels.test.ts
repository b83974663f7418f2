import { describe, expect, it } from 'vitest';
import { placeLabels, type Frame } from './labels';

const frame: Frame = { left: 70, right: 980, top: 20, bottom: 560, size: 22 };
const width = (text: string) => [...text].length * frame.size * 0.55;
const boxOf = ({ text, label: l }: { text: string; label: { x: number; y: number; anchor: 'start' | 'end' } }) => {
  const left = l.anchor === 'start' ? l.x : l.x - width(text);
  return { l: left, r: left + width(text), t: l.y - frame.size, b: l.y + frame.size * 0.3 };
};

describe('titles beside the matrix points', () => {
  it('never cover each other, even for ten challenges rated alike', () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ x: 400 + (i % 2) * 4, y: 300, text: `Herausforderung ${i + 1} (3)` }));
    const boxes = placeLabels(points, frame).map(boxOf);
    boxes.forEach((a, i) => {
      boxes.slice(i + 1).forEach((b, j) => {
        const cover = a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
        expect(cover, `${i} and ${i + 1 + j}`).toBe(false);
      });
      expect(a.t).toBeGreaterThanOrEqual(frame.top);
      expect(a.b).toBeLessThanOrEqual(frame.bottom);
    });
  });

  it('keep one title where it stood before when there is room', () => {
    const [one] = placeLabels([{ x: 300, y: 300, text: 'Bänke am Markt (3)' }], frame).map((p) => p.label);
    expect(one?.y).toBeLessThan(300);
    expect(one?.anchor).toBe('start');
  });

  it('go below a point at the top and toward the middle from the right', () => {
    const [top, right] = placeLabels(
      [
        { x: 200, y: 25, text: 'Oben (2)' },
        { x: 960, y: 300, text: 'Rechts (2)' },
      ],
      frame,
    ).map((p) => p.label);
    expect(top?.y).toBeGreaterThan(25);
    expect(right?.anchor).toBe('end');
    expect(right?.x).toBeLessThan(960);
  });
});

describe('titles and the fields’ names', () => {
  it('a title does not cover a name already there', () => {
    const name = { x: 82, y: 54, anchor: 'start' as const, text: 'Schnelle Erfolge', size: 28 };
    const [benches] = placeLabels([{ x: 190, y: 55, text: 'Bänke am Markt (3)' }], { ...frame, taken: [name] });
    const b = boxOf(benches!);
    const n = { l: 82, r: 82 + 16 * 28 * 0.55, t: 54 - 28, b: 54 + 28 * 0.3 };
    expect(b.l < n.r && n.l < b.r && b.t < n.b && n.t < b.b).toBe(false);
  });
});
