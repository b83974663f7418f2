// Where each challenge's title goes beside its point so that no two titles
// cover each other: with ten challenges rated alike, titles at one fixed
// offset would lie on top of each other and the room could read none.

export interface Point {
  x: number;
  y: number;
  /** The text as shown; its width is estimated from its characters. */
  text: string;
}

export interface Label {
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

export interface Frame {
  /** Labels turn toward the middle, so they stay inside left and right. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The labels' font size in the chart's units. */
  size: number;
  /** Texts already there (the fields' names), which no label covers. */
  taken?: (Label & { text: string; size: number })[];
}

interface Box {
  l: number;
  r: number;
  t: number;
  b: number;
}

const overlaps = (a: Box, b: Box) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;

/** A text's width, estimated from its characters. */
const widthOf = (text: string, size: number) => [...text].length * size * 0.55;

/** A label's box with its baseline at `y`. */
function box(x: number, y: number, anchor: Label['anchor'], width: number, size: number): Box {
  const l = anchor === 'start' ? x : x - width;
  return { l, r: l + width, t: y - size, b: y + size * 0.3 };
}

/**
 * One label per point, in the points' order: toward the middle of the
 * frame, at the first place beside the point (then a line further up or
 * down, alternating) that covers no label placed before and stays in the
 * frame; the nearest place when none is free.
 */
export function placeLabels<P extends Point>(points: P[], frame: Frame): (P & { label: Label })[] {
  const { size } = frame;
  const gap = size * 0.65;
  const placed: Box[] = (frame.taken ?? []).map((t) => box(t.x, t.y, t.anchor, widthOf(t.text, t.size), t.size));
  // Points also cover: a title never sits on another challenge's point.
  const dots: Box[] = points.map((p) => ({ l: p.x - 10, r: p.x + 10, t: p.y - 10, b: p.y + 10 }));
  const middle = (frame.left + frame.right) / 2;
  return points.map((p, i) => {
    const width = widthOf(p.text, size);
    const anchor: Label['anchor'] = p.x > middle + (frame.right - frame.left) * 0.125 ? 'end' : 'start';
    const x = p.x + (anchor === 'end' ? -gap : gap);
    const above = p.y - gap;
    const below = p.y + size + gap * 0.5;
    // Outward from the point, a line apart, alternating above and below.
    const candidates = Array.from({ length: 9 }, (_, k) => k * size * 1.4).flatMap((d) => [above - d, below + d]);
    const inFrame = (b: Box) => b.t >= frame.top && b.b <= frame.bottom;
    const free = (b: Box) => !placed.some((o) => overlaps(o, b)) && !dots.some((d, j) => j !== i && overlaps(d, b));
    let y = candidates.find((c) => {
      const b = box(x, c, anchor, width, size);
      return inFrame(b) && free(b);
    });
    y ??= candidates.find((c) => inFrame(box(x, c, anchor, width, size))) ?? above;
    placed.push(box(x, y, anchor, width, size));
    return { ...p, label: { x, y, anchor } };
  });
}
