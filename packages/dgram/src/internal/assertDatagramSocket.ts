import { programmerError } from "@wskit/core";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import { kDatagram } from "./datagramState";
import { describeValue, readBrand } from "@wskit/core/provider";

/** The helpers' check of their socket argument: a typed programmer error for anything but a datagram socket. */
export function assertDatagramSocket(socket: unknown, api: string): asserts socket is DatagramSocket {
  if (readBrand(socket, kDatagram) === undefined) {
    throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: socket must be a datagram socket (openDatagramSocket, or WskSocket with WSK_FLAG_DATAGRAM_SOCKET)`);
  }
}

/** A buffer size a helper allocates: an integer from 0 to 2³¹−1, else ERR_OUT_OF_RANGE. */
export function checkBufferSize(size: unknown, api: string, name: string): number {
  if (typeof size !== "number" || !Number.isInteger(size) || size < 0 || size > 0x7fff_ffff) {
    throw programmerError("ERR_OUT_OF_RANGE", `${api}: ${name} must be an integer from 0 to 2147483647; received ${describeValue(size)}`);
  }
  return size;
}
