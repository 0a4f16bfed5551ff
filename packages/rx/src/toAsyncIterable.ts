import type { Observable, Subscription } from "rxjs";
import { abortReason, checkAbortSignal, checkOptions, Fifo, programmerError } from "@wskit/core";
import { IndicationError } from "./errors";
import type { Indication } from "./Indication";
import { checkObservable } from "./internal/checkOption";

/** Options of {@link toAsyncIterable}. */
export interface AsyncIterableOptions {
  /** Aborting it ends the iteration: the pending `next()` rejects with `signal.reason`, and what is held is released. */
  signal?: AbortSignal;
}

/**
 * Indications (datagrams, connection bytes or frames) as an async iterator, for `for await`.
 * Each one is retained as it arrives and released when the loop asks for the next one (or ends), so
 * the one in hand stays valid for the whole loop body, across awaits; after that its `bytes` throw
 * ERR_INDICATION_RELEASED: copy (`bytes.slice()`) what must outlive the step. Nothing is read
 * ahead beyond what the source itself retains, so a slow loop leaves indications retained and the
 * source's own bound (`maxRetained`) pushes the sender back instead of buffering.
 *
 * The source's completion ends the loop, its error is thrown from it; `break` / `return`
 * unsubscribes and releases everything held; an aborted `signal` throws its reason.
 *
 * ```ts
 * for await (const frame of toAsyncIterable(connectionIndications(socket).pipe(lengthPrefixedFrames()))) {
 *   await handle(frame.bytes);
 * }
 * ```
 */
export function toAsyncIterable<T extends Indication>(indications: Observable<T>, options: AsyncIterableOptions = {}): AsyncIterableIterator<T> {
  checkOptions("toAsyncIterable", options);
  checkObservable("toAsyncIterable", indications);
  const signal = checkAbortSignal("toAsyncIterable", options.signal);
  const held = new Fifo<T>();
  let current: T | null = null;
  let subscription: Subscription | null = null;
  let finished = false; // the source completed or failed, or the loop ended
  let failure: { error: unknown } | null = null;
  let waiting: (() => void) | null = null;

  const wake = () => {
    const resolve = waiting;
    waiting = null;
    resolve?.();
  };
  const letGo = (indication: T | null) => {
    if (indication?.retained === true) indication.release();
  };
  const releaseAll = () => {
    letGo(current);
    current = null;
    held.drain(letGo);
  };
  // Released before unsubscribing: the source's teardown gives back what it lent.
  const end = () => {
    finished = true;
    releaseAll();
    subscription?.unsubscribe();
    signal?.removeEventListener("abort", onAbort);
    wake();
  };
  const onAbort = () => {
    failure ??= { error: abortReason(signal as AbortSignal) };
    end();
  };

  const start = () => {
    if (signal?.aborted === true) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    subscription = indications.subscribe({
      next: (indication) => {
        if (finished) return;
        // Nothing thrown here may reach RxJS (it would rethrow it asynchronously, as uncaught): a
        // value that cannot be retained ends the loop with a typed error instead.
        let kept: T;
        try {
          kept = indication.retained === true ? indication : indication.retain();
        } catch (error) {
          failure ??= { error: IndicationError.is(error) ? error : programmerError("ERR_INVALID_ARG_TYPE", "toAsyncIterable: the source emitted a value that is not an indication (no retain())") };
          finished = true;
          held.drain(letGo);
          queueMicrotask(() => subscription?.unsubscribe());
          wake();
          return;
        }
        held.push(kept);
        wake();
      },
      // What came before the error is still yielded, then the error thrown: the source takes its
      // memory back as it fails, so what waits (at most its retention bound) is copied first.
      error: (error: unknown) => {
        failure ??= { error };
        finished = true;
        const waitingItems: T[] = [];
        held.drain((indication) => waitingItems.push(indication));
        try {
          for (const indication of waitingItems) {
            held.push(new CopiedIndication(indication.bytes.slice()) as unknown as T);
            letGo(indication);
          }
          // The one in hand goes back with its source: reading it now throws ERR_INDICATION_RELEASED.
          letGo(current);
        } catch {
          // A value that no longer gives its bytes is left out; nothing may reach RxJS from here.
        }
        current = null;
        wake();
      },
      complete: () => {
        finished = true;
        wake();
      },
    });
    // A source that finished during subscribe: nothing of it stays subscribed.
    if (finished && subscription !== null) subscription.unsubscribe();
  };

  // What is waiting already is handed out without an async function's extra turns: per frame, the
  // loop pays one resolved promise.
  const take = (): Promise<IteratorResult<T>> | null => {
    const next = held.shift();
    if (next === undefined) return null;
    current = next;
    return Promise.resolve({ value: next, done: false });
  };
  const wait = async (): Promise<IteratorResult<T>> => {
    while (held.size === 0 && !finished) await new Promise<void>((resolve) => (waiting = resolve));
    const next = held.shift();
    if (next !== undefined) {
      current = next;
      return { value: next, done: false };
    }
    end();
    if (failure !== null) {
      const { error } = failure;
      failure = null;
      throw error;
    }
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<T> = {
    next(): Promise<IteratorResult<T>> {
      letGo(current);
      current = null;
      if (subscription === null && !finished) start();
      return take() ?? wait();
    },
    async return(): Promise<IteratorResult<T>> {
      failure = null;
      end();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

// An indication's bytes, copied when its source failed: retained until the loop moves past it.
class CopiedIndication implements Indication {
  #bytes: Uint8Array | null;
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  get bytes(): Uint8Array {
    if (this.#bytes === null) throw new IndicationError("ERR_INDICATION_RELEASED");
    return this.#bytes;
  }
  get retained(): boolean {
    return this.#bytes !== null;
  }
  retain(): this {
    throw new IndicationError("ERR_INDICATION_NOT_LIVE");
  }
  release(): void {
    if (this.#bytes === null) throw new IndicationError("ERR_INDICATION_ALREADY_RELEASED");
    this.#bytes = null;
  }
}
