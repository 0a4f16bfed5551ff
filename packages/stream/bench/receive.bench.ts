// TCP receive against raw node:net in the same run, the sender in a child process:
// - 64 KiB writes: WskReceive into caller buffers vs raw 'data' events and raw onread (MiB/s);
// - 100-byte messages: WSK_FLAG_WAITALL framing vs a hand-written 'data' framer (messages/s).
//
//   pnpm bench            (from packages/stream; turbo builds first: this measures dist/)
import { fork } from "node:child_process";
import { createServer, type Socket } from "node:net";
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

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const senderScript = fileURLToPath(new URL("../../../configs/tcpSender.mjs", import.meta.url));
const TRIALS = 5;
const WARMUP_MS = 400;
const WINDOW_MS = 1500;
const wsk = registerWskClient();

interface Receiver {
  port: number;
  /** Bytes or messages received so far. */
  count(): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rawServer(onConnection: (socket: Socket, add: (n: number) => void) => void, options = {}): Promise<Receiver> {
  let counted = 0;
  const sockets: Socket[] = [];
  const server = createServer(options, (socket) => {
    sockets.push(socket);
    socket.on("error", () => {});
    onConnection(socket, (n) => (counted += n));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    count: () => counted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const rawData = () => rawServer((socket, add) => socket.on("data", (chunk: Buffer) => add(chunk.byteLength)));

function rawOnread(): Promise<Receiver> {
  let add: (n: number) => void = () => {};
  const buffer = Buffer.alloc(64 * 1024);
  // net.Server takes onread for its connections only through the connect options; wrap the handle
  // as @wskit/stream does, so the baseline reads into one reused buffer.
  return rawServer(
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
  rawServer((socket, add) => {
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

async function rate(open: () => Promise<Receiver>, mode: "bulk" | "frames"): Promise<number> {
  const receiver = await open();
  const child = fork(senderScript, [String(receiver.port), mode, String((WARMUP_MS + WINDOW_MS) / 1000 + 0.3)], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await sleep(WARMUP_MS);
  const before = receiver.count();
  const started = performance.now();
  await sleep(WINDOW_MS);
  const counted = receiver.count() - before;
  const seconds = (performance.now() - started) / 1000;
  await receiver.close();
  child.kill();
  await exited;
  return counted / seconds;
}

const MiB = 1024 * 1024;
const runs: Record<string, number[]> = { data: [], onread: [], wskit: [], framer: [], waitall: [] };
for (let trial = 0; trial < TRIALS; trial++) {
  runs.data?.push((await rate(rawData, "bulk")) / MiB);
  runs.onread?.push((await rate(rawOnread, "bulk")) / MiB);
  runs.wskit?.push((await rate(() => wskitReceiver(64 * 1024, 0, 2, (bytes) => bytes), "bulk")) / MiB);
  runs.framer?.push(await rate(rawFramer, "frames"));
  runs.waitall?.push(await rate(() => wskitReceiver(100, WSK_FLAG_WAITALL, 1, () => 1), "frames"));
}
const m = (key: string) => median(runs[key] ?? []);
const results: BenchResult[] = [
  result("tcp receive, 64 KiB writes: raw node:net 'data'", "MiB/s", m("data")),
  result("tcp receive, 64 KiB writes: raw node:net onread (one reused buffer)", "MiB/s", m("onread")),
  result("tcp receive, 64 KiB writes: WskReceive into caller buffers (2 outstanding) vs 'data'", "MiB/s", m("wskit"), m("data")),
  result("tcp receive, 64 KiB writes: WskReceive into caller buffers (2 outstanding) vs onread", "MiB/s", m("wskit"), m("onread")),
  result("100-byte messages: hand-written 'data' framer", "messages/s", m("framer")),
  result("100-byte messages: WSK_FLAG_WAITALL receives (one reposted IRP) vs the framer", "messages/s", m("waitall"), m("framer")),
];
writeResults(packageDir, results);
await wsk.close();
process.exit(0);
