import type { SockAddr } from "@wskit/core";
import type { Indication } from "./Indication";

/** One received datagram, emitted by {@link datagramIndications} and {@link wskReceiveFrom}. */
export interface DatagramIndication extends Indication {
  /** The sender (valid as long as the bytes are). */
  readonly remote: SockAddr;
}
