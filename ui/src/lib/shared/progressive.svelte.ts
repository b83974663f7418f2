// Long lists are painted in slices: a screenful in the first frame, the rest
// over the following frames, so opening a big list never blocks the window.
export class Progressive {
  limit = $state(Infinity);
  #generation = 0;

  constructor(
    private first = 40,
    private perFrame = 150,
  ) {}

  /** Starts over for a list of `total` rows. */
  start(total: number): void {
    const generation = ++this.#generation;
    if (total <= this.first) {
      this.limit = Infinity;
      return;
    }
    this.limit = this.first;
    const grow = () => {
      if (generation !== this.#generation) return;
      this.limit += this.perFrame;
      if (this.limit < total) requestAnimationFrame(grow);
      else this.limit = Infinity;
    };
    // Animation-frame callbacks run before the frame is painted: waiting two
    // of them lets the first slice reach the screen on its own.
    requestAnimationFrame(() => requestAnimationFrame(grow));
  }
}
