import { checkOptions, programmerError } from "@wskit/core";
import { connectionIndications, type ConnectionIndicationSource } from "./connectionIndications";
import { delimitedFrames, lengthPrefixedFrames, type DelimitedFramesOptions, type Frame, type LengthPrefixedFramesOptions } from "./operators/frames";
import { toAsyncIterable } from "./toAsyncIterable";

/** {@link connectionFrames} with length-prefixed frames. */
export interface LengthPrefixedFraming {
  /** Length-prefixed frames (see {@link lengthPrefixedFrames}). */
  lengthPrefixed: LengthPrefixedFramesOptions;
  /** Not with `lengthPrefixed`. */
  delimited?: undefined;
}

/** {@link connectionFrames} with delimiter-separated frames. */
export interface DelimitedFraming {
  /** Delimiter-separated frames (see {@link delimitedFrames}). */
  delimited: DelimitedFramesOptions;
  /** Not with `delimited`. */
  lengthPrefixed?: undefined;
}

/** What {@link connectionFrames} takes besides its framing. */
export interface ConnectionFramesCommon {
  /** Indications retained at once at most, as {@link connectionIndications}' option (default 64): the bound a slow loop pushes the sender back at. */
  maxRetained?: number;
  /** Aborting it ends the loop with `signal.reason`. */
  signal?: AbortSignal;
}

/** Options of {@link connectionFrames}: one framing, the retention bound and a signal. */
export type ConnectionFramesOptions = (LengthPrefixedFraming | DelimitedFraming) & ConnectionFramesCommon;

/**
 * A connection's frames as an async iterator: `connectionIndications` cut by
 * {@link lengthPrefixedFrames} or {@link delimitedFrames}, through {@link toAsyncIterable}. Each
 * frame is a view of the received bytes (no copy unless it spans two reads), valid for its loop
 * step, across awaits; the peer's graceful close ends the loop, a reset throws
 * STATUS_CONNECTION_RESET, an oversize frame throws ERR_FRAME_TOO_LARGE (or is skipped). A slow
 * loop pauses the connection at `maxRetained` indications: memory stays bounded.
 *
 * ```ts
 * for await (const frame of connectionFrames(socket, { lengthPrefixed: { headerBytes: 2 } })) {
 *   await handle(frame.bytes);
 * }
 * ```
 * @throws ERR_INVALID_ARG_VALUE (at once) without exactly one of `lengthPrefixed` / `delimited`;
 *   the framing operators' and connectionIndications' option errors.
 */
export function connectionFrames(socket: ConnectionIndicationSource, options: ConnectionFramesOptions): AsyncIterableIterator<Frame> {
  checkOptions("connectionFrames", options);
  const { lengthPrefixed, delimited } = (options ?? {}) as { lengthPrefixed?: LengthPrefixedFramesOptions; delimited?: DelimitedFramesOptions };
  if ((lengthPrefixed === undefined) === (delimited === undefined)) {
    throw programmerError("ERR_INVALID_ARG_VALUE", "connectionFrames: give exactly one of lengthPrefixed or delimited");
  }
  const framing = lengthPrefixed !== undefined ? lengthPrefixedFrames(lengthPrefixed) : delimitedFrames(delimited);
  const indications = connectionIndications(socket, options.maxRetained === undefined ? {} : { maxRetained: options.maxRetained });
  return toAsyncIterable(indications.pipe(framing), options.signal === undefined ? {} : { signal: options.signal });
}
