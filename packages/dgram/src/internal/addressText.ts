// Addresses between their bytes and their text (as Node prints them: RFC 5952 for IPv6), for the
// native engine, which gets bytes from the kernel and literals from the faithful layer.

/** The text of an IPv4 address whose 4 network-order bytes were read as a little-endian int32. */
export function ipv4Text(word: number): string {
  return `${word & 255}.${(word >>> 8) & 255}.${(word >>> 16) & 255}.${word >>> 24}`;
}

/** The text of an IPv6 address from its 16 network-order bytes. */
export function ipv6Text(bytes: Uint8Array, offset: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((bytes[offset + i * 2] as number) << 8) | (bytes[offset + i * 2 + 1] as number));
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    return `::ffff:${bytes[offset + 12]}.${bytes[offset + 13]}.${bytes[offset + 14]}.${bytes[offset + 15]}`;
  }
  // The longest run of two or more zero groups (the first of equal runs) becomes "::".
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
  const hex = (from: number, to: number) => groups.slice(from, to).map((group) => group.toString(16)).join(":");
  return bestStart < 0 ? hex(0, 8) : `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** Writes a literal address's network-order bytes at `offset` (4 for IPv4, 16 for IPv6); returns the IPv6 scope id (0 if none). */
export function writeAddressBytes(address: string, target: Uint8Array, offset: number): number {
  if (!address.includes(":")) {
    const octets = address.split(".");
    for (let i = 0; i < 4; i++) target[offset + i] = Number(octets[i]) & 255;
    return 0;
  }
  const [text = "", scope] = address.split("%");
  const groups = expandIPv6(text);
  for (let i = 0; i < 8; i++) {
    const group = groups[i] ?? 0;
    target[offset + i * 2] = group >> 8;
    target[offset + i * 2 + 1] = group & 255;
  }
  const scopeId = scope === undefined ? 0 : Number(scope);
  return Number.isInteger(scopeId) && scopeId >= 0 ? scopeId : 0;
}

/** The eight 16-bit groups of an IPv6 literal (an embedded dotted IPv4 tail included). */
export function expandIPv6(text: string): number[] {
  const [head = "", tail] = text.split("::");
  const parse = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (group.includes(".")) {
            const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
            return [(a << 8) | b, (c << 8) | d];
          }
          return [parseInt(group, 16)];
        });
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0), ...right];
}
