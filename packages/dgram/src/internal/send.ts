// The send path shared by both engines: a send IRP counts its datagrams, and completes when the
// engine has reported the last of them.
import { AF_INET6, STATUS_SUCCESS, type IRP } from "@wskit/core";
import { completeSocketIrp, ntStatusFromErrno } from "@wskit/core/provider";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import type { DatagramEngine } from "../engines/DatagramEngine";
import { kDatagram } from "./datagramState";
import { systemError } from "./systemError";

// Where a send IRP keeps its progress (Tail.Overlay.DriverContext).
const SEND_REMAINING = 0;
const SEND_BYTES = 1;
const SEND_FIRST_ERROR = 2;
const SEND_FIRST_CAUSE = 3;

/** The largest UDP payload for each family: 65,535 less the IP and UDP headers. */
export function maxDatagram(family: number): number {
  return family === AF_INET6 ? 65_527 : 65_507;
}

/** Starts counting the datagrams of one send IRP. */
export function beginSend(irp: IRP, datagrams: number): void {
  const context = irp.Tail.Overlay.DriverContext;
  context[SEND_REMAINING] = datagrams;
  context[SEND_BYTES] = 0;
  context[SEND_FIRST_ERROR] = STATUS_SUCCESS;
  context[SEND_FIRST_CAUSE] = undefined;
}

/** Hands one datagram of a send IRP to the socket's engine, to an address checked at the call. */
export function sendDatagram(socket: DatagramSocket, irp: IRP, payload: Uint8Array | Uint8Array[], port: number, address: string): void {
  (socket[kDatagram].engine as DatagramEngine).send(irp, payload, port, address);
}

/**
 * One datagram of a send IRP went out (`error` null, `bytes` sent) or failed (Node's error, or an
 * errno code); the IRP completes with its last datagram: the bytes of all, the status of the first
 * failure, and that failure's Node error as the cause.
 */
export function datagramSent(socket: DatagramSocket, irp: IRP, error: NodeJS.ErrnoException | string | null, bytes: number): void {
  const counters = socket[kDatagram].counters;
  const context = irp.Tail.Overlay.DriverContext;
  if (error === null) {
    counters.sent++;
    context[SEND_BYTES] = (context[SEND_BYTES] as number) + bytes;
  } else {
    counters.sendErrors++;
    if (context[SEND_FIRST_ERROR] === STATUS_SUCCESS) {
      const cause = typeof error === "string" ? systemError(error, "send") : error;
      context[SEND_FIRST_ERROR] = ntStatusFromErrno(cause.code);
      context[SEND_FIRST_CAUSE] = cause;
    }
  }
  const remaining = (context[SEND_REMAINING] as number) - 1;
  context[SEND_REMAINING] = remaining;
  if (remaining === 0) {
    const cause = context[SEND_FIRST_CAUSE];
    context[SEND_FIRST_CAUSE] = undefined;
    completeSocketIrp(socket, irp, context[SEND_FIRST_ERROR] as number, context[SEND_BYTES] as number, cause);
  }
}
