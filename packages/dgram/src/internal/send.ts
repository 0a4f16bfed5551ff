// The send path: datagrams handed to Node, completed in the order Node reports them sent (its send
// callbacks run in request order), through one callback per socket instead of a closure per send.
import {
  AF_INET6,
  completeSocketIrp,
  ntStatusFromErrno,
  reportCallbackError,
  STATUS_SUCCESS,
  type IRP,
} from "@wskit/core";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import { kDatagram } from "./datagramState";

// Where a send IRP keeps its progress (Tail.Overlay.DriverContext).
const SEND_REMAINING = 0;
const SEND_BYTES = 1;
const SEND_FIRST_ERROR = 2;

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
}

/** Hands one datagram of a send IRP to Node, to an address checked at the call. */
export function sendDatagram(socket: DatagramSocket, irp: IRP, payload: Uint8Array | Uint8Array[], port: number, address: string): void {
  const state = socket[kDatagram];
  state.sends.push(irp);
  try {
    state.node.send(payload, port, address, state.onSent);
  } catch (error) {
    // Node refused before queuing (it was closed under us): complete this datagram now.
    state.sends.remove(irp);
    sent(socket, irp, error as NodeJS.ErrnoException, 0);
  }
}

/** The socket's one send callback: Node calls it for each datagram, in the order they were sent. */
export function onSentFor(socket: DatagramSocket): (error: Error | null, bytes: number) => void {
  return (error, bytes) => {
    const irp = socket[kDatagram].sends.shift();
    if (irp === undefined) return;
    try {
      sent(socket, irp, error as NodeJS.ErrnoException | null, bytes);
    } catch (thrown) {
      reportCallbackError("internal", "completing a datagram send", thrown);
    }
  };
}

function sent(socket: DatagramSocket, irp: IRP, error: NodeJS.ErrnoException | null, bytes: number): void {
  const counters = socket[kDatagram].counters;
  const context = irp.Tail.Overlay.DriverContext;
  if (error === null) {
    counters.sent++;
    context[SEND_BYTES] = (context[SEND_BYTES] as number) + bytes;
  } else {
    counters.sendErrors++;
    if (context[SEND_FIRST_ERROR] === STATUS_SUCCESS) context[SEND_FIRST_ERROR] = ntStatusFromErrno(error.code);
  }
  const remaining = (context[SEND_REMAINING] as number) - 1;
  context[SEND_REMAINING] = remaining;
  if (remaining === 0) completeSocketIrp(socket, irp, context[SEND_FIRST_ERROR] as number, context[SEND_BYTES] as number);
}
