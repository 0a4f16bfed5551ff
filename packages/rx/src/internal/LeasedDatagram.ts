import type { SockAddr } from "@wskit/core";
import type { DatagramIndication } from "../DatagramIndication";
import { LeasedIndication, type Lease, type Retention } from "./lease";

/** An emitted datagram: the bytes and the sender, under the same ownership rule. */
export class LeasedDatagram extends LeasedIndication implements DatagramIndication {
  #remote: SockAddr;

  constructor(memory: Uint8Array, offset: number, length: number, remote: SockAddr, lease: Lease, retention: Retention) {
    super(memory, offset, length, lease, retention);
    this.#remote = remote;
  }

  get remote(): SockAddr {
    this.assertUsable();
    return this.#remote;
  }
}
