// Which parts of a long list are near the screen, and how tall they are.
// The browser's cost for every rendering update follows the number of nodes
// in the page (measured on the 2,000-card board: emptying the entry box cost
// 18–24 ms with all cards in the DOM, 6 ms with 200), so lists keep only the
// parts near the viewport and stand in for the rest with their height.
// One IntersectionObserver and one ResizeObserver serve every part.

export interface Watcher {
  /** The part came within `NEAR_PX` of the viewport, or left it. */
  near(isNear: boolean): void;
  /** The part's laid-out height changed. */
  height(px: number): void;
}

/** How far outside the viewport a part still counts as near: about a screen. */
export const NEAR_PX = 900;

const watchers = new Map<Element, Watcher>();
let intersections: IntersectionObserver | null = null;
let sizes: ResizeObserver | null = null;

function observers(): [IntersectionObserver, ResizeObserver] {
  intersections ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) watchers.get(e.target)?.near(e.isIntersecting);
    },
    { rootMargin: `${NEAR_PX}px 0px` },
  );
  sizes ??= new ResizeObserver((entries) => {
    for (const e of entries) watchers.get(e.target)?.height(e.borderBoxSize?.[0]?.blockSize ?? e.contentRect.height);
  });
  return [intersections, sizes];
}

/** Watches `element` until the returned function is called. */
export function watch(element: Element, watcher: Watcher): () => void {
  const [near, size] = observers();
  watchers.set(element, watcher);
  near.observe(element);
  size.observe(element);
  return () => {
    watchers.delete(element);
    near.unobserve(element);
    size.unobserve(element);
  };
}

/**
 * The height a part of `count` items stands in with: the height it last had
 * on screen, else `count` items of the average height seen so far.
 */
export function standIn(count: number, measured: number | null, perItem: number): number {
  return measured ?? Math.round(count * perItem);
}

/** The average height of the items seen so far, so that parts never shown get a fair size. */
export class ItemHeight {
  #value: number | null = null;

  constructor(private fallback: number) {}

  /** A part of `items` items measured `height` pixels; recent parts weigh more. */
  learn(height: number, items: number): void {
    if (items <= 0 || height <= 0) return;
    const each = height / items;
    this.#value = this.#value === null ? each : this.#value * 0.8 + each * 0.2;
  }

  get value(): number {
    return this.#value ?? this.fallback;
  }
}
