// The IP and UDP (or TCP) headers a capture shows around each datagram or connection segment:
// synthesised, since no real packet exists, with the lengths, a running IPv4 identification and
// correct checksums, so Wireshark and tcpdump decode them as they would a real capture.
import { parseIPv4, parseIPv6 } from "@wskit/core";

const PROTOCOL_UDP = 17;
const PROTOCOL_TCP = 6;
const TTL = 64;
const TCP_HEADER = 20;
const TCP_WINDOW = 65_535;

/** An IPv4 or IPv6 packet holding a UDP datagram from `source:sourcePort` to `destination:destinationPort`. */
export function udpPacket(family: number, source: string, sourcePort: number, destination: string, destinationPort: number, payload: Uint8Array, id: number): Uint8Array {
  const { packet, view, ipHeader, pseudo } = ipPacket(family, source, destination, PROTOCOL_UDP, 8 + payload.byteLength, id);
  const udpLength = 8 + payload.byteLength;
  view.setUint16(ipHeader, sourcePort);
  view.setUint16(ipHeader + 2, destinationPort);
  view.setUint16(ipHeader + 4, udpLength);
  packet.set(payload, ipHeader + 8);
  const sum = checksum(packet, ipHeader, udpLength, pseudo);
  view.setUint16(ipHeader + 6, sum === 0 ? 0xffff : sum);
  return packet;
}

/** An IPv4 or IPv6 packet holding a TCP segment (a 20-byte header: no options). */
export function tcpPacket(
  family: number,
  source: string,
  sourcePort: number,
  destination: string,
  destinationPort: number,
  payload: Uint8Array,
  tcp: { seq: number; ack: number; flags: number },
  id: number,
): Uint8Array {
  const length = TCP_HEADER + payload.byteLength;
  const { packet, view, ipHeader, pseudo } = ipPacket(family, source, destination, PROTOCOL_TCP, length, id);
  view.setUint16(ipHeader, sourcePort);
  view.setUint16(ipHeader + 2, destinationPort);
  view.setUint32(ipHeader + 4, tcp.seq >>> 0);
  view.setUint32(ipHeader + 8, tcp.ack >>> 0);
  packet[ipHeader + 12] = (TCP_HEADER / 4) << 4;
  packet[ipHeader + 13] = tcp.flags;
  view.setUint16(ipHeader + 14, TCP_WINDOW);
  packet.set(payload, ipHeader + TCP_HEADER);
  view.setUint16(ipHeader + 16, checksum(packet, ipHeader, length, pseudo));
  return packet;
}

// The IP header for a transport segment of `length` bytes, and the pseudo-header sum its checksum starts from.
function ipPacket(family: number, source: string, destination: string, protocol: number, length: number, id: number): { packet: Uint8Array; view: DataView; ipHeader: number; pseudo: number } {
  const ipHeader = family === 6 ? 40 : 20;
  const packet = new Uint8Array(ipHeader + length);
  const view = new DataView(packet.buffer);
  const src = addressBytes(family, source);
  const dst = addressBytes(family, destination);
  if (family === 6) {
    view.setUint32(0, 0x6000_0000);
    view.setUint16(4, length);
    packet[6] = protocol;
    packet[7] = TTL;
    packet.set(src, 8);
    packet.set(dst, 24);
  } else {
    packet[0] = 0x45;
    view.setUint16(2, ipHeader + length);
    view.setUint16(4, id & 0xffff);
    view.setUint16(6, 0x4000); // don't fragment
    packet[8] = TTL;
    packet[9] = protocol;
    packet.set(src, 12);
    packet.set(dst, 16);
    view.setUint16(10, checksum(packet, 0, 20, 0));
  }
  // The pseudo-header: both addresses, the protocol and the transport length.
  let pseudo = protocol + length;
  for (let i = 0; i < src.length; i += 2) pseudo += (((src[i] as number) << 8) | (src[i + 1] as number)) + (((dst[i] as number) << 8) | (dst[i + 1] as number));
  return { packet, view, ipHeader, pseudo };
}

function addressBytes(family: number, text: string): Uint8Array {
  if (family === 6) {
    const groups = parseIPv6(text) ?? new Array<number>(8).fill(0);
    const bytes = new Uint8Array(16);
    groups.forEach((group, i) => {
      bytes[i * 2] = group >> 8;
      bytes[i * 2 + 1] = group & 0xff;
    });
    return bytes;
  }
  const value = parseIPv4(text) ?? 0;
  return new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

// The Internet checksum (RFC 1071) of `length` bytes at `offset`, starting from `initial`.
function checksum(bytes: Uint8Array, offset: number, length: number, initial: number): number {
  let sum = initial;
  for (let i = 0; i + 1 < length; i += 2) sum += ((bytes[offset + i] as number) << 8) | (bytes[offset + i + 1] as number);
  if (length % 2 === 1) sum += (bytes[offset + length - 1] as number) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}
