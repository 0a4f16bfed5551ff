import { from, Observable, type ObservableInput, type OperatorFunction, type Subscription } from "rxjs";
import { Fifo, programmerError } from "@wskit/core";
import { IndicationError } from "../errors";
import type { Indication } from "../Indication";
import { describeValue } from "@wskit/core/provider";

/**
 * Async processing with retention: each indication is retained as it arrives (or taken over, if it
 * was retained already), `project` runs on it (a Promise, an Observable, anything `from` takes) with
 * at most `concurrency` running at once, and the indication is released when its projection
 * completes, errors, or is unsubscribed. Indications waiting for a turn stay retained, so the
 * source's `maxRetained` bound is what limits memory: a datagram source drops and counts past it,
 * a connection source pushes TCP back.
 *
 * Emits what the projections emit, as `mergeMap` does; completes when the source and every
 * projection have completed; an error (of a projection, or thrown by `project`) releases everything
 * held and is passed on.
 *
 * @param concurrency - projections running at once, at least 1. Default Infinity.
 */
export function mergeMapRetained<T extends Indication, R>(
  project: (indication: T, index: number) => ObservableInput<R>,
  concurrency = Infinity,
): OperatorFunction<T, R> {
  if (typeof project !== "function") throw programmerError("ERR_INVALID_ARG_TYPE", "mergeMapRetained: project must be a function");
  if (concurrency !== Infinity && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw programmerError("ERR_OUT_OF_RANGE", `mergeMapRetained: concurrency must be an integer >= 1 or Infinity; received ${describeValue(concurrency)}`);
  }
  return (source) =>
    new Observable<R>((subscriber) => {
      const waiting = new Fifo<T>();
      const running = new Map<T, Subscription>();
      let index = 0;
      let sourceDone = false;

      const release = (indication: T) => {
        if (indication.retained) indication.release();
      };
      const finishIfDone = () => {
        if (sourceDone && running.size === 0 && waiting.size === 0) subscriber.complete();
      };
      const run = (indication: T) => {
        let input: ObservableInput<R>;
        try {
          input = project(indication, index++);
        } catch (error) {
          release(indication);
          subscriber.error(error);
          return;
        }
        let settled = false;
        const settle = () => {
          settled = true;
          running.delete(indication);
          release(indication);
        };
        const inner = from(input).subscribe({
          next: (value) => subscriber.next(value),
          error: (error) => {
            settle();
            subscriber.error(error);
          },
          complete: () => {
            settle();
            const next = waiting.shift();
            if (next !== undefined && !subscriber.closed) run(next);
            finishIfDone();
          },
        });
        if (!settled) running.set(indication, inner);
      };

      const upstream = source.subscribe({
        next: (indication) => {
          // A value that cannot be retained ends the operator with a typed error (a throw here
          // would reach RxJS, which rethrows it as uncaught).
          try {
            if (!indication.retained) indication.retain();
          } catch (error) {
            subscriber.error(IndicationError.is(error) ? error : programmerError("ERR_INVALID_ARG_TYPE", "mergeMapRetained: the source emitted a value that is not an indication"));
            return;
          }
          if (running.size < concurrency) run(indication);
          else waiting.push(indication);
        },
        error: (error) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          finishIfDone();
        },
      });

      return () => {
        for (const [indication, inner] of running) {
          inner.unsubscribe();
          release(indication);
        }
        running.clear();
        waiting.drain(release);
        upstream.unsubscribe();
      };
    });
}
