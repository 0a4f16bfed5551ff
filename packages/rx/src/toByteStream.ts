import { ReadableStream, type UnderlyingByteSource } from "node:stream/web";
import type { Observable, Subscription } from "rxjs";
import { checkOptions, Fifo, programmerError } from "@wskit/core";
import { IndicationError } from "./errors";
import type { Indication } from "./Indication";
import { checkObservable } from "./internal/checkOption";

/** Options of {@link toByteStream}. */
export interface ByteStreamOptions {
  /** The chunk size a default reader is given (`autoAllocateChunkSize`). Default 65,536. */
  chunkSize?: number;
}

/**
 * A connection's indications as a byte stream: a WHATWG `ReadableStream` of type "bytes", so a BYOB
 * reader (`getReader({ mode: "byob" })`) gets the bytes copied once, from the provider's buffer
 * straight into its own, and a default reader gets chunks of up to `chunkSize`.
 *
 * Indications are retained until the reader has taken all their bytes, then released; the stream
 * pulls nothing ahead (high-water mark 0), so a slow reader leaves them retained, the source reaches
 * its `maxRetained` bound and TCP pushes the sender back. The source's completion closes the stream
 * once everything before it was read; its error errors the stream; `cancel()` unsubscribes and
 * releases what is held.
 */
export function toByteStream(indications: Observable<Indication>, options: ByteStreamOptions = {}): ReadableStream<Uint8Array> {
  checkOptions("toByteStream", options);
  checkObservable("toByteStream", indications);
  const held = new Fifo<Indication>();
  let headOffset = 0;
  let ended = false;
  let failed = false;
  let subscription: Subscription | null = null;
  let waiting: (() => void) | null = null;

  const wake = () => {
    const resolve = waiting;
    waiting = null;
    resolve?.();
  };
  const releaseAll = () => {
    held.drain((indication) => {
      if (indication.retained) indication.release();
    });
  };

  const source: UnderlyingByteSource = {
    type: "bytes",
    autoAllocateChunkSize: options.chunkSize ?? 65_536,
    start(controller) {
      subscription = indications.subscribe({
        next: (indication) => {
          if (failed) return;
          // Nothing thrown here may reach RxJS (it would rethrow it as uncaught): a value that is no
          // indication errors the stream with a typed error instead.
          try {
            if (indication.bytes.byteLength === 0) return;
            held.push(indication.retained ? indication : indication.retain());
          } catch (error) {
            failed = true;
            releaseAll();
            controller.error(IndicationError.is(error) ? error : programmerError("ERR_INVALID_ARG_TYPE", "toByteStream: the source emitted a value that is not an indication"));
            queueMicrotask(() => subscription?.unsubscribe());
          }
          wake();
        },
        error: (error) => {
          failed = true;
          releaseAll();
          controller.error(error);
          wake();
        },
        complete: () => {
          ended = true;
          wake();
        },
      });
    },
    async pull(controller) {
      while (held.size === 0 && !ended && !failed) await new Promise<void>((resolve) => (waiting = resolve));
      if (failed) return;
      if (held.size === 0) {
        controller.close();
        controller.byobRequest?.respond(0);
        return;
      }
      const request = controller.byobRequest;
      const view = request?.view;
      if (request === null || request === undefined || view === null || view === undefined) return;
      // One read takes from as many held indications as fit: fewer reads when indications are small.
      const target = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      let filled = 0;
      for (let next = held.peek(); next !== undefined && filled < target.byteLength; next = held.peek()) {
        const bytes = next.bytes;
        const count = Math.min(bytes.byteLength - headOffset, target.byteLength - filled);
        target.set(bytes.subarray(headOffset, headOffset + count), filled);
        filled += count;
        headOffset += count;
        if (headOffset < bytes.byteLength) break;
        held.shift();
        headOffset = 0;
        next.release();
      }
      request.respond(filled);
    },
    cancel() {
      subscription?.unsubscribe();
      releaseAll();
    },
  };
  return new ReadableStream(source);
}
