// 1,000 concurrent connects to a listening socket (issue 11, SPEC §7: the listen backlog, default
// 511): how many reach WskAccept, against a raw node:net server with Node's default backlog in the
// same run. The connects are all issued in one turn, before the listener's accept loop runs.
// Adds its rows to bench/results.json after receive.bench.ts.
//
//   pnpm bench            (from packages/stream; turbo builds first: this measures dist/)
import { connect, createServer, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { listen } from "@wskit/stream";
import { median, result, writeResults } from "../../../configs/bench";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const CONNECTS = 1000;
const TRIALS = 3;
const SECTION = "accept: ";
const QUIET_MS = 500;

/** Opens CONNECTS connections at once; resolves when each has connected or failed. */
function storm(port: number): { peers: Socket[]; settled: Promise<number> } {
  const peers: Socket[] = [];
  const outcomes: Array<Promise<boolean>> = [];
  for (let i = 0; i < CONNECTS; i++) {
    const peer = connect(port, "127.0.0.1");
    peers.push(peer);
    outcomes.push(new Promise((resolve) => {
      peer.once("connect", () => resolve(true));
      peer.once("error", () => resolve(false));
    }));
  }
  return { peers, settled: Promise.all(outcomes).then((all) => all.filter(Boolean).length) };
}

async function countUntilQuiet(count: () => number): Promise<number> {
  let last = -1;
  while (count() !== last) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  }
  return last;
}

async function wskitAccepted(): Promise<number> {
  const server = await listen("127.0.0.1:0");
  let accepted = 0;
  const closing: Array<Promise<void>> = [];
  const loop = (async () => {
    for await (const connection of server.connections()) {
      accepted++;
      closing.push(connection[Symbol.asyncDispose]());
    }
  })();
  const { peers, settled } = storm(server.address.port);
  await settled;
  const total = await countUntilQuiet(() => accepted);
  for (const peer of peers) peer.on("error", () => {}).destroy();
  await server[Symbol.asyncDispose]();
  await loop.catch(() => {});
  await Promise.all(closing);
  return total;
}

async function rawAccepted(): Promise<number> {
  let accepted = 0;
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    accepted++;
    socket.on("error", () => {});
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { peers, settled } = storm((server.address() as { port: number }).port);
  await settled;
  const total = await countUntilQuiet(() => accepted);
  for (const peer of peers) peer.on("error", () => {}).destroy();
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return total;
}

const wskit: number[] = [];
const raw: number[] = [];
for (let trial = 0; trial < TRIALS; trial++) {
  if (trial % 2 === 0) {
    wskit.push(await wskitAccepted());
    raw.push(await rawAccepted());
  } else {
    raw.push(await rawAccepted());
    wskit.push(await wskitAccepted());
  }
}
console.log(`accepted of ${CONNECTS}: wskit ${wskit.join(", ")}; raw node:net ${raw.join(", ")}`);
writeResults(packageDir, [result(`${SECTION}${CONNECTS} concurrent connects, default backlog`, "connections accepted", median(wskit), median(raw))], SECTION);
process.exit(0);
