import { abortReason, checkAbortSignal, checkOptions, STATUS_CANCELLED, WskError } from "@wskit/core";
import { receiveFrom, type Datagram } from "./receiveFrom";
import { assertDatagramSocket, checkBufferSize } from "./internal/assertDatagramSocket";
import type { DatagramSocket } from "./wsk/DatagramSocket";

/** Options of {@link datagrams}. */
export interface DatagramsOptions {
  /** The largest datagram kept whole; larger ones arrive `truncated`. Default 65,536. */
  bufferSize?: number;
  /** Aborting it cancels the pending receive and makes the iteration throw `signal.reason`, as `events.on` does. */
  signal?: AbortSignal;
}

/**
 * The socket's datagrams as an async iterable, one WskReceiveFrom at a time. Each datagram's bytes
 * are its own copy, so they stay valid after the next one arrives. The iteration ends when the
 * loop breaks (the pending receive is cancelled) or the socket closes; it throws the signal's
 * reason when the signal aborts.
 *
 * ```ts
 * for await (const { bytes, remote } of datagrams(socket, { signal })) { … }
 * ```
 * @throws ERR_INVALID_ARG_TYPE (not a datagram socket), ERR_OUT_OF_RANGE (a bad bufferSize), on the
 *   first `next()`; `signal.reason` when the signal aborts; WskError when a receive fails otherwise
 *   (STATUS_FILE_FORCED_CLOSED when the socket broke).
 */
export async function* datagrams(socket: DatagramSocket, options: DatagramsOptions = {}): AsyncGenerator<Datagram, void, undefined> {
  checkOptions("datagrams", options);
  assertDatagramSocket(socket, "datagrams");
  const buffer = new Uint8Array(checkBufferSize(options.bufferSize ?? 65_536, "datagrams", "bufferSize"));
  const outer = checkAbortSignal("datagrams", options.signal);
  // A break or return cancels the receive in flight through this controller.
  const stop = new AbortController();
  const signal = outer === undefined ? stop.signal : AbortSignal.any([outer, stop.signal]);
  try {
    for (;;) {
      if (outer?.aborted === true) throw abortReason(outer);
      let datagram: Datagram;
      try {
        datagram = await receiveFrom(socket, { buffer, signal });
      } catch (error) {
        if (options.signal?.aborted === true) throw abortReason(options.signal);
        // Closed by WskCloseSocket (its receive cancelled): the iteration simply ends.
        if (WskError.is(error) && error.status === STATUS_CANCELLED) return;
        throw error;
      }
      yield { ...datagram, bytes: datagram.bytes.slice() };
    }
  } finally {
    stop.abort();
  }
}
