// Addresses between the bytes the native engine exchanges with the kernel (network order) and the
// text the faithful layer uses, through core's parsers and formatters (so the text is the one
// node:dgram reports in `rinfo`).
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from "@wskit/core";

/** The text of an IPv4 address whose 4 network-order bytes were read as a little-endian int32. */
export function ipv4Text(word: number): string {
  return formatIPv4((((word & 255) << 24) | (((word >>> 8) & 255) << 16) | (((word >>> 16) & 255) << 8) | (word >>> 24)) >>> 0);
}

/** The text of an IPv6 address from its 16 network-order bytes. */
export function ipv6Text(bytes: Uint8Array, offset: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((bytes[offset + i * 2] as number) << 8) | (bytes[offset + i * 2 + 1] as number));
  return formatIPv6(groups);
}

/**
 * Writes a literal address's network-order bytes at `offset` (4 for IPv4, 16 for IPv6; the caller
 * checked it is a literal of its family); returns the IPv6 scope id (0 if none or not numeric).
 */
export function writeAddressBytes(address: string, target: Uint8Array, offset: number): number {
  if (!address.includes(":")) {
    const value = parseIPv4(address) ?? 0;
    for (let i = 0; i < 4; i++) target[offset + i] = (value >>> (24 - i * 8)) & 255;
    return 0;
  }
  const [text = "", scope] = address.split("%");
  const groups = parseIPv6(text) ?? [];
  for (let i = 0; i < 8; i++) {
    const group = groups[i] ?? 0;
    target[offset + i * 2] = group >> 8;
    target[offset + i * 2 + 1] = group & 255;
  }
  const scopeId = scope === undefined ? 0 : Number(scope);
  return Number.isInteger(scopeId) && scopeId >= 0 ? scopeId : 0;
}
