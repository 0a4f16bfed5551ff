// Each impairment with exact expectations under a fixed seed (counts pinned: a change to the draws
// shows here), within the bounds its parameters give.
import { afterEach, describe, expect, test } from "vitest";
import { STATUS_SUCCESS, createWskBuf, runIrp } from "@wskit/core";
import { openDatagramSocket, type DatagramSocket, type WSK_BUF_LIST } from "@wskit/dgram";
import { createTestNetwork, type Impairments, type TestNetwork } from "../src/index";
import { numbered, receiver, sendNumbered, sequenceOf, type Receiver } from "./helpers/endpoints";

let network: TestNetwork;
let end: Receiver;
let sender: DatagramSocket;

async function setUp(impairments: Impairments, seed = 1): Promise<void> {
  network = createTestNetwork({ seed });
  network.impair(impairments);
  end = await receiver(network);
  sender = await openDatagramSocket({ network });
}

afterEach(async () => {
  await sender?.[Symbol.asyncDispose]();
  await end?.socket[Symbol.asyncDispose]();
  await network?.close();
});

// `count` numbered datagrams in lists of 64 (WskSendMessages), then the network run until idle.
async function blast(count: number, size = 16): Promise<void> {
  for (let first = 0; first < count; first += 64) {
    let list: WSK_BUF_LIST | null = null;
    for (let i = Math.min(count, first + 64) - 1; i >= first; i--) list = { Next: list, Buffer: createWskBuf(numbered(i, size)) };
    const sent = await runIrp((irp) => sender.Dispatch.WskSendMessages(sender, list, 0, end.address, 0, null, irp));
    expect(sent.Status).toBe(STATUS_SUCCESS);
  }
  await network.runUntilIdle();
}

const sequences = () => end.received.map((d) => sequenceOf(d.bytes));
const link = () => network.link("127.0.0.1", "127.0.0.1").counters;

describe("loss", () => {
  test("independent loss of 10 % over 100,000 datagrams", async () => {
    await setUp({ loss: 0.1 });
    await blast(100_000);
    const counters = link();
    expect(counters.sent).toBe(100_000);
    expect(counters.dropped.loss + counters.delivered).toBe(100_000);
    expect(counters.dropped.loss / 100_000).toBeGreaterThan(0.097);
    expect(counters.dropped.loss / 100_000).toBeLessThan(0.103);
    expect(counters.dropped.loss).toBe(LOSS_SEED_1);
    expect(end.received).toHaveLength(counters.delivered);
  });

  test("Gilbert-Elliott bursts: the long-run rate and the mean burst length its p and r give", async () => {
    // p = 0.02, r = 0.25: loss rate p / (p + r) = 7.41 %, bursts of 1 / r = 4 datagrams on average.
    await setUp({ loss: { p: 0.02, r: 0.25 } });
    await blast(100_000);
    const delivered = new Set(sequences());
    const bursts: number[] = [];
    let run = 0;
    for (let i = 0; i < 100_000; i++) {
      if (!delivered.has(i)) run++;
      else if (run > 0) {
        bursts.push(run);
        run = 0;
      }
    }
    const lost = 100_000 - delivered.size;
    expect(lost).toBe(link().dropped.loss);
    expect(lost / 100_000).toBeGreaterThan(0.065);
    expect(lost / 100_000).toBeLessThan(0.083);
    const meanBurst = bursts.reduce((sum, length) => sum + length, 0) / bursts.length;
    expect(meanBurst).toBeGreaterThan(3.6);
    expect(meanBurst).toBeLessThan(4.4);
    expect(lost).toBe(BURST_LOSS_SEED_1);
  });
});

describe("delay, jitter and rate", () => {
  test("delay: nothing arrives before it has passed, everything at it", async () => {
    await setUp({ delay: 50 });
    await sendNumbered(network, sender, end.address, 10);
    await network.advance(49.9);
    expect(end.received).toHaveLength(0);
    await network.advance(0.1);
    expect(end.received.map((d) => d.at)).toEqual(new Array(10).fill(50));
  });

  test("jitter: arrivals spread within delay ± jitter, and datagrams overtake each other", async () => {
    await setUp({ delay: 20, jitter: 10 });
    await sendNumbered(network, sender, end.address, 200, { spacing: 1 });
    await network.runUntilIdle();
    expect(end.received).toHaveLength(200);
    for (const d of end.received) {
      const sentAt = sequenceOf(d.bytes);
      expect(d.at - sentAt).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(d.at - sentAt).toBeLessThanOrEqual(30 + 1e-9);
    }
    const order = sequences();
    const inversions = order.filter((sequence, i) => i > 0 && sequence < (order[i - 1] as number)).length;
    expect(inversions).toBe(JITTER_INVERSIONS_SEED_1);
    expect(inversions).toBeGreaterThan(20);
  });

  test("rate: each datagram takes its packet's size over the rate, in order", async () => {
    // 972 B of payload + 28 B of headers = 1,000 B at 64,000 B/s: 15.625 ms each.
    await setUp({ rate: 64_000 });
    await sendNumbered(network, sender, end.address, 64, { size: 972 });
    await network.runUntilIdle();
    expect(sequences()).toEqual([...Array(64).keys()]);
    expect(end.received.map((d) => d.at)).toEqual([...Array(64).keys()].map((i) => (i + 1) * 15.625));
  });

  test("queue limit: what the link cannot hold is dropped and counted", async () => {
    await setUp({ rate: 10_000, queueLimit: 10 });
    await sendNumbered(network, sender, end.address, 50);
    await network.runUntilIdle();
    expect(link()).toMatchObject({ sent: 50, delivered: 10, dropped: { queue: 40 } });
    expect(sequences()).toEqual([...Array(10).keys()]);
  });
});

describe("reordering, duplication, corruption", () => {
  test("reorder: a held-back datagram arrives after the next `gap`", async () => {
    await setUp({ reorder: { probability: 0.2, gap: 2 } });
    await blast(10_000);
    const counters = link();
    expect(counters.delivered).toBe(10_000);
    expect(counters.reordered / 10_000).toBeGreaterThan(0.15);
    expect(counters.reordered / 10_000).toBeLessThan(0.25);
    expect(counters.reordered).toBe(REORDERED_SEED_1);
    expect(new Set(sequences()).size).toBe(10_000);
    // Exactly the held-back ones arrive after a later datagram; the others keep their order.
    let highest = -1;
    let overtaken = 0;
    for (const sequence of sequences()) {
      if (sequence < highest) overtaken++;
      highest = Math.max(highest, sequence);
    }
    expect(overtaken).toBe(counters.reordered);
  });

  test("duplicate: copies are delivered on top, and counted", async () => {
    await setUp({ duplicate: 0.1 });
    await blast(10_000);
    const counters = link();
    expect(counters.delivered).toBe(10_000 + counters.duplicated);
    expect(counters.duplicated).toBe(DUPLICATED_SEED_1);
    expect(counters.duplicated / 10_000).toBeGreaterThan(0.09);
    expect(counters.duplicated / 10_000).toBeLessThan(0.11);
    const seen = new Map<number, number>();
    for (const sequence of sequences()) seen.set(sequence, (seen.get(sequence) ?? 0) + 1);
    expect([...seen.values()].filter((n) => n === 2)).toHaveLength(counters.duplicated);
  });

  test("corrupt: exactly one bit flipped in each corrupted datagram", async () => {
    await setUp({ corrupt: 0.05 });
    await blast(10_000, 64);
    const counters = link();
    let changed = 0;
    for (const d of end.received) {
      // Every byte was 0xab but the 4-byte sequence: count the flipped bits past it.
      let bits = 0;
      for (let i = 4; i < d.bytes.length; i++) for (let x = (d.bytes[i] as number) ^ 0xab; x !== 0; x &= x - 1) bits++;
      if (bits > 0) changed++;
      expect(bits).toBeLessThanOrEqual(1);
    }
    // A flip in the sequence number itself is not seen by the count above.
    expect(changed).toBeLessThanOrEqual(counters.corrupted);
    expect(counters.corrupted - changed).toBeLessThan(counters.corrupted * 0.15);
    expect(counters.corrupted).toBe(CORRUPTED_SEED_1);
  });
});

describe("MTU and partitions", () => {
  test("MTU: a packet larger than it is dropped and counted, one that fits passes", async () => {
    await setUp({ mtu: 1280 });
    await sendNumbered(network, sender, end.address, 1, { size: 1252 });
    await sendNumbered(network, sender, end.address, 1, { size: 1253 });
    await network.runUntilIdle();
    expect(end.received.map((d) => d.bytes.length)).toEqual([1252]);
    expect(link().dropped.mtu).toBe(1);
  });

  test("partition drops both directions until healed; a link's own settings are its direction only", async () => {
    network = createTestNetwork({ hosts: ["10.0.0.1", "10.0.0.2"] });
    const a = await receiver(network, "10.0.0.1:0");
    const b = await receiver(network, "10.0.0.2:0");
    const send = async (from: Receiver, to: Receiver, text: string) => {
      const { sendTo } = await import("@wskit/dgram");
      await sendTo(from.socket, text, to.address);
    };
    network.partition("10.0.0.1", "10.0.0.2");
    await send(a, b, "lost a→b");
    await send(b, a, "lost b→a");
    await network.runUntilIdle();
    network.heal();
    network.link("10.0.0.1", "10.0.0.2").impair({ delay: 5 });
    await send(a, b, "a→b");
    await send(b, a, "b→a");
    await network.advance(0);
    expect(a.received.map((d) => new TextDecoder().decode(d.bytes))).toEqual(["b→a"]);
    expect(b.received).toHaveLength(0);
    await network.advance(5);
    expect(b.received.map((d) => new TextDecoder().decode(d.bytes))).toEqual(["a→b"]);
    expect(network.counters().dropped.partition).toBe(2);
    await a.socket[Symbol.asyncDispose]();
    await b.socket[Symbol.asyncDispose]();
  });
});

describe("settings", () => {
  test("a bad setting is refused whole, before any field of it applies", async () => {
    network = createTestNetwork();
    const l = network.link("127.0.0.1", "127.0.0.1");
    l.impair({ delay: 5 });
    expect(() => l.impair({ delay: 7, dealy: 5 } as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    expect(() => l.impair({ delay: 7, loss: 2 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => l.impair({ delay: 7, loss: "x" as never })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => l.impair({ delay: 7, loss: { p: 0.1 } as never })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => l.impair({ delay: 7, mtu: 1e6 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => l.impair({ delay: 7, reorder: { probability: 0.1, gap: 0 } })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => l.impair({ delay: Number.NaN })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => l.impair(null as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    const hostile = Object.defineProperty({ delay: 7 }, "loss", {
      enumerable: true,
      get() {
        throw new Error("hostile");
      },
    });
    expect(() => l.impair(hostile as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    expect(l.impairments).toEqual({ delay: 5 });
    // undefined puts a field back to the network's default.
    network.impair({ delay: 1, loss: 0.5 });
    l.impair({ delay: undefined });
    expect(l.impairments).toEqual({ delay: 1, loss: 0.5 });
    expect(l.reset().impairments).toEqual({ delay: 1, loss: 0.5 });
  });

  test("the same seed replays the same network; another seed does not", async () => {
    const trace = async (seed: number) => {
      await setUp({ loss: 0.2, delay: 3, jitter: 2, duplicate: 0.05, reorder: 0.1 }, seed);
      const capture = network.capture();
      await sendNumbered(network, sender, end.address, 300, { spacing: 0.5 });
      await network.runUntilIdle();
      capture.stop();
      const result = capture.datagrams.map((d) => `${d.point} ${d.time.toFixed(6)} ${sequenceOf(d.payload)} ${d.dropped ?? ""}`);
      await sender[Symbol.asyncDispose]();
      await end.socket[Symbol.asyncDispose]();
      await network.close();
      return result;
    };
    const first = await trace(42);
    const again = await trace(42);
    const other = await trace(43);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(first.length).toBeGreaterThan(300);
  });
});

// Pinned under seed 1 (see the file's header).
const LOSS_SEED_1 = 10_054;
const BURST_LOSS_SEED_1 = 7214;
const JITTER_INVERSIONS_SEED_1 = 92;
const REORDERED_SEED_1 = 2019;
const DUPLICATED_SEED_1 = 1060;
const CORRUPTED_SEED_1 = 539;
