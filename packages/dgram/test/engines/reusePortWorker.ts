// A worker thread of the reusePort test: opens a native socket on the shared port, counts what it
// receives until told to stop, and reports the count.
import { parentPort, workerData } from "node:worker_threads";
import { getDatagramCounters, openDatagramSocket, type WskDatagramIndication } from "../../src/index";
import { STATUS_SUCCESS, WSK_EVENT_RECEIVE_FROM, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET } from "@wskit/core";

const { port } = workerData as { port: number };
let received = 0;
const socket = await openDatagramSocket({
  address: `127.0.0.1:${port}`,
  reusePort: true,
  engine: "native",
  dispatch: {
    WskReceiveFromEvent: (_context, _flags, list: WskDatagramIndication | null) => {
      for (let item = list; item !== null; item = item.Next) received++;
      return STATUS_SUCCESS;
    },
  },
});
socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
parentPort?.postMessage({ ready: true, engine: getDatagramCounters(socket).engine });
parentPort?.on("message", async () => {
  parentPort?.postMessage({ received });
  await socket[Symbol.asyncDispose]();
  parentPort?.close();
});
