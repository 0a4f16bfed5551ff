// The network's clock and what is due on it. On the virtual clock time moves only when the test
// says (advance, runUntilIdle), and what is due at the current instant runs on the next turn of
// the event loop, as on a real network; on the real clock events run from Node's timers.
import { programmerError } from "@wskit/core";
import { reportCallbackError } from "@wskit/core/provider";
import { EventQueue, type NetworkEvent } from "./EventQueue";

export type ClockMode = "virtual" | "real";

/** Turns of the event loop a step of the virtual clock gives the code it woke (completions, callbacks, their sends). */
const SETTLE_TURNS = 2;
/** Further turns a step waits at most while the network says it is busy. */
const MAX_BUSY_TURNS = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Scheduler {
  readonly mode: ClockMode;
  readonly #events = new EventQueue();
  #now = 0;
  readonly #start = performance.now();
  #pumpQueued = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #timerAt = Infinity;
  #closed = false;
  #advancing = false;
  readonly #pumpTask = () => {
    this.#pumpQueued = false;
    this.#pump();
  };

  readonly #onPumped: () => void;
  readonly #busy: () => boolean;

  /**
   * `onPumped` runs after each batch of events that ran at one instant; `busy` says the network
   * still has work queued for the next turn (a socket's read), which a step of time waits for.
   */
  constructor(mode: ClockMode, onPumped: () => void, busy: () => boolean = () => false) {
    this.mode = mode;
    this.#onPumped = onPumped;
    this.#busy = busy;
  }

  /** Milliseconds since the network was made (virtual: as advanced). */
  now(): number {
    return this.mode === "virtual" ? this.#now : performance.now() - this.#start;
  }

  /** Events still scheduled (deliveries in flight and timers). */
  get pending(): number {
    return this.#events.size;
  }

  /** Runs `run(arg)` `delay` ms from now (0: on the next turn). */
  schedule(delay: number, run: (arg: unknown) => void, arg: unknown): NetworkEvent {
    const event = this.#events.schedule(this.now() + delay, run, arg);
    this.#arm();
    return event;
  }

  /** Unschedules an event; false when it had run or was cancelled already. */
  cancel(event: NetworkEvent): boolean {
    return this.#events.cancel(event);
  }

  /** Virtual clock: moves time `ms` forward, running each event at its time and letting the code it wakes run. */
  async advance(ms: number): Promise<void> {
    this.#checkVirtual("advance");
    const target = this.#now + ms;
    this.#advancing = true;
    try {
      // What the code before this call set going (a connect under way, say) schedules its events first.
      await this.#settle();
      await this.#runTo(target, Infinity);
      this.#now = Math.max(this.#now, target);
    } finally {
      this.#advancing = false;
    }
    await this.#settle();
  }

  /**
   * Virtual clock: runs until nothing is scheduled, moving time to each next event.
   * @returns the virtual milliseconds that passed.
   * @throws ERR_INVALID_STATE when events are still due after `limit` ms of virtual time (a timer that re-arms forever).
   */
  async runUntilIdle(limit: number): Promise<number> {
    this.#checkVirtual("runUntilIdle");
    const started = this.#now;
    this.#advancing = true;
    try {
      await this.#settle();
      await this.#runTo(started + limit, 0);
    } finally {
      this.#advancing = false;
    }
    if (this.#events.size > 0) {
      throw programmerError("ERR_INVALID_STATE", `runUntilIdle: still busy after ${limit} ms of virtual time (${this.#events.size} events scheduled: a timer that re-arms forever?)`);
    }
    return this.#now - started;
  }

  close(): void {
    this.#closed = true;
    this.#events.clear();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  // Runs events up to `target`, a step per instant; with `idleAt` 0, stops as soon as nothing is left.
  async #runTo(target: number, idleAt: number): Promise<void> {
    for (;;) {
      const next = this.#events.nextTime();
      if (next > target || (idleAt === 0 && next === Infinity)) return;
      this.#now = Math.max(this.#now, next);
      this.#pump();
      await this.#settle();
    }
  }

  async #settle(): Promise<void> {
    for (let i = 0; i < SETTLE_TURNS; i++) await nextTurn();
    for (let i = 0; i < MAX_BUSY_TURNS && this.#busy(); i++) await nextTurn();
    // What the woken code scheduled for this very instant runs before time moves on.
    while (!this.#closed && this.#events.nextTime() <= this.now()) {
      this.#pump();
      for (let i = 0; i < SETTLE_TURNS; i++) await nextTurn();
      for (let i = 0; i < MAX_BUSY_TURNS && this.#busy(); i++) await nextTurn();
    }
  }

  // Runs every event due now. Nothing thrown may escape into Node's event loop (SPEC §7).
  #pump(): void {
    if (this.#closed) return;
    const now = this.now();
    for (let event = this.#events.takeDue(now); event !== null; event = this.#events.takeDue(now)) {
      const run = event.run as (arg: unknown) => void;
      const arg = event.arg;
      this.#events.free(event);
      try {
        run(arg);
      } catch (error) {
        reportCallbackError("internal", "a test network event", error);
      }
    }
    try {
      this.#onPumped();
    } catch (error) {
      reportCallbackError("internal", "a test network delivery batch", error);
    }
    this.#arm();
  }

  // Makes sure the earliest event runs: on the next turn when it is due now, else (real clock) from a timer.
  #arm(): void {
    if (this.#closed) return;
    const next = this.#events.nextTime();
    if (next === Infinity) return;
    const now = this.now();
    if (next <= now) {
      if (!this.#pumpQueued && !this.#advancing) {
        this.#pumpQueued = true;
        setImmediate(this.#pumpTask);
      }
      return;
    }
    if (this.mode === "virtual" || next >= this.#timerAt) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timerAt = next;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#timerAt = Infinity;
      this.#pump();
    }, Math.max(1, Math.ceil(next - now)));
  }

  #checkVirtual(api: string): void {
    if (this.mode !== "virtual") throw programmerError("ERR_INVALID_STATE", `${api}: the network runs on the real clock; only a virtual clock is advanced by hand`);
    if (this.#closed) throw programmerError("ERR_INVALID_STATE", `${api}: the network is closed`);
  }
}
