// Two ends on a test network: a receiver that copies every datagram its event callback gets (with
// the network time it got it), and a sender; and a helper that sends numbered datagrams.
import { gatherWskBuf, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, STATUS_SUCCESS, WSK_EVENT_RECEIVE_FROM, WskSetOption, type SockAddr } from "@wskit/core";
import { openDatagramSocket, sendTo, type DatagramSocket, type WskDatagramIndication } from "@wskit/dgram";
import type { TestNetwork } from "../../src/index";

export interface Received {
  bytes: Uint8Array;
  from: string;
  at: number;
}

export interface Receiver {
  socket: DatagramSocket;
  address: SockAddr;
  received: Received[];
}

/** A socket bound to `address` (default 127.0.0.1, any port) whose event callback copies each datagram. */
export async function receiver(network: TestNetwork, address = "127.0.0.1:0", receiveBufferSize = 64 * 1024 * 1024): Promise<Receiver> {
  const received: Received[] = [];
  const socket = await openDatagramSocket({
    network,
    address,
    receiveBufferSize,
    dispatch: {
      WskReceiveFromEvent: (_context, _flags, head: WskDatagramIndication | null) => {
        for (let d = head; d !== null; d = d.Next) received.push({ bytes: gatherWskBuf(d.Buffer), from: d.RemoteAddress.toString(), at: network.now() });
        return STATUS_SUCCESS;
      },
    },
  });
  socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
  return { socket, address: socket.localAddress as SockAddr, received };
}

/** A 4-byte little-endian sequence number, then `size - 4` bytes of `fill`. */
export function numbered(sequence: number, size = 32, fill = 0xab): Uint8Array {
  const bytes = new Uint8Array(Math.max(4, size)).fill(fill);
  new DataView(bytes.buffer).setUint32(0, sequence, true);
  return bytes;
}

export function sequenceOf(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
}

/** Sends datagrams 0..count-1 (numbered) from `socket` to `to`, `spacing` ms of network time apart (0: all at once). */
export async function sendNumbered(network: TestNetwork, socket: DatagramSocket, to: SockAddr, count: number, options: { size?: number; spacing?: number } = {}): Promise<void> {
  const { size = 32, spacing = 0 } = options;
  const pending: Array<Promise<unknown>> = [];
  for (let i = 0; i < count; i++) {
    pending.push(sendTo(socket, numbered(i, size), to));
    if (spacing > 0) {
      await Promise.all(pending.splice(0));
      await network.advance(spacing);
    }
  }
  await Promise.all(pending);
}
