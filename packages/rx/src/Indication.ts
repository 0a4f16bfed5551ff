/**
 * One received indication as the Observables of @wskit/rx emit it, with Netty's ownership rule:
 * its bytes are valid until the synchronous `next` that delivered it returns. A subscriber that needs
 * them longer calls `retain()` during `next` (the event callback then returns STATUS_PENDING) and
 * `release()` when done (WskRelease once every retained indication of the list is released).
 */
export interface Indication {
  /** The received bytes: a view into a provider buffer, valid as described above. */
  readonly bytes: Uint8Array;
  /** True between `retain()` and `release()` (or the end of the subscription, which releases it). */
  readonly retained: boolean;
  /** Keeps the bytes past the end of `next`; returns the same indication. */
  retain(): this;
  /** Gives a retained indication back. Releasing one that is not retained throws. */
  release(): void;
}
