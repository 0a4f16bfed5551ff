// The wskit receivers the dgram benchmarks share: WskReceiveFromEvent counting indications, and a
// loop of reposted WskReceiveFrom IRPs (pooled IRPs and buffers), on the engine asked for.
import {
  AF_INET6,
  createIrpPool,
  createWskBuf,
  IoSetCompletionRoutine,
  runIrp,
  SO_RCVBUF,
  SO_WSK_EVENT_CALLBACK,
  SockAddr,
  SOL_SOCKET,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_SUCCESS,
  WSK_EVENT_RECEIVE_FROM,
  WskSetOption,
  type IRP,
} from "@wskit/core";
import { openDatagramSocket, type DatagramEngineChoice, type DatagramSocket, type WskDatagramIndication } from "@wskit/dgram";
import type { Receiver } from "../../../configs/receiveBench";

export async function localPort(socket: DatagramSocket): Promise<number> {
  const local = new SockAddr();
  await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, local, irp));
  return local.port;
}

// SO_RCVBUF, when given: the socket's queue bound and (where the kernel allows) its kernel buffer.
async function withReceiveBuffer(socket: DatagramSocket, bytes: number | undefined): Promise<void> {
  if (bytes === undefined) return;
  await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_RCVBUF, SOL_SOCKET, 4, bytes, 0, null, null, irp));
}

export async function eventReceiver(receiveBuffer?: number, engine: DatagramEngineChoice = "node"): Promise<Receiver> {
  let received = 0;
  const socket = await openDatagramSocket({
    engine,
    dispatch: {
      WskReceiveFromEvent: (_context, _flags, head: WskDatagramIndication | null) => {
        for (let d = head; d !== null; d = d.Next) received++;
        return STATUS_SUCCESS;
      },
    },
  });
  await withReceiveBuffer(socket, receiveBuffer);
  socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
  return { port: await localPort(socket), count: () => received, close: () => socket[Symbol.asyncDispose]() };
}

// `withSender`: each receive asks for the sender's address too (a SockAddr per IRP, reused), as
// rx's wskReceiveFrom does, so the two compare the same work.
export async function irpReceiver(outstanding = 8, receiveBuffer?: number, engine: DatagramEngineChoice = "node", withSender = false): Promise<Receiver> {
  const socket = await openDatagramSocket({ engine });
  await withReceiveBuffer(socket, receiveBuffer);
  const pool = createIrpPool(outstanding);
  const slots = Array.from({ length: outstanding }, () => ({ buffer: createWskBuf(new Uint8Array(2048)), sender: withSender ? new SockAddr(AF_INET6) : null }));
  let received = 0;
  let open = true;
  const post = (irp: IRP, slot: (typeof slots)[number]) => {
    IoSetCompletionRoutine(irp, routine, slot, true, true, true);
    socket.Dispatch.WskReceiveFrom(socket, slot.buffer, 0, slot.sender, null, null, null, irp);
  };
  const routine = (_device: null, irp: IRP, slot: (typeof slots)[number]) => {
    const ok = irp.IoStatus.Status === STATUS_SUCCESS;
    pool.free(irp);
    if (ok) received++;
    if (open && ok) post(pool.allocate(), slot);
    return STATUS_MORE_PROCESSING_REQUIRED;
  };
  for (const slot of slots) post(pool.allocate(), slot);
  return {
    port: await localPort(socket),
    count: () => received,
    close: async () => {
      open = false;
      await socket[Symbol.asyncDispose]();
    },
  };
}

/** True where the native engine loads (its rows are measured only there). */
export async function nativeAvailable(): Promise<boolean> {
  try {
    const socket = await openDatagramSocket({ engine: "native" });
    await socket[Symbol.asyncDispose]();
    return true;
  } catch {
    return false;
  }
}
