// A reader of the pcapng files captures write, independent of the writer: block by block, checking
// the framing (each block's two lengths agree, blocks end where the file does), the interfaces,
// and each packet's IPv4/IPv6 and UDP headers, checksums included.

export interface ReadPacket {
  interface: number;
  direction: number | null;
  timestampMicros: number;
  comment: string | null;
  family: 4 | 6;
  source: string;
  destination: string;
  sourcePort: number;
  destinationPort: number;
  payload: Uint8Array;
  ipChecksumOk: boolean;
  /** The UDP or TCP checksum. */
  udpChecksumOk: boolean;
  /** For a TCP segment: its sequence and acknowledgement numbers and flags. */
  tcp: { seq: number; ack: number; flags: number } | null;
}

export interface ReadCapture {
  application: string | null;
  interfaces: Array<{ linkType: number; name: string | null; tsresol: number | null }>;
  packets: ReadPacket[];
}

export function readPcapng(file: Uint8Array): ReadCapture {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: ReadCapture = { application: null, interfaces: [], packets: [] };
  let at = 0;
  let first = true;
  while (at < file.byteLength) {
    const type = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    if (length % 4 !== 0 || at + length > file.byteLength || view.getUint32(at + length - 4, true) !== length) throw new Error(`bad block framing at ${at}`);
    if (first && type !== 0x0a0d0d0a) throw new Error("no section header first");
    first = false;
    const body = at + 8;
    const end = at + length - 4;
    if (type === 0x0a0d0d0a) {
      if (view.getUint32(body, true) !== 0x1a2b3c4d) throw new Error("bad byte-order magic");
      out.application = options(file, view, body + 16, end).get(4) ?? null;
    } else if (type === 1) {
      const found = options(file, view, body + 8, end);
      const tsresol = found.get(9);
      out.interfaces.push({ linkType: view.getUint16(body, true), name: found.get(2) ?? null, tsresol: tsresol === undefined ? null : tsresol.charCodeAt(0) });
    } else if (type === 6) {
      const captured = view.getUint32(body + 12, true);
      const data = file.subarray(body + 20, body + 20 + captured);
      const optionsAt = body + 20 + captured + ((4 - (captured % 4)) % 4);
      const comment = options(file, view, optionsAt, end).get(1) ?? null;
      const flags = rawOptions(file, view, optionsAt, end).get(2);
      const direction = flags === undefined ? null : new DataView(flags.buffer, flags.byteOffset, 4).getUint32(0, true) & 3;
      out.packets.push({ ...ipPacket(data), interface: view.getUint32(body, true), direction, timestampMicros: view.getUint32(body + 4, true) * 2 ** 32 + view.getUint32(body + 8, true), comment });
    }
    at += length;
  }
  return out;
}

function options(file: Uint8Array, view: DataView, at: number, end: number): Map<number, string> {
  return new Map([...rawOptions(file, view, at, end)].map(([code, bytes]) => [code, new TextDecoder("latin1").decode(bytes)]));
}

function rawOptions(file: Uint8Array, view: DataView, at: number, end: number): Map<number, Uint8Array> {
  const found = new Map<number, Uint8Array>();
  while (at + 4 <= end) {
    const code = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (code === 0) break;
    found.set(code, file.subarray(at + 4, at + 4 + length));
    at += 4 + length + ((4 - (length % 4)) % 4);
  }
  return found;
}

function ipPacket(data: Uint8Array): Omit<ReadPacket, "interface" | "direction" | "timestampMicros" | "comment"> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const version = (data[0] as number) >> 4;
  const header = version === 6 ? 40 : ((data[0] as number) & 0x0f) * 4;
  const src = version === 6 ? data.subarray(8, 24) : data.subarray(12, 16);
  const dst = version === 6 ? data.subarray(24, 40) : data.subarray(16, 20);
  const protocol = version === 6 ? (data[6] as number) : (data[9] as number);
  const transportLength = data.byteLength - header;
  const tcp = protocol === 6;
  const udpLength = tcp ? transportLength : view.getUint16(header + 4);
  const payloadAt = tcp ? header + (((data[header + 12] as number) >> 4) * 4) : header + 8;
  let pseudo = protocol + udpLength;
  for (let i = 0; i < src.length; i += 2) pseudo += (((src[i] as number) << 8) | (src[i + 1] as number)) + (((dst[i] as number) << 8) | (dst[i + 1] as number));
  return {
    family: version === 6 ? 6 : 4,
    source: text(version, src),
    destination: text(version, dst),
    sourcePort: view.getUint16(header),
    destinationPort: view.getUint16(header + 2),
    payload: data.subarray(payloadAt, header + udpLength),
    ipChecksumOk: version === 6 || sum(data, 0, header, 0) === 0xffff,
    udpChecksumOk: sum(data, header, udpLength, pseudo) === 0xffff,
    tcp: tcp ? { seq: view.getUint32(header + 4), ack: view.getUint32(header + 8), flags: data[header + 13] as number } : null,
  };
}

function sum(bytes: Uint8Array, offset: number, length: number, initial: number): number {
  let total = initial;
  for (let i = 0; i + 1 < length; i += 2) total += ((bytes[offset + i] as number) << 8) | (bytes[offset + i + 1] as number);
  if (length % 2 === 1) total += (bytes[offset + length - 1] as number) << 8;
  while (total > 0xffff) total = (total & 0xffff) + Math.floor(total / 0x10000);
  return total;
}

function text(version: number, bytes: Uint8Array): string {
  if (version === 4) return [...bytes].join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  return groups.join(":");
}
