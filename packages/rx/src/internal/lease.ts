// The ownership rule every Observable of this package shares. A provider buffer the subscriber may
// hold is a Lease: an indicated list (given back with WskRelease once every retained datagram of it
// is released) or a receive IRP's buffer (posted again). Each emitted value is a LeasedIndication
// over part of it; a Retention counts what one subscription holds, for its bound and its teardown.
import { IndicationError } from "../errors";
import type { Indication } from "../Indication";

/** A provider buffer behind one or more emitted indications. */
export interface Lease {
  /** Indications of it retained now. */
  outstanding: number;
  /** True once the emitter has handed it to the subscriber (returned STATUS_PENDING, kept the IRP). */
  kept: boolean;
  /** Called once `outstanding` falls to 0 while kept: the buffer goes back to its provider. */
  give(): void;
}

/** What one subscription's subscriber holds now. */
export class Retention {
  count = 0;
  /**
   * The values retained now, newest first: a list through the values themselves, so retaining and
   * releasing one hashes nothing and allocates nothing.
   */
  newest: LeasedIndication | null = null;
  /** Runs after each release by the subscriber (a bound may have room again). */
  onRelease: (() => void) | null = null;

  /** Teardown: everything still retained is the subscription's to give back, not the subscriber's. */
  revokeAll(): void {
    LeasedIndication.revokeRetained(this);
  }
}

const LIVE = 0;
const RETAINED = 1;
const DONE = 2;

/**
 * One emitted indication. A value object per indication is deliberate: a stale reference must fail
 * (ERR_INDICATION_RELEASED) rather than see whatever the reused buffer holds next.
 */
export class LeasedIndication implements Indication {
  #memory: Uint8Array;
  #offset: number;
  #length: number;
  #lease: Lease;
  #retention: Retention;
  #state = LIVE;
  // Its neighbours in its Retention's list while retained.
  #newer: LeasedIndication | null = null;
  #older: LeasedIndication | null = null;

  /** Revokes every value `retention` holds, newest first. */
  static revokeRetained(retention: Retention): void {
    for (let value = retention.newest; value !== null; ) {
      const older = value.#older;
      value.revoke();
      value = older;
    }
  }

  constructor(memory: Uint8Array, offset: number, length: number, lease: Lease, retention: Retention) {
    this.#memory = memory;
    this.#offset = offset;
    this.#length = length;
    this.#lease = lease;
    this.#retention = retention;
  }

  get bytes(): Uint8Array {
    this.assertUsable();
    return this.#memory.subarray(this.#offset, this.#offset + this.#length);
  }

  get retained(): boolean {
    return this.#state === RETAINED;
  }

  retain(): this {
    if (this.#state !== LIVE) throw new IndicationError("ERR_INDICATION_NOT_LIVE");
    this.#state = RETAINED;
    this.#lease.outstanding++;
    const retention = this.#retention;
    retention.count++;
    this.#older = retention.newest;
    if (retention.newest !== null) retention.newest.#newer = this;
    retention.newest = this;
    return this;
  }

  release(): void {
    if (this.#state === DONE) throw new IndicationError("ERR_INDICATION_ALREADY_RELEASED");
    if (this.#state !== RETAINED) throw new IndicationError("ERR_INDICATION_NOT_RETAINED");
    this.#forget();
    const lease = this.#lease;
    if (--lease.outstanding === 0 && lease.kept) {
      lease.kept = false;
      lease.give();
    }
    this.#retention.onRelease?.();
  }

  /** The synchronous next() returned: a value not retained is no longer the subscriber's. */
  expire(): void {
    if (this.#state === LIVE) this.#state = DONE;
  }

  /** Teardown: a retained value is given back for the subscriber (the emitter gives the lease back). */
  revoke(): void {
    if (this.#state !== RETAINED) return;
    this.#forget();
    this.#lease.outstanding--;
  }

  protected assertUsable(): void {
    if (this.#state === DONE) throw new IndicationError("ERR_INDICATION_RELEASED");
  }

  #forget(): void {
    this.#state = DONE;
    const retention = this.#retention;
    retention.count--;
    if (this.#newer !== null) this.#newer.#older = this.#older;
    else retention.newest = this.#older;
    if (this.#older !== null) this.#older.#newer = this.#newer;
    this.#newer = this.#older = null;
  }
}

/**
 * After the values of a lease were emitted: true when the subscriber retained any (the lease is kept
 * until they are released), false when the buffer is free again at once.
 */
export function keepIfRetained(lease: Lease): boolean {
  if (lease.outstanding === 0) return false;
  lease.kept = true;
  return true;
}
