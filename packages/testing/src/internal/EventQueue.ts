// What the network will do and when: a binary min-heap of events ordered by time, then by the
// order they were scheduled, so events due at one instant run in the order they were made (a
// datagram sent first arrives first unless an impairment says otherwise). Events are pooled.

/** One scheduled event: a delivery or a timer; `run` is called with `arg` when it is due. */
export class NetworkEvent {
  time = 0;
  seq = 0;
  run: ((arg: unknown) => void) | null = null;
  arg: unknown = null;
  /** Its place in the heap, -1 when not scheduled (run, cancelled, or free). */
  index = -1;
}

export class EventQueue {
  readonly #heap: NetworkEvent[] = [];
  readonly #free: NetworkEvent[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  /** The time of the earliest event, or Infinity when none is scheduled. */
  nextTime(): number {
    return this.#heap.length === 0 ? Infinity : (this.#heap[0] as NetworkEvent).time;
  }

  schedule(time: number, run: (arg: unknown) => void, arg: unknown): NetworkEvent {
    const event = this.#free.pop() ?? new NetworkEvent();
    event.time = time;
    event.seq = this.#seq++;
    event.run = run;
    event.arg = arg;
    event.index = this.#heap.length;
    this.#heap.push(event);
    this.#up(event.index);
    return event;
  }

  /** Takes the earliest event off if it is due by `time`, else null; the caller runs it, then frees it. */
  takeDue(time: number): NetworkEvent | null {
    const heap = this.#heap;
    const first = heap[0];
    if (first === undefined || first.time > time) return null;
    this.#removeAt(0);
    return first;
  }

  /** Unschedules an event (a cleared timer); false if it was not scheduled. */
  cancel(event: NetworkEvent): boolean {
    if (event.index < 0 || this.#heap[event.index] !== event) return false;
    this.#removeAt(event.index);
    this.free(event);
    return true;
  }

  free(event: NetworkEvent): void {
    event.run = null;
    event.arg = null;
    event.index = -1;
    this.#free.push(event);
  }

  /** Drops every event (the network closed). */
  clear(): void {
    for (const event of this.#heap) this.free(event);
    this.#heap.length = 0;
  }

  #removeAt(index: number): void {
    const heap = this.#heap;
    const removed = heap[index] as NetworkEvent;
    const last = heap.pop() as NetworkEvent;
    removed.index = -1;
    if (last === removed) return;
    heap[index] = last;
    last.index = index;
    this.#down(index);
    this.#up(last.index);
  }

  #up(index: number): void {
    const heap = this.#heap;
    const event = heap[index] as NetworkEvent;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as NetworkEvent;
      if (!before(event, parent)) break;
      heap[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    heap[index] = event;
    event.index = index;
  }

  #down(index: number): void {
    const heap = this.#heap;
    const length = heap.length;
    const event = heap[index] as NetworkEvent;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && before(heap[right] as NetworkEvent, heap[left] as NetworkEvent) ? right : left;
      const smaller = heap[child] as NetworkEvent;
      if (!before(smaller, event)) break;
      heap[index] = smaller;
      smaller.index = index;
      index = child;
    }
    heap[index] = event;
    event.index = index;
  }
}

function before(a: NetworkEvent, b: NetworkEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
