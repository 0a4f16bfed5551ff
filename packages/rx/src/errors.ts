/**
 * The error codes and class of @wskit/rx, in one place. Ownership mistakes with an
 * emitted indication are programmer errors, thrown at once with a stable code; a second
 * subscription to one socket is refused with one, as an error notification.
 */
export const RX_ERROR_CODES = {
  /** `retain()` outside the synchronous `next` that delivered the indication. */
  ERR_INDICATION_NOT_LIVE: "retain() is only allowed during the next() that delivered the indication",
  /** `release()` of an indication that was released already. */
  ERR_INDICATION_ALREADY_RELEASED: "the indication was released already",
  /** `release()` of an indication that was never retained. */
  ERR_INDICATION_NOT_RETAINED: "release() needs a matching retain()",
  /** Reading the bytes of an indication after its owner gave it back. */
  ERR_INDICATION_RELEASED:
    "the indication's bytes were used after it was released: copy them during next() (copyAndRelease()) or keep them with retain() in next() and release() when done",
  /** A frame longer than the framing operator's maxLength (with `onOversize: "error"`). */
  ERR_FRAME_TOO_LARGE: "a frame is longer than maxLength: raise maxLength, or pass onOversize: \"skip\" to drop such frames",
  /** The connection ended inside a frame. */
  ERR_FRAME_INCOMPLETE: "the connection ended inside a frame: its last bytes are not a whole frame",
  /** A second subscription to the indications of a socket that one subscription observes already. */
  ERR_SOCKET_ALREADY_OBSERVED:
    "the socket's indications are observed by another subscription already: a socket has one event client; share the Observable (share()) among subscribers",
} as const;

/** A code of {@link IndicationError}. */
export type RxErrorCode = keyof typeof RX_ERROR_CODES;

const kRxError = Symbol.for("@wskit/rx.IndicationError");

/** An ownership rule of an emitted indication, or the one-subscription rule of a socket, was broken. */
export class IndicationError extends Error {
  /** @internal A brand that holds across ESM and CJS copies. */
  declare readonly [kRxError]: true;
  /** The stable `ERR_INDICATION_*` code. */
  readonly code: RxErrorCode;
  constructor(code: RxErrorCode) {
    super(RX_ERROR_CODES[code]);
    this.code = code;
  }
  /** True for an IndicationError from any copy of the package. */
  static is(value: unknown): value is IndicationError {
    return typeof value === "object" && value !== null && (value as { [kRxError]?: true })[kRxError] === true;
  }
}
Object.defineProperty(IndicationError.prototype, kRxError, { value: true });
Object.defineProperty(IndicationError.prototype, "name", { value: "IndicationError" });
