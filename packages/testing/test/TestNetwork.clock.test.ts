import { afterEach, describe, expect, test } from "vitest";
import { openDatagramSocket, sendTo } from "@wskit/dgram";
import { createTestNetwork, type TestNetwork } from "../src/index";
import { receiver } from "./helpers/endpoints";

let network: TestNetwork;
afterEach(async () => {
  await network?.close();
});

describe("the virtual clock", () => {
  test("timers run when the test advances past them, in order; a cleared one never", async () => {
    network = createTestNetwork();
    const ran: string[] = [];
    network.setTimeout(() => ran.push(`b@${network.now()}`), 20);
    network.setTimeout(() => ran.push(`a@${network.now()}`), 10);
    const cleared = network.setTimeout(() => ran.push("cleared"), 15);
    network.setTimeout(() => ran.push(`same@${network.now()}`), 10);
    network.clearTimeout(cleared);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ran).toEqual([]);
    await network.advance(10);
    expect(ran).toEqual(["a@10", "same@10"]);
    await network.advance(100);
    expect(ran).toEqual(["a@10", "same@10", "b@20"]);
    expect(network.now()).toBe(110);
    // A timer that ran, cleared again, leaves the events reused since alone.
    const late = network.setTimeout(() => ran.push("late"), 1);
    network.clearTimeout(cleared);
    network.clearTimeout(undefined);
    await network.advance(1);
    expect(ran.at(-1)).toBe("late");
    network.clearTimeout(late);
  });

  test("what timers start while time advances runs at its own time within the same advance", async () => {
    network = createTestNetwork();
    const at: number[] = [];
    const tick = () => {
      at.push(network.now());
      if (at.length < 5) network.setTimeout(tick, 7);
    };
    network.setTimeout(tick, 7);
    await network.advance(100);
    expect(at).toEqual([7, 14, 21, 28, 35]);
  });

  test("runUntilIdle runs to the last event and says how long that took; a timer that re-arms forever is an error", async () => {
    network = createTestNetwork();
    network.impair({ delay: 250 });
    const end = await receiver(network);
    await using sender = await openDatagramSocket({ network });
    await sendTo(sender, "x", end.address);
    expect(await network.runUntilIdle()).toBe(250);
    expect(end.received.map((d) => d.at)).toEqual([250]);
    const forever = () => void network.setTimeout(forever, 1000);
    forever();
    await expect(network.runUntilIdle({ limit: 60_000 })).rejects.toMatchObject({ code: "ERR_INVALID_STATE" });
    await expect(network.runUntilIdle({ limit: -1 })).rejects.toMatchObject({ code: "ERR_OUT_OF_RANGE" });
    await end.socket[Symbol.asyncDispose]();
  });

  test("a minute of traffic on a lossy, slow link passes in virtual time, every datagram accounted for", async () => {
    network = createTestNetwork();
    network.impair({ loss: 0.1, delay: 40, jitter: 10 });
    const end = await receiver(network);
    await using sender = await openDatagramSocket({ network });
    for (let second = 0; second < 60; second++) {
      for (let i = 0; i < 10; i++) await sendTo(sender, "tick", end.address);
      await network.advance(1000);
    }
    expect(network.now()).toBe(60_000);
    expect(end.received.length + network.counters().dropped.loss).toBe(600);
    expect(network.counters().dropped.loss).toBeGreaterThan(0);
    await end.socket[Symbol.asyncDispose]();
  });

  test("sleep resolves on the network's clock; bad delays are refused", async () => {
    network = createTestNetwork();
    let woke = false;
    void network.sleep(5).then(() => (woke = true));
    await network.advance(4);
    expect(woke).toBe(false);
    await network.advance(1);
    expect(woke).toBe(true);
    expect(() => network.setTimeout(() => {}, -1)).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => network.setTimeout(() => {}, Number.POSITIVE_INFINITY)).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => network.setTimeout("x" as never, 1)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => network.setTimeout(() => {}, "1" as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => network.heal("127.0.0.1")).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    expect(() => network.capture(null as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => network.capture({ limit: "3" as never })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => network.link("127.0.0.1", 5 as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    expect(() => network.addHost("example.com")).toThrow(expect.objectContaining({ code: "ERR_INVALID_IP_ADDRESS" }));
    await expect(network.advance(Number.NaN)).rejects.toMatchObject({ code: "ERR_OUT_OF_RANGE" });
    await expect(network.sleep(-5)).rejects.toMatchObject({ code: "ERR_OUT_OF_RANGE", message: expect.stringMatching(/^sleep: /) });
  });
});

describe("the real clock", () => {
  test("delays pass in real time, and cannot be advanced by hand", async () => {
    network = createTestNetwork({ clock: "real" });
    network.impair({ delay: 30 });
    const end = await receiver(network);
    await using sender = await openDatagramSocket({ network });
    const started = performance.now();
    await sendTo(sender, "x", end.address);
    while (end.received.length === 0 && performance.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(end.received).toHaveLength(1);
    expect(end.received[0]?.at).toBeGreaterThanOrEqual(29);
    await expect(network.advance(1)).rejects.toMatchObject({ code: "ERR_INVALID_STATE" });
    await expect(network.runUntilIdle()).rejects.toMatchObject({ code: "ERR_INVALID_STATE" });
    await end.socket[Symbol.asyncDispose]();
  });
});
