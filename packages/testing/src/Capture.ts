// What `network.capture()` records: every datagram as it enters its link ("sent", with the reason
// when it went no further) and as it reaches a socket ("delivered", corrupted bits and duplicates
// included), until stopped; written out as a pcapng file that Wireshark and tcpdump open.
import { writeFile } from "node:fs/promises";
import { pcapngFile, type PcapngPacket } from "./internal/pcapng";
import { tcpPacket, udpPacket } from "./internal/packets";

/** The TCP header fields of a captured connection segment. */
export interface CapturedTcp {
  /** The sequence number of its first byte (or of its SYN / FIN). */
  seq: number;
  /** What the sender had received of the other direction (the next sequence number it expects). */
  ack: number;
  /** TCP flags: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10. */
  flags: number;
}

/** One datagram, or one TCP segment of a connection, a capture saw. */
export interface CapturedDatagram {
  /** Where: entering its link, or handed to the receiving socket. */
  point: "sent" | "delivered";
  /** The network's clock, in milliseconds. */
  time: number;
  /** 4 or 6. */
  family: 4 | 6;
  /** The sending address. */
  source: string;
  /** The sending port. */
  sourcePort: number;
  /** The receiving address. */
  destination: string;
  /** The receiving port. */
  destinationPort: number;
  /** A copy of the payload. */
  payload: Uint8Array;
  /** At "sent": why the link dropped it (`"loss"`, `"mtu"`, `"queue"`, `"partition"`), else null; at "delivered", null. */
  dropped: string | null;
  /** For a TCP segment, its header fields; absent for a UDP datagram. */
  tcp?: CapturedTcp;
}

/** @internal What a capture needs to stamp its packets. */
export interface CaptureClock {
  /** Milliseconds since the Unix epoch at the network's time 0 (0 on the virtual clock, so files are the same run after run). */
  readonly epochMs: number;
}

/**
 * A recording of the network's datagrams (made by `network.capture()`), readable as it grows
 * (`datagrams`) and written out as pcapng.
 */
export class Capture {
  readonly #datagrams: CapturedDatagram[] = [];
  readonly #limit: number;
  readonly #clock: CaptureClock;
  #missed = 0;
  #stopped = false;
  readonly #onStop: (capture: Capture) => void;

  /** @internal Made by `network.capture()`. */
  constructor(clock: CaptureClock, limit: number, onStop: (capture: Capture) => void) {
    this.#clock = clock;
    this.#limit = limit;
    this.#onStop = onStop;
  }

  /** The datagrams seen so far, in the order seen. */
  get datagrams(): readonly CapturedDatagram[] {
    return this.#datagrams;
  }

  /** Datagrams not recorded because the capture's limit was reached. */
  get missed(): number {
    return this.#missed;
  }

  /** Stops recording (what was recorded stays). */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#onStop(this);
  }

  /** @internal */
  record(datagram: CapturedDatagram): void {
    if (this.#stopped) return;
    if (this.#datagrams.length >= this.#limit) {
      this.#missed++;
      return;
    }
    this.#datagrams.push(datagram);
  }

  /**
   * The capture as a pcapng file: one interface ("test network"), raw IPv4/IPv6 + UDP packets with
   * valid checksums, each "sent" one marked outbound and each "delivered" one inbound (epb_flags),
   * a dropped one with a comment saying why.
   */
  toPcapng(): Uint8Array {
    let id = 0;
    const packets: PcapngPacket[] = this.#datagrams.map((datagram) => ({
      interface: 0,
      direction: datagram.point === "sent" ? 2 : 1,
      timestampMicros: Math.round((this.#clock.epochMs + datagram.time) * 1000),
      data:
        datagram.tcp === undefined
          ? udpPacket(datagram.family, datagram.source, datagram.sourcePort, datagram.destination, datagram.destinationPort, datagram.payload, id++)
          : tcpPacket(datagram.family, datagram.source, datagram.sourcePort, datagram.destination, datagram.destinationPort, datagram.payload, datagram.tcp, id++),
      comment: datagram.dropped === null ? null : `dropped: ${datagram.dropped}`,
    }));
    return pcapngFile("@wskit/testing", ["test network"], packets);
  }

  /** Writes {@link toPcapng} to `path`. */
  async writeFile(path: string): Promise<void> {
    await writeFile(path, this.toPcapng());
  }
}
