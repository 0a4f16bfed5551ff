// Connections on the test network and their impairments, on the virtual clock, with exact
// expectations under a fixed seed. One end is a plain node:net-shaped peer (network.net), the
// other @wskit/stream's own socket where its statuses matter.
import { afterEach, describe, expect, test } from "vitest";
import { connect, disconnect, getStreamCounters, receive, send, type ConnectionSocket } from "@wskit/stream";
import { createTestNetwork, type Impairments, type TestNetwork } from "../../../src/index";

let network: TestNetwork;
const clients: ConnectionSocket[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client[Symbol.asyncDispose]();
  await network?.close();
});

interface Peer {
  chunks: Array<{ at: number; bytes: Buffer }>;
  events: string[];
  socket: ReturnType<TestNetwork["net"]["connect"]>;
}

// A raw server on 10.0.0.2:7000 whose one connection records what it reads and what happens to it.
async function rawServer(options: { allowHalfOpen?: boolean } = {}): Promise<{ accepted: Promise<Peer> }> {
  const server = network.net.createServer(options);
  await new Promise<void>((resolve) => {
    server.listen(7000, "10.0.0.2", resolve);
    void network.advance(0);
  });
  const accepted = new Promise<Peer>((resolve) =>
    server.once("connection", (socket) => {
      const peer: Peer = { chunks: [], events: [], socket };
      socket.on("data", (bytes: Buffer) => peer.chunks.push({ at: network.now(), bytes }));
      socket.on("end", () => peer.events.push(`end@${network.now()}`));
      socket.on("error", (error: NodeJS.ErrnoException) => peer.events.push(`error ${error.code}@${network.now()}`));
      socket.on("close", () => peer.events.push("close"));
      resolve(peer);
    }),
  );
  return { accepted };
}

async function setUp(impairments: Impairments = {}, seed = 1): Promise<{ client: ConnectionSocket; peer: Peer }> {
  network = createTestNetwork({ seed, hosts: ["10.0.0.1", "10.0.0.2"] });
  const { accepted } = await rawServer();
  network.link("10.0.0.1", "10.0.0.2").impair(impairments);
  let client: ConnectionSocket | null = null;
  const connecting = connect("10.0.0.2:7000", { network, localAddress: "10.0.0.1:0", disposeTimeout: 0 }).then((made) => (client = made));
  // The handshake crosses the impaired link too: time moves until it is done.
  while (client === null) await network.advance(1);
  await connecting;
  clients.push(client);
  return { client, peer: await accepted };
}

const pattern = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff);
const joined = (peer: Peer) => Buffer.concat(peer.chunks.map((chunk) => chunk.bytes));

describe("connections", () => {
  test("a connect takes a round trip of the links' delays; bytes take their link's delay", async () => {
    network = createTestNetwork({ hosts: ["10.0.0.1", "10.0.0.2"] });
    const { accepted } = await rawServer();
    network.impair({ delay: 10 });
    let connected = false;
    const connecting = connect("10.0.0.2:7000", { network, localAddress: "10.0.0.1:0", disposeTimeout: 0 }).then((socket) => ((connected = true), socket));
    await network.advance(19.9);
    expect(connected).toBe(false);
    await network.advance(0.1);
    const client = await connecting;
    expect(network.now()).toBe(20);
    const peer = await accepted;
    void send(client, "hello");
    await network.advance(10);
    expect(joined(peer).toString()).toBe("hello");
    expect(peer.chunks[0]?.at).toBe(30);
    expect(network.link("10.0.0.1", "10.0.0.2").counters.tcp).toMatchObject({ connections: 1, segments: 1, bytes: 5 });
    await client[Symbol.asyncDispose]();
  });

  test("network.net checks its arguments as node:net does", () => {
    network = createTestNetwork();
    expect(() => network.net.connect(0)).toThrow(expect.objectContaining({ code: "ERR_SOCKET_BAD_PORT" }));
    expect(() => network.net.connect(70_000)).toThrow(expect.objectContaining({ code: "ERR_SOCKET_BAD_PORT" }));
    expect(() => network.net.connect({ port: 80, host: 5 as never })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => network.net.connect(null as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => network.net.createServer().listen(-1)).toThrow(expect.objectContaining({ code: "ERR_SOCKET_BAD_PORT" }));
    expect(() => network.net.createServer().listen({ port: 1.5 })).toThrow(expect.objectContaining({ code: "ERR_SOCKET_BAD_PORT" }));
  });

  test("half-close: the peer's end arrives after its data, and this side still sends and receives", async () => {
    const { client, peer } = await setUp();
    const reply = receive(client, 5);
    peer.socket.end("bye");
    await network.advance(0);
    expect(new TextDecoder().decode(await reply)).toBe("bye");
    void send(client, "still");
    await network.advance(0);
    expect(joined(peer).toString()).toBe("still");
    await client[Symbol.asyncDispose]();
  });

  test("loss costs retransmissions, never bytes: the stream arrives whole and in order, later", async () => {
    const { client, peer } = await setUp({ loss: 0.3 });
    const data = pattern(200_000);
    void send(client, data);
    const took = await network.runUntilIdle();
    expect(Buffer.compare(joined(peer), Buffer.from(data))).toBe(0);
    const { retransmits } = network.link("10.0.0.1", "10.0.0.2").counters.tcp;
    expect(retransmits).toBe(RETRANSMITS_SEED_1);
    expect(took).toBeGreaterThanOrEqual(200);
    await client[Symbol.asyncDispose]();
  });

  test("a partition holds the bytes back; healed, they arrive whole", async () => {
    const { client, peer } = await setUp();
    network.partition("10.0.0.1", "10.0.0.2");
    void send(client, pattern(1000));
    await network.advance(5000);
    expect(peer.chunks).toHaveLength(0);
    network.heal();
    await network.advance(0);
    expect(Buffer.compare(joined(peer), Buffer.from(pattern(1000)))).toBe(0);
    await client[Symbol.asyncDispose]();
  });
});

describe("connection impairments", () => {
  test("slicer: one write arrives as segments of averageSize ± sizeVariation, `delay` apart, intact", async () => {
    const { client, peer } = await setUp({ slicer: { averageSize: 10, sizeVariation: 5, delay: 1 } });
    void send(client, pattern(1000));
    await network.runUntilIdle();
    const sizes = peer.chunks.map((chunk) => chunk.bytes.byteLength);
    expect(Buffer.compare(joined(peer), Buffer.from(pattern(1000)))).toBe(0);
    for (const size of sizes) {
      expect(size).toBeGreaterThanOrEqual(5);
      expect(size).toBeLessThanOrEqual(15);
    }
    expect(sizes.slice(0, 12)).toEqual(SLICES_SEED_1);
    const times = peer.chunks.map((chunk) => chunk.at);
    expect(times.slice(1).every((at, i) => at - (times[i] as number) === 1)).toBe(true);
    await client[Symbol.asyncDispose]();
  });

  test("resetAfter: exactly that many bytes cross, then both ends are reset", async () => {
    const { client, peer } = await setUp({ resetAfter: 100 });
    const sending = send(client, pattern(1000)).catch((error: { code?: string }) => error.code);
    const receiving = receive(client, 10).catch((error: { code?: string }) => error.code);
    await network.runUntilIdle();
    expect(joined(peer).byteLength).toBe(100);
    expect(peer.events.filter((event) => event.startsWith("error"))).toEqual([`error ECONNRESET@${network.now()}`]);
    expect(await receiving).toBe("STATUS_CONNECTION_RESET");
    // The kernel took the whole write before the reset: the send completed with all its bytes.
    expect(await sending).toBe(1000);
    expect(network.link("10.0.0.1", "10.0.0.2").counters.tcp.resets).toBe(1);
    await client[Symbol.asyncDispose]();
  });

  test("resetAt: the connection is reset at that time after it was made", async () => {
    const { client, peer } = await setUp({ resetAt: 250 });
    const receiving = receive(client, 10).catch((error: { code?: string }) => error.code);
    const madeAt = network.now();
    await network.advance(249 - madeAt);
    expect(peer.events).toEqual([]);
    await network.advance(1);
    expect(peer.events[0]).toBe("error ECONNRESET@250");
    expect(await receiving).toBe("STATUS_CONNECTION_RESET");
    await client[Symbol.asyncDispose]();
  });

  test("limitData: that many bytes, then the connection closes (a FIN each way)", async () => {
    const { client, peer } = await setUp({ limitData: 300 });
    const ended = receive(client, 10);
    void send(client, pattern(1000)).catch(() => {});
    await network.runUntilIdle();
    expect(Buffer.compare(joined(peer), Buffer.from(pattern(300)))).toBe(0);
    expect(peer.events[0]).toBe(`end@${network.now()}`);
    // The peer's FIN: a receive completes with no bytes.
    expect((await ended).byteLength).toBe(0);
    expect(network.link("10.0.0.1", "10.0.0.2").counters.tcp.limited).toBe(1);
    await client[Symbol.asyncDispose]();
  });

  test("slowClose: the FIN arrives that much after the data", async () => {
    const { client, peer } = await setUp({ slowClose: 300 });
    void send(client, "last words");
    void disconnect(client);
    const finAt = network.now();
    await network.advance(299);
    expect(joined(peer).toString()).toBe("last words");
    expect(peer.events).toEqual([]);
    await network.advance(1);
    expect(peer.events[0]).toBe(`end@${finAt + 300}`);
    await client[Symbol.asyncDispose]();
  });

  test("stopReading: the reader's window fills, the sender is held back (WskSend pending), nothing is lost", async () => {
    const { client, peer } = await setUp({ stopReading: true });
    const data = pattern(4 * 1024 * 1024);
    let sent = false;
    const sending = send(client, data).then(() => (sent = true));
    await network.advance(1000);
    expect(peer.chunks).toHaveLength(0);
    expect(sent).toBe(false);
    network.link("10.0.0.1", "10.0.0.2").impair({ stopReading: false });
    await network.runUntilIdle();
    await sending;
    expect(Buffer.compare(joined(peer), Buffer.from(data))).toBe(0);
    expect(getStreamCounters(client).bytesSent).toBe(data.byteLength);
    await client[Symbol.asyncDispose]();
  });

  test("the same seed slices the same way; another seed does not", async () => {
    const slices = async (seed: number) => {
      const { client, peer } = await setUp({ slicer: { averageSize: 8, sizeVariation: 7 } }, seed);
      void send(client, pattern(2000));
      await network.runUntilIdle();
      await client[Symbol.asyncDispose]();
      await network.close();
      return peer.chunks.map((chunk) => chunk.bytes.byteLength);
    };
    const first = await slices(9);
    expect(await slices(9)).toEqual(first);
    expect(await slices(10)).not.toEqual(first);
  });
});

// Pinned under seed 1 (see the file's header).
const RETRANSMITS_SEED_1 = 4;
const SLICES_SEED_1 = [14, 8, 5, 8, 6, 7, 13, 15, 6, 8, 7, 15];
