// A datagram on its way: a copy of the payload (the sender may reuse its buffer once its send
// completes) and its addresses. Records and their buffers are pooled: a datagram that fits a
// pooled buffer costs no allocation in a steady state.
import type { Link } from "../Link";

const POOLED_BYTES = 2048;
const MAX_POOLED = 4096;

export class InFlight {
  bytes: Uint8Array;
  length = 0;
  family = 4;
  source = "";
  sourcePort = 0;
  destination = "";
  destinationPort = 0;
  link: Link | null = null;
  /** Reordering: later datagrams still to pass it; -1 when not held back. */
  held = -1;
  /** Reordering: the event that lets it go alone if too few pass it. */
  release: unknown = null;
  /** The sending socket's engine, told when the datagram leaves the network (null for a duplicate). */
  owner: { released(charge: number): void } | null = null;
  /** What it counts against the sender's SO_SNDBUF. */
  charge = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  /** The payload, exactly. */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

const free: InFlight[] = [];

/** A record holding a copy of `parts` (the datagram's pieces, in order). */
export function takeInFlight(parts: Uint8Array | Uint8Array[]): InFlight {
  let length = 0;
  if (Array.isArray(parts)) for (const part of parts) length += part.byteLength;
  else length = parts.byteLength;
  const record = length <= POOLED_BYTES ? (free.pop() ?? new InFlight(POOLED_BYTES)) : new InFlight(length);
  if (Array.isArray(parts)) {
    let at = 0;
    for (const part of parts) {
      record.bytes.set(part, at);
      at += part.byteLength;
    }
  } else {
    record.bytes.set(parts, 0);
  }
  record.length = length;
  return record;
}

/** A second record with the same datagram (a duplicate). */
export function copyInFlight(original: InFlight): InFlight {
  const copy = takeInFlight(original.view());
  copy.family = original.family;
  copy.source = original.source;
  copy.sourcePort = original.sourcePort;
  copy.destination = original.destination;
  copy.destinationPort = original.destinationPort;
  copy.link = original.link;
  return copy;
}

/** The datagram left the network (arrived or dropped): its sender gets its room back, the record goes back to the pool. */
export function freeInFlight(record: InFlight): void {
  const owner = record.owner;
  record.owner = null;
  record.link = null;
  record.held = -1;
  record.release = null;
  if (record.bytes.byteLength === POOLED_BYTES && free.length < MAX_POOLED) free.push(record);
  owner?.released(record.charge);
}
