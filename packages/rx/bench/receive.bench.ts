// The Observables of @wskit/rx against the raw callback paths and raw Node in the same run, the
// sender in a child process:
// - UDP, 64 B and 1200 B datagrams/s: datagramIndications (reading each datagram during next; and
//   retaining + releasing each), wskReceiveFrom (reposted IRPs), against the raw WskReceiveFromEvent
//   callback, which is measured against node:dgram 'message';
// - TCP, 64 KiB writes, MiB/s: connectionIndications, and it read through toByteStream (BYOB),
//   against the raw WskReceiveEvent callback, which is measured against node:net 'data';
// - the heap over 1 M datagrams through the Observables.
//
//   pnpm bench            (from packages/rx; turbo builds first: this measures dist/)
import { fileURLToPath } from "node:url";
import { runIrp, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, STATUS_SUCCESS, WSK_EVENT_RECEIVE, WskSetOption } from "@wskit/core";
import { listen, type ConnectionSocket, type WSK_CLIENT_CONNECTION_DISPATCH } from "@wskit/stream";
import { connectionIndications, toByteStream } from "@wskit/rx";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { heapOver, measure, rawTcpServer, rawUdpReceiver, tcpSender, trialOrder, udpSender, type Receiver } from "../../../configs/receiveBench";
import { callbackReceiver, indicationsPath, irpLoopPath, observableReceiver } from "./receivers";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const TRIALS = 7;

const paths = {
  raw: { label: "raw node:dgram 'message'", open: rawUdpReceiver },
  callback: { label: "raw WskReceiveFromEvent callback", open: callbackReceiver },
  observable: { label: "datagramIndications Observable", open: () => observableReceiver(indicationsPath, false) },
  retained: { label: "datagramIndications, retain + release each", open: () => observableReceiver(indicationsPath, true) },
  irpLoop: { label: "wskReceiveFrom Observable (8 pooled IRPs)", open: () => observableReceiver(irpLoopPath, false) },
} as const;
type Path = keyof typeof paths;

const results: BenchResult[] = [];
for (const size of [64, 1200]) {
  type Run = { perSecond: number; cpuMicros: number };
  const runs = Object.fromEntries(Object.keys(paths).map((key) => [key, [] as Run[]])) as Record<Path, Run[]>;
  for (let trial = 0; trial < TRIALS; trial++) {
    for (const key of trialOrder(Object.keys(paths) as Path[], trial)) runs[key].push(await measure(paths[key].open, udpSender(size)));
  }
  const perSecond = (key: Path) => median(runs[key].map((r) => r.perSecond));
  const cpu = (key: Path) => median(runs[key].map((r) => r.cpuMicros));
  // The Observables against the callback path (the goal); the two raw paths against node:dgram.
  const baselineOf = (key: Path): Path | null => (key === "raw" ? null : key === "callback" ? "raw" : "callback");
  for (const key of Object.keys(paths) as Path[]) {
    const base = baselineOf(key);
    const against = base === null ? "" : ` (baseline: ${paths[base].label})`;
    results.push(result(`udp receive ${size} B: ${paths[key].label}${against}`, "datagrams/s", perSecond(key), base === null ? null : perSecond(base)));
  }
  for (const key of Object.keys(paths) as Path[]) {
    const base = baselineOf(key);
    const against = base === null ? "" : ` (baseline: ${paths[base].label})`;
    results.push(result(`udp receive ${size} B: ${paths[key].label}${against}`, "receiver CPU µs/datagram (lower is better)", cpu(key), base === null ? null : cpu(base)));
  }
}

// TCP: one connection from the sender; each receiver counts bytes.
// A wskit listener whose first connection `use` consumes (accepted with `dispatch` as its client
// callbacks, as WskAccept takes them); `use` returns what to undo at close.
async function wskitTcpReceiver(
  use: (connection: ConnectionSocket, add: (n: number) => void) => () => void,
  dispatch: (add: (n: number) => void) => WSK_CLIENT_CONNECTION_DISPATCH | null = () => null,
): Promise<Receiver> {
  const listener = await listen("127.0.0.1:0");
  let received = 0;
  const add = (n: number) => (received += n);
  let connection: ConnectionSocket | undefined;
  let undo = () => {};
  const accepting = runIrp((irp) => listener.socket.Dispatch.WskAccept(listener.socket, 0, null, dispatch(add), null, null, irp)).then(({ Status, Information }) => {
    if (Status !== STATUS_SUCCESS) return;
    connection = Information as ConnectionSocket;
    undo = use(connection, add);
  });
  return {
    port: listener.address.port,
    count: () => received,
    close: async () => {
      undo();
      await connection?.[Symbol.asyncDispose]();
      await listener[Symbol.asyncDispose]();
      await accepting;
    },
  };
}

const tcpCallback = () =>
  wskitTcpReceiver(
    (connection) => {
      connection.Dispatch.WskControlSocket(connection, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE }, 0, null, null, null);
      return () => {};
    },
    (add) => ({
      WskReceiveEvent: (_context, _flags, _head, indicated) => {
        add(indicated);
        return STATUS_SUCCESS;
      },
    }),
  );
const tcpObservable = () =>
  wskitTcpReceiver((connection, add) => {
    const subscription = connectionIndications(connection).subscribe((indication) => add(indication.bytes.byteLength));
    return () => subscription.unsubscribe();
  });
const tcpByteStream = () =>
  wskitTcpReceiver((connection, add) => {
    const reader = toByteStream(connectionIndications(connection)).getReader({ mode: "byob" });
    void (async () => {
      let buffer = new Uint8Array(64 * 1024);
      for (;;) {
        const { value, done } = await reader.read(buffer).catch(() => ({ value: undefined, done: true }));
        if (done || value === undefined) break;
        add(value.byteLength);
        buffer = new Uint8Array(value.buffer);
      }
    })();
    return () => void reader.cancel().catch(() => {});
  });

const tcpPaths = {
  raw: { label: "raw node:net 'data'", open: () => rawTcpServer((socket, add) => socket.on("data", (chunk: Buffer) => add(chunk.byteLength))) },
  callback: { label: "raw WskReceiveEvent callback", open: tcpCallback },
  observable: { label: "connectionIndications Observable", open: tcpObservable },
  byteStream: { label: "connectionIndications through toByteStream (BYOB reads, one copy)", open: tcpByteStream },
} as const;
type TcpPath = keyof typeof tcpPaths;
const tcpRuns = Object.fromEntries(Object.keys(tcpPaths).map((key) => [key, [] as number[]])) as Record<TcpPath, number[]>;
for (let trial = 0; trial < TRIALS; trial++) {
  for (const key of trialOrder(Object.keys(tcpPaths) as TcpPath[], trial)) {
    tcpRuns[key].push((await measure(tcpPaths[key].open, tcpSender("bulk"))).perSecond / (1024 * 1024));
  }
}
for (const key of Object.keys(tcpPaths) as TcpPath[]) {
  const base: TcpPath | null = key === "raw" ? null : key === "callback" ? "raw" : "callback";
  const against = base === null ? "" : ` (baseline: ${tcpPaths[base].label})`;
  results.push(result(`tcp receive, 64 KiB writes: ${tcpPaths[key].label}${against}`, "MiB/s", median(tcpRuns[key]), base === null ? null : median(tcpRuns[base])));
}

results.push(result("heap growth over 1 M datagrams: datagramIndications Observable", "bytes", await heapOver(paths.observable.open, udpSender(64), 1_000_000)));
results.push(result("heap growth over 1 M datagrams: wskReceiveFrom Observable", "bytes", await heapOver(paths.irpLoop.open, udpSender(64), 1_000_000)));
writeResults(packageDir, results);
process.exit(0);
