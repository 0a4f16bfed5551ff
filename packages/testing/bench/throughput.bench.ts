// Datagrams per second through the test network with no impairments, on the virtual clock: what
// it costs a user's test suite. A sender posts WskSendMessages of 64 × 64 B (one pooled IRP),
// a receiver counts WskReceiveFromEvent indications; the same program over real loopback (the
// default engine) runs in the same process, rounds interleaved, as the baseline.
//
//   pnpm bench            (from packages/testing; turbo builds first: this measures dist/)
import { fileURLToPath } from "node:url";
import {
  createWskBuf,
  IoAllocateIrp,
  IoReuseIrp,
  IoSetCompletionRoutine,
  SO_WSK_EVENT_CALLBACK,
  SockAddr,
  SOL_SOCKET,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_SUCCESS,
  WSK_EVENT_RECEIVE_FROM,
  WskSetOption,
  type IRP,
} from "@wskit/core";
import { openDatagramSocket, type WSK_BUF_LIST, type WskDatagramIndication } from "@wskit/dgram";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { trialOrder } from "../../../configs/receiveBench";
import { localPort } from "../../dgram/bench/receivers";
import { createTestNetwork, type TestNetwork } from "@wskit/testing";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 15;
const BATCH = 64;
const TOTAL = 200_000;
const SIZE = 64;

// One trial: TOTAL datagrams, sent in lists of BATCH with one IRP reposted from its completion; the
// time from the first send to the last datagram counted.
async function trial(network: TestNetwork | undefined): Promise<number> {
  let received = 0;
  const receiver = await openDatagramSocket({
    ...(network === undefined ? { receiveBufferSize: 8 * 1024 * 1024 } : { network }),
    dispatch: {
      WskReceiveFromEvent: (_context, _flags, head: WskDatagramIndication | null) => {
        for (let d = head; d !== null; d = d.Next) received++;
        return STATUS_SUCCESS;
      },
    },
  });
  receiver.Dispatch.WskControlSocket(receiver, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
  const sender = await openDatagramSocket(network === undefined ? {} : { network });
  const to = SockAddr.loopback(2, await localPort(receiver));
  let list: WSK_BUF_LIST | null = null;
  for (let i = 0; i < BATCH; i++) list = { Next: list, Buffer: createWskBuf(new Uint8Array(SIZE)) };
  const irp: IRP = IoAllocateIrp(1, false);
  let sent = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const post = () => {
    IoReuseIrp(irp, STATUS_SUCCESS);
    IoSetCompletionRoutine(irp, routine, null, true, true, true);
    sender.Dispatch.WskSendMessages(sender, list, 0, to, 0, null, irp);
  };
  const routine = () => {
    sent += BATCH;
    if (sent < TOTAL) {
      // Real loopback: let the receiver drain between lists, as a kernel buffer would need.
      if (network === undefined && sent % (BATCH * 16) === 0) setImmediate(post);
      else post();
    } else finish();
    return STATUS_MORE_PROCESSING_REQUIRED;
  };
  const started = performance.now();
  post();
  await done;
  for (let i = 0; i < 100_000 && received < TOTAL * 0.99; i++) await new Promise((resolve) => setImmediate(resolve));
  const seconds = (performance.now() - started) / 1000;
  const got = received;
  await sender[Symbol.asyncDispose]();
  await receiver[Symbol.asyncDispose]();
  return got / seconds;
}

const paths: Array<[string, () => Promise<number>]> = [
  [
    "network",
    async () => {
      await using network = createTestNetwork({ seed: 1, clock: "virtual" });
      return await trial(network);
    },
  ],
  ["loopback", () => trial(undefined)],
];
const rates = new Map<string, number[]>(paths.map(([key]) => [key, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [key, run] of trialOrder(paths, round)) rates.get(key)?.push(await run());
}
const loopback = median(rates.get("loopback") ?? []);
const results: BenchResult[] = [
  result("test network, no impairments, virtual clock: WskSendMessages 64 × 64 B → WskReceiveFromEvent", "datagrams/s (higher is better)", median(rates.get("network") ?? []), loopback),
  result("real loopback (default engine), same program", "datagrams/s (higher is better)", loopback),
];
writeResults(packageDir, results);
process.exit(0);
