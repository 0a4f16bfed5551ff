// Control information travels as Windows x64 WSACMSGHDR records (an 8-byte cmsg_len, 4-byte level
// and type, data from offset 16, each record aligned to 8), made by the native engine. A receive
// takes whole records only: one that does not fit is left out, and the receive says MSG_CTRUNC.
import { programmerError } from "@wskit/core";
import { describeValue } from "@wskit/core/provider";

/** Bytes of control information one datagram carries at most (every option on, IPv6). */
export const MAX_CONTROL_BYTES = 128;

/**
 * Copies the records of `source[offset, offset + length)` that fit whole into `target`'s first
 * `capacity` bytes; returns the bytes copied (less than `length` when some did not fit).
 */
export function copyControl(source: Uint8Array, offset: number, length: number, target: Uint8Array | null, capacity: number): number {
  if (target === null) return 0;
  const room = Math.min(capacity, target.byteLength);
  let at = 0;
  while (at < length) {
    const recordLength = readRecordLength(source, offset + at);
    if (recordLength < 16 || at + recordLength > length) break;
    const space = Math.min((recordLength + 7) & ~7, length - at);
    if (at + recordLength > room) break;
    const copy = at + space <= room ? space : recordLength;
    target.set(source.subarray(offset + at, offset + at + copy), at);
    at += copy;
    if (copy < space) break;
  }
  return at;
}

// cmsg_len is a SIZE_T: 8 bytes little-endian; control records are far below 2³².
function readRecordLength(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24)) >>> 0;
}

/** One control message of a datagram (a WSACMSGHDR record): its level, type and data. */
export interface ControlMessage {
  /** IPPROTO_IP or IPPROTO_IPV6. */
  readonly level: number;
  /** IP_PKTINFO, IP_TTL, IP_TOS, IPV6_PKTINFO, IPV6_HOPLIMIT, IPV6_TCLASS. */
  readonly type: number;
  /** The record's data (a view into `bytes`). */
  readonly data: Uint8Array;
}

/**
 * The control messages in the first `length` bytes of a ControlInfo buffer (WSA_CMSG_FIRSTHDR /
 * WSA_CMSG_NXTHDR in one call), for a WskReceiveFrom's `ControlInfo` or an indication's.
 */
export function controlMessages(bytes: Uint8Array | null, length: number = bytes?.byteLength ?? 0): ControlMessage[] {
  const messages: ControlMessage[] = [];
  if (bytes === null) return messages;
  if (!(bytes instanceof Uint8Array)) throw programmerError("ERR_INVALID_ARG_TYPE", "controlMessages: bytes must be a Uint8Array (an indication's ControlInfo) or null");
  if (typeof length !== "number" || !Number.isInteger(length) || length < 0) {
    throw programmerError("ERR_OUT_OF_RANGE", `controlMessages: length must be a non-negative integer; received ${describeValue(length)}`);
  }
  const end = Math.min(length, bytes.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 16 <= end; ) {
    const recordLength = readRecordLength(bytes, at);
    if (recordLength < 16 || at + recordLength > end) break;
    messages.push({ level: view.getInt32(at + 8, true), type: view.getInt32(at + 12, true), data: bytes.subarray(at + 16, at + recordLength) });
    at += (recordLength + 7) & ~7;
  }
  return messages;
}
