// Frames cut from a connection's indications without copying: each frame that lies inside one
// indication is a view of its bytes, and retaining the frame retains that indication (counted, so
// several frames of one indication share it); only a frame that spans two indications is copied.
// Retention stays bounded by the source's own bound (connectionIndications' maxRetained pushes the
// peer back), so a slow consumer pauses the connection instead of buffering.
import { Observable, type OperatorFunction } from "rxjs";
import { checkOptions, programmerError } from "@wskit/core";
import { IndicationError } from "../errors";
import type { Indication } from "../Indication";
import { describeValue } from "@wskit/core/provider";

/** A frame: an Indication whose bytes are one message, under the same ownership rule. */
export type Frame = Indication;

/** Counters a framing operator keeps up to date. */
export interface FrameCounters {
  /** Frames dropped for their length (`onOversize: "skip"`). */
  skipped: number;
}

/** What to do with a frame longer than `maxLength`. */
export type OversizePolicy = "error" | "skip";

/** Options of {@link lengthPrefixedFrames}. */
export interface LengthPrefixedFramesOptions {
  /** Bytes of the length header: 1, 2 or 4 (default 4). */
  headerBytes?: 1 | 2 | 4;
  /** The header's byte order (default "big", network order). */
  byteOrder?: "big" | "little";
  /** The largest frame taken (default 1 MiB). */
  maxLength?: number;
  /** A longer frame: an error notification `ERR_FRAME_TOO_LARGE` (default), or skipped whole and counted. */
  onOversize?: OversizePolicy;
  /** Frames skipped for their length, kept up to date. */
  counters?: FrameCounters;
}

/** Options of {@link delimitedFrames}. */
export interface DelimitedFramesOptions {
  /** The delimiter: a byte value or a short byte sequence (default `\n`, 0x0a). Not part of the frame. */
  delimiter?: number | Uint8Array;
  /** The largest frame taken (default 64 KiB). */
  maxLength?: number;
  /** A longer frame: an error notification `ERR_FRAME_TOO_LARGE` (default), or skipped to the next delimiter and counted. */
  onOversize?: OversizePolicy;
  /** Frames skipped for their length, kept up to date. */
  counters?: FrameCounters;
}

const LIVE = 0;
const RETAINED = 1;
const DONE = 2;

// The indication frames of it share: retained while any of its frames is.
class SharedSource {
  holders = 0;
  constructor(readonly indication: Indication) {}
  hold(): void {
    if (this.holders++ === 0) this.indication.retain();
  }
  letGo(): void {
    if (--this.holders === 0) this.indication.release();
  }
}

class FrameValue implements Frame {
  #bytes: Uint8Array;
  #state = LIVE;
  readonly #source: SharedSource | null;

  constructor(bytes: Uint8Array, source: SharedSource | null) {
    this.#bytes = bytes;
    this.#source = source;
  }

  get bytes(): Uint8Array {
    // A retained frame whose source ended (its teardown gave the indication back) is stale too.
    if (this.#state === DONE || (this.#state === RETAINED && this.#source !== null && !this.#source.indication.retained)) {
      throw new IndicationError("ERR_INDICATION_RELEASED");
    }
    return this.#bytes;
  }

  get retained(): boolean {
    return this.#state === RETAINED;
  }

  retain(): this {
    if (this.#state !== LIVE) throw new IndicationError("ERR_INDICATION_NOT_LIVE");
    this.#state = RETAINED;
    this.#source?.hold();
    return this;
  }

  release(): void {
    if (this.#state === DONE) throw new IndicationError("ERR_INDICATION_ALREADY_RELEASED");
    if (this.#state !== RETAINED) throw new IndicationError("ERR_INDICATION_NOT_RETAINED");
    this.#state = DONE;
    this.#bytes = EMPTY;
    // After the source's teardown gave the indication back, there is nothing left to let go.
    if (this.#source !== null && this.#source.indication.retained) this.#source.letGo();
  }

  /** The synchronous next that delivered it returned: a frame not retained is no longer valid. */
  expire(): void {
    if (this.#state !== LIVE) return;
    this.#state = DONE;
    this.#bytes = EMPTY;
  }
}

const EMPTY = new Uint8Array(0);

// Emits one frame; true when the subscriber is still there.
function emit(subscriber: { next(v: Frame): void; closed: boolean }, bytes: Uint8Array, source: SharedSource | null): boolean {
  const frame = new FrameValue(bytes, source);
  subscriber.next(frame);
  frame.expire();
  return !subscriber.closed;
}

// An option that names one of a few choices: undefined (the first, the default) or one of them.
function checkChoice<T extends string>(api: string, name: string, value: unknown, choices: readonly T[]): T {
  if (value === undefined) return choices[0] as T;
  if (choices.includes(value as T)) return value as T;
  throw programmerError("ERR_INVALID_ARG_VALUE", `${api}: ${name} must be ${choices.map((c) => `"${c}"`).join(" or ")}; received ${describeValue(value)}`);
}

// The counters object a caller passes to be kept up to date: undefined, or an object.
function checkCounters(api: string, counters: unknown): FrameCounters | undefined {
  if (counters === undefined) return undefined;
  if (typeof counters === "object" && counters !== null && typeof (counters as FrameCounters).skipped === "number") return counters as FrameCounters;
  throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: counters must be an object { skipped: number }`);
}

function checkMax(value: unknown, fallback: number, api: string): number {
  const max = value ?? fallback;
  if (typeof max !== "number" || !Number.isInteger(max) || max < 0 || max > 0x7fff_ffff) {
    throw programmerError("ERR_OUT_OF_RANGE", `${api}: maxLength must be an integer from 0 to 2147483647; received ${describeValue(value)}`);
  }
  return max;
}

/**
 * Cuts length-prefixed frames (a 1-, 2- or 4-byte length, then that many bytes) from a
 * connection's indications (`connectionIndications(socket)`), as views of the indicated bytes.
 * Each frame follows the Indication rule: valid during its `next`; `retain()` keeps it (and the
 * indication under it) until `release()`. A frame split across two indications is the only copy.
 *
 * ```ts
 * connectionIndications(socket).pipe(lengthPrefixedFrames({ headerBytes: 2 }), copyAndRelease())
 * ```
 * @throws ERR_OUT_OF_RANGE (at once) for a bad maxLength or headerBytes; ERR_INVALID_ARG_VALUE for
 *   a byteOrder or onOversize that is none of its choices; ERR_INVALID_ARG_TYPE for options or
 *   counters that are not objects. Error notifications:
 *   IndicationError `ERR_FRAME_TOO_LARGE` (a frame over maxLength, with `onOversize: "error"`),
 *   `ERR_FRAME_INCOMPLETE` (the source completed inside a frame).
 */
export function lengthPrefixedFrames(options: LengthPrefixedFramesOptions = {}): OperatorFunction<Indication, Frame> {
  checkOptions("lengthPrefixedFrames", options);
  const headerBytes = options.headerBytes ?? 4;
  if (headerBytes !== 1 && headerBytes !== 2 && headerBytes !== 4) {
    throw programmerError("ERR_OUT_OF_RANGE", `lengthPrefixedFrames: headerBytes must be 1, 2 or 4; received ${describeValue(headerBytes)}`);
  }
  const little = checkChoice("lengthPrefixedFrames", "byteOrder", options.byteOrder, ["big", "little"]) === "little";
  const maxLength = checkMax(options.maxLength, 1024 * 1024, "lengthPrefixedFrames");
  const skipOversize = checkChoice("lengthPrefixedFrames", "onOversize", options.onOversize, ["error", "skip"]) === "skip";
  const counters = checkCounters("lengthPrefixedFrames", options.counters);
  return (source) =>
    new Observable<Frame>((subscriber) => {
      const header = new Uint8Array(4);
      let headerFill = 0;
      let body: Uint8Array | null = null; // a frame that spans indications, being copied
      let bodyFill = 0;
      let skipping = 0; // bytes of an oversize frame still to skip
      // A header read whole from `bytes` at `at` (the common case), or from the bytes gathered in `header`.
      const lengthAt = (bytes: Uint8Array, at: number) => {
        if (headerBytes === 2) {
          const first = bytes[at] as number;
          const second = bytes[at + 1] as number;
          return little ? first | (second << 8) : (first << 8) | second;
        }
        if (headerBytes === 1) return bytes[at] as number;
        let length = 0;
        for (let i = 0; i < 4; i++) length = length * 256 + (bytes[at + (little ? 3 - i : i)] as number);
        return length;
      };
      return source.subscribe({
        next(indication) {
          const bytes = bytesOf(indication, subscriber);
          if (bytes === null) return;
          const end = bytes.byteLength;
          let at = 0;
          let shared: SharedSource | null = null;
          while (at < end && !subscriber.closed) {
            if (skipping > 0) {
              const n = Math.min(skipping, end - at);
              skipping -= n;
              at += n;
              continue;
            }
            if (body !== null) {
              const n = Math.min(body.byteLength - bodyFill, end - at);
              body.set(bytes.subarray(at, at + n), bodyFill);
              bodyFill += n;
              at += n;
              if (bodyFill === body.byteLength) {
                const whole = body;
                body = null;
                if (!emit(subscriber, whole, null)) return;
              }
              continue;
            }
            let length: number;
            if (headerFill === 0 && end - at >= headerBytes) {
              length = lengthAt(bytes, at);
              at += headerBytes;
            } else {
              // A header split across indications.
              while (headerFill < headerBytes && at < end) header[headerFill++] = bytes[at++] as number;
              if (headerFill < headerBytes) break;
              headerFill = 0;
              length = lengthAt(header, 0);
            }
            if (length > maxLength) {
              if (!skipOversize) {
                subscriber.error(new IndicationError("ERR_FRAME_TOO_LARGE"));
                return;
              }
              if (counters !== undefined) counters.skipped++;
              skipping = length;
              continue;
            }
            if (end - at >= length) {
              shared ??= new SharedSource(indication);
              const view = bytes.subarray(at, at + length);
              at += length;
              if (!emit(subscriber, view, shared)) return;
            } else {
              body = new Uint8Array(length);
              bodyFill = 0;
            }
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (body !== null || headerFill > 0 || skipping > 0) subscriber.error(new IndicationError("ERR_FRAME_INCOMPLETE"));
          else subscriber.complete();
        },
      });
    });
}

/**
 * Cuts delimiter-separated frames (lines, by default) from a connection's indications, as views
 * of the indicated bytes, under the Indication rule (see {@link lengthPrefixedFrames}). The
 * delimiter is not part of the frame. A frame split across indications is the only copy.
 *
 * @throws ERR_OUT_OF_RANGE (at once) for a bad maxLength; ERR_INVALID_ARG_VALUE for a delimiter
 *   that is no byte or an empty Uint8Array, or an onOversize that is neither choice;
 *   ERR_INVALID_ARG_TYPE for options or counters that are not objects. Error notifications:
 *   IndicationError `ERR_FRAME_TOO_LARGE` (longer than maxLength, `onOversize: "error"`),
 *   `ERR_FRAME_INCOMPLETE` (bytes after the last delimiter when the source completes).
 */
export function delimitedFrames(options: DelimitedFramesOptions = {}): OperatorFunction<Indication, Frame> {
  checkOptions("delimitedFrames", options);
  const delimiter = typeof options.delimiter === "number" ? Uint8Array.of(options.delimiter) : (options.delimiter ?? Uint8Array.of(0x0a));
  if (!(delimiter instanceof Uint8Array) || delimiter.byteLength === 0 || (typeof options.delimiter === "number" && !isByte(options.delimiter))) {
    throw programmerError("ERR_INVALID_ARG_VALUE", "delimitedFrames: delimiter must be a byte (0 to 255) or a non-empty Uint8Array");
  }
  const maxLength = checkMax(options.maxLength, 64 * 1024, "delimitedFrames");
  const skipOversize = checkChoice("delimitedFrames", "onOversize", options.onOversize, ["error", "skip"]) === "skip";
  const counters = checkCounters("delimitedFrames", options.counters);
  const first = delimiter[0] as number;
  return (source) =>
    new Observable<Frame>((subscriber) => {
      // What came after the last delimiter: a frame's start, copied (it spans indications); while
      // skipping, only the last delimiter.byteLength - 1 bytes, where a split delimiter may begin.
      let carry = new Uint8Array(0);
      let carryLength = 0;
      let skipping = false; // an oversize frame is skipped up to its delimiter
      const tail = delimiter.byteLength - 1;
      const keep = (part: Uint8Array): void => {
        if (carryLength + part.byteLength > carry.byteLength) {
          const grown = new Uint8Array(Math.max(carry.byteLength * 2, carryLength + part.byteLength, 64));
          grown.set(carry.subarray(0, carryLength));
          carry = grown;
        }
        carry.set(part, carryLength);
        carryLength += part.byteLength;
      };
      // While skipping: keep what a delimiter split across indications may begin with, no more.
      const keepTail = (part: Uint8Array): void => {
        if (tail === 0) return;
        keep(part.subarray(Math.max(0, part.byteLength - tail)));
        if (carryLength > tail) {
          carry.copyWithin(0, carryLength - tail, carryLength);
          carryLength = tail;
        }
      };
      // A frame over maxLength: the error, or skipping (false: stop, the subscriber has the error).
      const oversize = (): boolean => {
        if (!skipOversize) {
          subscriber.error(new IndicationError("ERR_FRAME_TOO_LARGE"));
          return false;
        }
        if (counters !== undefined) counters.skipped++;
        carryLength = 0;
        skipping = true;
        return true;
      };
      return source.subscribe({
        next(indication) {
          const bytes = bytesOf(indication, subscriber);
          if (bytes === null) return;
          const end = bytes.byteLength;
          let at = 0;
          let shared: SharedSource | null = null;
          // A delimiter of several bytes may begin in the carried bytes and end here.
          if (carryLength > 0 && delimiter.byteLength > 1) {
            const back = Math.min(carryLength, delimiter.byteLength - 1);
            const seam = new Uint8Array(back + Math.min(end, delimiter.byteLength - 1));
            seam.set(carry.subarray(carryLength - back, carryLength));
            seam.set(bytes.subarray(0, seam.byteLength - back), back);
            const found = indexOf(seam, delimiter, first, 0);
            if (found >= 0 && found < back) {
              const frameLength = carryLength - back + found;
              at = found + delimiter.byteLength - back;
              carryLength = 0;
              if (skipping) skipping = false;
              else if (!emit(subscriber, carry.slice(0, frameLength), null)) return;
            }
          }
          while (at < end && !subscriber.closed) {
            const found = indexOf(bytes, delimiter, first, at);
            if (found < 0) {
              // No delimiter in the rest: the start of a frame that continues in the next indication.
              if (!skipping && carryLength + (end - at) > maxLength + tail && !oversize()) return;
              if (skipping) keepTail(bytes.subarray(at));
              else keep(bytes.subarray(at));
              return;
            }
            const next = found + delimiter.byteLength;
            if (skipping) {
              skipping = false;
              carryLength = 0;
              at = next;
              continue;
            }
            if (carryLength + (found - at) > maxLength) {
              if (!oversize()) return;
              skipping = false; // its delimiter is here: the next frame starts after it
              at = next;
              continue;
            }
            if (carryLength === 0) {
              shared ??= new SharedSource(indication);
              const view = bytes.subarray(at, found);
              at = next;
              if (!emit(subscriber, view, shared)) return;
              continue;
            }
            // The frame began in an earlier indication: the one copy.
            const whole = new Uint8Array(carryLength + (found - at));
            whole.set(carry.subarray(0, carryLength));
            whole.set(bytes.subarray(at, found), carryLength);
            carryLength = 0;
            at = next;
            if (!emit(subscriber, whole, null)) return;
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (carryLength > 0 || skipping) subscriber.error(new IndicationError("ERR_FRAME_INCOMPLETE"));
          else subscriber.complete();
        },
      });
    });
}

// The source's bytes, or null after an error notification for a value that is not an indication
// (a throw here would reach RxJS, which rethrows it as uncaught).
function bytesOf(indication: Indication, subscriber: { error(error: unknown): void }): Uint8Array | null {
  const bytes = (indication as Partial<Indication> | null | undefined)?.bytes;
  if (bytes instanceof Uint8Array) return bytes;
  subscriber.error(programmerError("ERR_INVALID_ARG_TYPE", "a framing operator's source emitted a value that is not an indication"));
  return null;
}

const isByte = (value: number) => Number.isInteger(value) && value >= 0 && value <= 255;

function indexOf(bytes: Uint8Array, delimiter: Uint8Array, first: number, from: number): number {
  if (delimiter.byteLength === 1) return bytes.indexOf(first, from);
  for (let i = bytes.indexOf(first, from); i >= 0; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < delimiter.byteLength && i + k < bytes.byteLength && bytes[i + k] === delimiter[k]) k++;
    if (k === delimiter.byteLength) return i;
  }
  return -1;
}

