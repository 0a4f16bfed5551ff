// A pcapng file (draft-ietf-opsawg-pcapng): a section header, one interface (raw IP packets,
// microsecond timestamps), and an enhanced packet block per packet with its direction (epb_flags)
// and a comment where the network says what happened to it. One interface, not one per capture
// point: libpcap (tcpdump) refuses a second raw-IP interface in a file.

const LINKTYPE_RAW = 101;
const SNAPLEN = 262_144;

/** One packet of a capture file. */
export interface PcapngPacket {
  /** Index of its interface in `interfaces`. */
  interface: number;
  /** Microseconds since the Unix epoch. */
  timestampMicros: number;
  /** The raw IP packet. */
  data: Uint8Array;
  /** A comment (opt_comment), or null. */
  comment: string | null;
  /** epb_flags direction: 1 inbound, 2 outbound. */
  direction: 1 | 2;
}

/** The bytes of a pcapng file with these interfaces (by name) and packets. */
export function pcapngFile(application: string, interfaces: readonly string[], packets: readonly PcapngPacket[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  // Section header: byte-order magic, version 1.0, unknown section length, the writing application.
  blocks.push(block(0x0a0d0d0a, concat([u32(0x1a2b3c4d), u16(1), u16(0), u32(0xffffffff), u32(0xffffffff)]), [[4, text(application)]]));
  for (const name of interfaces) {
    blocks.push(block(0x00000001, concat([u16(LINKTYPE_RAW), u16(0), u32(SNAPLEN)]), [[2, text(name)], [9, new Uint8Array([6])]]));
  }
  for (const packet of packets) {
    const high = Math.floor(packet.timestampMicros / 0x1_0000_0000);
    const low = packet.timestampMicros % 0x1_0000_0000;
    const body = concat([u32(packet.interface), u32(high), u32(low), u32(packet.data.byteLength), u32(packet.data.byteLength), padded(packet.data)]);
    const options: Array<[number, Uint8Array]> = [[2, u32(packet.direction)]];
    if (packet.comment !== null) options.push([1, text(packet.comment)]);
    blocks.push(block(0x00000006, body, options));
  }
  return concat(blocks);
}

// A block: type, total length, body, options (each padded to 4, then opt_endofopt), total length again.
function block(type: number, body: Uint8Array, options: ReadonlyArray<[number, Uint8Array]>): Uint8Array {
  const parts: Uint8Array[] = [body];
  if (options.length > 0) {
    for (const [code, value] of options) parts.push(u16(code), u16(value.byteLength), padded(value));
    parts.push(u16(0), u16(0));
  }
  const inner = concat(parts);
  const total = 12 + inner.byteLength;
  return concat([u32(type), u32(total), inner, u32(total)]);
}

function u16(value: number): Uint8Array {
  const bytes = new Uint8Array(2);
  new DataView(bytes.buffer).setUint16(0, value, true);
  return bytes;
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0, true);
  return bytes;
}

function text(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

function padded(bytes: Uint8Array): Uint8Array {
  const pad = (4 - (bytes.byteLength % 4)) % 4;
  if (pad === 0) return bytes;
  const out = new Uint8Array(bytes.byteLength + pad);
  out.set(bytes, 0);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
