// The UDP receivers the rx benchmarks share: the raw WskReceiveFromEvent callback (what a client
// of the faithful layer writes by hand) and the Observables of @wskit/rx, on the engine asked for.
import type { Subscription } from "rxjs";
import { runIrp, SO_RCVBUF, SO_WSK_EVENT_CALLBACK, SockAddr, SOL_SOCKET, STATUS_SUCCESS, WSK_EVENT_RECEIVE_FROM, WskSetOption } from "@wskit/core";
import { openDatagramSocket, type DatagramEngineChoice, type DatagramSocket, type WskDatagramIndication } from "@wskit/dgram";
import { datagramIndications, wskReceiveFrom, type DatagramIndication } from "@wskit/rx";
import type { Receiver } from "../../../configs/receiveBench";

export async function localPort(socket: DatagramSocket): Promise<number> {
  const local = new SockAddr();
  await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, local, irp));
  return local.port;
}

// The raw callback path: what a client of the faithful layer writes by hand.
// SO_RCVBUF, when given: the socket's queue bound and (where the kernel allows) its kernel buffer,
// so a drain burst is held whole.
async function withReceiveBuffer(socket: DatagramSocket, bytes: number | undefined): Promise<void> {
  if (bytes === undefined) return;
  await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_RCVBUF, SOL_SOCKET, 4, bytes, 0, null, null, irp));
}

export async function callbackReceiver(engine: DatagramEngineChoice = "auto", receiveBuffer?: number): Promise<Receiver> {
  let received = 0;
  let checksum = 0;
  const socket = await openDatagramSocket({
    engine,
    dispatch: {
      WskReceiveFromEvent: (_context, _flags, head: WskDatagramIndication | null) => {
        for (let d = head; d !== null; d = d.Next) {
          received++;
          checksum += d.Buffer.Length; // touch what the Observable path touches
        }
        return STATUS_SUCCESS;
      },
    },
  });
  await withReceiveBuffer(socket, receiveBuffer);
  socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
  return { port: await localPort(socket), count: () => received + (checksum & 0), close: () => socket[Symbol.asyncDispose]() };
}

export async function observableReceiver(
  subscribe: (socket: DatagramSocket, onDatagram: (d: DatagramIndication) => void) => Subscription,
  retain: boolean,
  engine: DatagramEngineChoice = "auto",
  receiveBuffer?: number,
): Promise<Receiver> {
  const socket = await openDatagramSocket({ engine });
  await withReceiveBuffer(socket, receiveBuffer);
  let received = 0;
  let checksum = 0;
  const subscription = subscribe(socket, (d) => {
    received++;
    if (retain) {
      d.retain();
      checksum += d.bytes.byteLength;
      d.release();
    } else {
      checksum += d.bytes.byteLength;
    }
  });
  return {
    port: await localPort(socket),
    count: () => received + (checksum & 0),
    close: async () => {
      subscription.unsubscribe();
      await socket[Symbol.asyncDispose]();
    },
  };
}

export const indicationsPath = (socket: DatagramSocket, next: (d: DatagramIndication) => void) => datagramIndications(socket).subscribe(next);
export const irpLoopPath = (socket: DatagramSocket, next: (d: DatagramIndication) => void) => wskReceiveFrom(socket, { depth: 8, bufferSize: 2048 }).subscribe(next);

