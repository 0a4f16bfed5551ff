import type { WskBuf } from "@wskit/core";
import { readBrand } from "@wskit/core/provider";

const kLink = Symbol("next indication");
const kLength = Symbol("indicated length");

/**
 * `WSK_DATA_INDICATION`: one piece of received data in a list passed to WskReceiveEvent, linked to
 * the next by `Next`. Valid until the callback returns, or, if it returned STATUS_PENDING, until
 * WskRelease.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_data_indication
 */
export class WskDataIndication {
  /** The next piece of the list, or null. */
  Next: WskDataIndication | null = null;
  /** The bytes: `Buffer.Length` of them, `Buffer.Offset` into `Buffer.Mdl`. */
  readonly Buffer: WskBuf;
  /** @internal The pool chunk behind the bytes, given back at release. */
  readonly chunk: Uint8Array;

  /** @internal The next of the list as indicated (the client's `Next` is not trusted). */
  [kLink]: WskDataIndication | null = null;
  /** @internal The bytes as indicated. */
  readonly [kLength]: number;

  /** @internal */
  constructor(buffer: WskBuf, chunk: Uint8Array) {
    this.Buffer = buffer;
    this.chunk = chunk;
    this[kLength] = buffer.Length;
  }

  /** The bytes as a view (a convenience for the MDL region). */
  get bytes(): Uint8Array {
    const { Mdl, Offset, Length } = this.Buffer;
    return (Mdl?.MappedSystemVa ?? new Uint8Array(0)).subarray(Offset, Offset + Length);
  }
}

/** @internal Links `next` after `indication` in the provider's own view of the list. */
/** @internal True for an indication this package made (by its brand: instanceof would run a Proxy's traps). */
export function isDataIndication(value: unknown): value is WskDataIndication {
  return readBrand<number>(value, kLength) !== undefined;
}

export function linkIndication(indication: WskDataIndication, next: WskDataIndication): void {
  indication[kLink] = next;
}

/** @internal The next indication of the list as it was indicated. */
export function nextIndication(indication: WskDataIndication): WskDataIndication | null {
  return indication[kLink];
}

/** @internal The bytes the indication held when it was indicated. */
export function indicationLength(indication: WskDataIndication): number {
  return indication[kLength];
}

/** {@link WskDataIndication} under its header names. */
export type WSK_DATA_INDICATION = WskDataIndication;
/** A pointer to a {@link WskDataIndication}, as the pages' prototypes write it. */
export type PWSK_DATA_INDICATION = WskDataIndication;
