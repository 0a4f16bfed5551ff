// IPv4 and IPv6 text, parsed strictly and formatted canonically (RFC 5952 for IPv6), so that two
// SockAddrs for the same endpoint compare equal by their text, as Node's own rinfo addresses do.

const IPV4_OCTET = /^(?:0|[1-9]\d{0,2})$/;

/** The address as a 32-bit number, or null when `text` is not a dotted quad. */
export function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** The dotted quad of a 32-bit address (the first octet in the high byte). */
export function formatIPv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;
}

const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** The eight 16-bit groups, or null when `text` (without a zone) is not an IPv6 address. */
export function parseIPv6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = splitGroups(halves[0] ?? "");
  const tail = halves.length === 2 ? splitGroups(halves[1] ?? "") : [];
  if (head === null || tail === null) return null;
  const present = head.length + tail.length;
  if (halves.length === 2 ? present > 7 : present !== 8) return null;
  return [...head, ...new Array<number>(8 - present).fill(0), ...tail];
}

function splitGroups(text: string): number[] | null {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    if (i === parts.length - 1 && part.includes(".")) {
      // An embedded IPv4 address may only stand last (::ffff:1.2.3.4).
      const v4 = parseIPv4(part);
      if (v4 === null) return null;
      groups.push(v4 >>> 16, v4 & 0xffff);
    } else if (IPV6_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}

/**
 * RFC 5952 (lower case, no leading zeros, the first longest run of two or more zero groups as `::`),
 * with libuv's inet_ntop rule for a dotted IPv4 tail, so the text equals what Node reports in `rinfo`.
 */
export function formatIPv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  // IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) addresses keep a dotted tail.
  if (bestStart === 0 && (bestLength === 6 || (bestLength === 5 && groups[5] === 0xffff))) {
    const v4 = formatIPv4((((groups[6] ?? 0) << 16) | (groups[7] ?? 0)) >>> 0);
    return bestLength === 6 ? `::${v4}` : `::ffff:${v4}`;
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(":");
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}
