// Where each word of a cloud sits on the projector. A word keeps its place
// once placed, so a new word moves no other; a new word, or one grown into
// its neighbours, goes to the first free spot on a spiral out from the
// centre. Sizes grow with the count; the largest word always fits.

export type CloudWord = { key: string; word: string; count: number };
export type Size = { w: number; h: number };
export type Measure = (word: string, px: number) => Size;
export type Placed = { key: string; word: string; px: number; cx: number; cy: number; w: number; h: number };

/** The smallest type still read from the back row of a hall at 1280×720. */
export const MIN_PX = 26;
const GAP = 8;

/** Font size per word: from MIN_PX up by the square root of the count, the largest no wider than the area. */
export function sizes(words: CloudWord[], area: Size, measure: Measure): Map<string, number> {
  const top = Math.max(1, ...words.map((w) => w.count));
  const maxPx = Math.max(MIN_PX, Math.min(area.h * 0.2, 150));
  const out = new Map<string, number>();
  for (const w of words) {
    const share = top > 1 ? Math.sqrt((w.count - 1) / (top - 1)) : 0.5;
    let px = MIN_PX + (maxPx - MIN_PX) * share;
    const width = measure(w.word, px).w;
    if (width > area.w * 0.92) px *= (area.w * 0.92) / width;
    out.set(w.key, px);
  }
  return out;
}

type Box = { x0: number; y0: number; x1: number; y1: number };
const boxOf = (cx: number, cy: number, s: Size): Box => ({
  x0: cx - s.w / 2 - GAP / 2,
  y0: cy - s.h / 2 - GAP / 2,
  x1: cx + s.w / 2 + GAP / 2,
  y1: cy + s.h / 2 + GAP / 2,
});
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (b: Box, area: Size) => b.x0 >= 0 && b.y0 >= 0 && b.x1 <= area.w && b.y1 <= area.h;

/**
 * Places `words` (in the order they first came) in `area`, keeping each
 * centre in `kept` where it still fits; returns the words placed (a word
 * with no room left stays off until there is) and updates `kept`.
 */
export function place(words: CloudWord[], area: Size, measure: Measure, kept: Map<string, { cx: number; cy: number }>): Placed[] {
  const px = sizes(words, area, measure);
  const placed: Placed[] = [];
  const boxes: Box[] = [];
  const free = (b: Box) => inside(b, area) && !boxes.some((o) => overlaps(o, b));
  const ordered = [...words.filter((w) => kept.has(w.key)), ...words.filter((w) => !kept.has(w.key))];
  // Boxes are only added: a word no smaller than one that found no room
  // finds none either, and is not searched for.
  let noRoom: Size | null = null;
  for (const w of ordered) {
    const size = measure(w.word, px.get(w.key)!);
    const before = kept.get(w.key);
    let spot = before && free(boxOf(before.cx, before.cy, size)) ? before : null;
    if (!spot && !(noRoom && size.w >= noRoom.w && size.h >= noRoom.h)) spot = spiral(area, size, free, before);
    if (!spot) {
      if (!noRoom || (size.w <= noRoom.w && size.h <= noRoom.h)) noRoom = size;
      kept.delete(w.key);
      continue;
    }
    kept.set(w.key, spot);
    boxes.push(boxOf(spot.cx, spot.cy, size));
    placed.push({ key: w.key, word: w.word, px: px.get(w.key)!, cx: spot.cx, cy: spot.cy, w: size.w, h: size.h });
  }
  return placed;
}

/** The first free spot on a spiral from `from` (or the centre), wider than high like the screen. */
function spiral(area: Size, size: Size, free: (b: Box) => boolean, from?: { cx: number; cy: number }) {
  const [cx, cy] = from ? [from.cx, from.cy] : [area.w / 2, area.h / 2];
  const aspect = area.w / Math.max(1, area.h);
  const reach = Math.hypot(area.w, area.h);
  for (let turn = 0; turn * 2 < reach; turn += 0.35) {
    const x = cx + turn * 2 * Math.cos(turn) * aspect;
    const y = cy + turn * 2 * Math.sin(turn);
    if (free(boxOf(x, y, size))) return { cx: x, cy: y };
  }
  return null;
}
