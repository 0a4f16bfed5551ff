// TCP receive against raw node:net in the same run, the sender in a child process:
// - 64 KiB writes: WskReceive into caller buffers vs raw 'data' events and raw onread (MiB/s);
// - 100-byte messages: WSK_FLAG_WAITALL framing vs a hand-written 'data' framer (messages/s).
//
//   pnpm bench            (from packages/stream; turbo builds first: this measures dist/)
import type { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import {
  AF_INET,
  createIrpPool,
  createWskBuf,
  IoSetCompletionRoutine,
  IPPROTO_TCP,
  registerWskClient,
  runIrp,
  SOCK_STREAM,
  SockAddr,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_SUCCESS,
  WSK_FLAG_LISTEN_SOCKET,
  WSK_FLAG_WAITALL,
  type IRP,
  type WskBuf,
} from "@wskit/core";
import type { ConnectionSocket, ListenSocket } from "@wskit/stream";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { measure, rawTcpServer, tcpSender, trialOrder, type Receiver } from "../../../configs/receiveBench";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const TRIALS = 5;
const wsk = registerWskClient();

const rawData = () => rawTcpServer((socket, add) => socket.on("data", (chunk: Buffer) => add(chunk.byteLength)));

function rawOnread(): Promise<Receiver> {
  let add: (n: number) => void = () => {};
  const buffer = Buffer.alloc(64 * 1024);
  // net.Server takes onread for its connections only through the connect options; wrap the handle
  // as @wskit/stream does, so the baseline reads into one reused buffer.
  return rawTcpServer(
    (raw, count) => {
      add = count;
      const handle = (raw as unknown as { _handle: unknown })._handle;
      (raw as unknown as { _handle: unknown })._handle = null;
      raw.destroy();
      const options = { handle, onread: { buffer, callback: (n: number) => add(n) } };
      const socket = new (raw.constructor as typeof Socket)(options as ConstructorParameters<typeof Socket>[0]);
      socket.on("error", () => {});
      socket.resume();
    },
    { pauseOnConnect: true },
  );
}

const rawFramer = () =>
  rawTcpServer((socket, add) => {
    // The hand-written framer a Node user writes: cut 100-byte messages out of 'data' chunks.
    let pending: Buffer | null = null;
    socket.on("data", (chunk: Buffer) => {
      let data = pending === null ? chunk : Buffer.concat([pending, chunk]);
      let messages = 0;
      while (data.byteLength >= 100) {
        const message = data.subarray(0, 100);
        void message;
        data = data.subarray(100);
        messages++;
      }
      pending = data.byteLength > 0 ? data : null;
      add(messages);
    });
  });

/** A wskit listening socket whose accepted connection runs a loop of reposted WskReceive IRPs. */
async function wskitReceiver(size: number, flags: number, outstanding: number, perCompletion: (bytes: number) => number): Promise<Receiver> {
  const { Client, Dispatch } = wsk.npi;
  const made = await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET, null, null, null, null, null, irp));
  const listener = made.Information as ListenSocket;
  await runIrp((irp) => listener.Dispatch.WskBind(listener, SockAddr.loopback(AF_INET, 0), 0, irp));
  const local = new SockAddr();
  await runIrp((irp) => listener.Dispatch.WskGetLocalAddress(listener, local, irp));
  let counted = 0;
  let connection: ConnectionSocket | undefined;
  let open = true;
  const pool = createIrpPool(outstanding);
  const routine = (_device: null, irp: IRP, buffer: WskBuf) => {
    const { Status, Information } = irp.IoStatus;
    pool.free(irp);
    if (Status === STATUS_SUCCESS && (Information as number) > 0) {
      counted += perCompletion(Information as number);
      if (open) post(buffer);
    }
    return STATUS_MORE_PROCESSING_REQUIRED;
  };
  const post = (buffer: WskBuf) => {
    const irp = pool.allocate();
    IoSetCompletionRoutine(irp, routine, buffer, true, true, true);
    (connection as ConnectionSocket).Dispatch.WskReceive(connection as ConnectionSocket, buffer, flags, irp);
  };
  void runIrp((irp) => listener.Dispatch.WskAccept(listener, 0, null, null, null, null, irp)).then(({ Information }) => {
    connection = Information as ConnectionSocket;
    for (let i = 0; i < outstanding; i++) post(createWskBuf(new Uint8Array(size)));
  });
  return {
    port: local.port,
    count: () => counted,
    close: async () => {
      open = false;
      await connection?.[Symbol.asyncDispose]();
      await listener[Symbol.asyncDispose]();
    },
  };
}

const MiB = 1024 * 1024;
const runs: Record<string, number[]> = {};
const cpu: Record<string, number[]> = {};
const paths: Array<[string, () => Promise<Receiver>, "bulk" | "frames", number]> = [
  ["data", rawData, "bulk", MiB],
  ["onread", rawOnread, "bulk", MiB],
  ["wskit", () => wskitReceiver(64 * 1024, 0, 2, (bytes) => bytes), "bulk", MiB],
  ["framer", rawFramer, "frames", 1],
  ["waitall", () => wskitReceiver(100, WSK_FLAG_WAITALL, 1, () => 1), "frames", 1],
];
for (let trial = 0; trial < TRIALS; trial++) {
  for (const [key, open, mode, unit] of trialOrder(paths, trial)) {
    const run = await measure(open, tcpSender(mode));
    (runs[key] ??= []).push(run.perSecond / unit);
    // CPU per unit too: when the sender is what limits the rate, the receiver's cost shows here.
    (cpu[key] ??= []).push(run.cpuMicros * unit);
  }
}
const m = (key: string) => median(runs[key] ?? []);
const c = (key: string) => median(cpu[key] ?? []);
const results: BenchResult[] = [
  result("tcp receive, 64 KiB writes: raw node:net 'data'", "MiB/s", m("data")),
  result("tcp receive, 64 KiB writes: raw node:net onread (one reused buffer)", "MiB/s", m("onread")),
  result("tcp receive, 64 KiB writes: WskReceive into caller buffers (2 outstanding) vs 'data'", "MiB/s", m("wskit"), m("data")),
  result("tcp receive, 64 KiB writes: WskReceive into caller buffers (2 outstanding) vs onread", "MiB/s", m("wskit"), m("onread")),
  result("tcp receive, 64 KiB writes: raw node:net 'data'", "receiver CPU µs/MiB (lower is better)", c("data")),
  result("tcp receive, 64 KiB writes: WskReceive into caller buffers (2 outstanding) vs 'data'", "receiver CPU µs/MiB (lower is better)", c("wskit"), c("data")),
  result("100-byte messages: hand-written 'data' framer", "messages/s", m("framer")),
  result("100-byte messages: WSK_FLAG_WAITALL receives (one reposted IRP) vs the framer", "messages/s", m("waitall"), m("framer")),
];
writeResults(packageDir, results);
await wsk.close();
process.exit(0);
