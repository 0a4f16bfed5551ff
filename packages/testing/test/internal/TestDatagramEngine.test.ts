import { afterEach, describe, expect, test } from "vitest";
import { SO_WSK_EVENT_CALLBACK, SOL_SOCKET, STATUS_SUCCESS, WSK_EVENT_RECEIVE_FROM, WskSetOption } from "@wskit/core";
import { getDatagramCounters, openDatagramSocket, sendTo, type WskDatagramIndication } from "@wskit/dgram";
import { createTestNetwork, type TestNetwork } from "../../src/index";
import { numbered, receiver, sequenceOf } from "../helpers/endpoints";

let network: TestNetwork;
afterEach(async () => {
  await network?.close();
});

describe("a test network socket's engine", () => {
  test("a sender that never yields is held back by SO_SNDBUF: nothing lost, memory bounded, order kept", async () => {
    network = createTestNetwork();
    const end = await receiver(network);
    await using sender = await openDatagramSocket({ network, sendBufferSize: 64 * 1024 });
    const sends = Array.from({ length: 20_000 }, (_, i) => sendTo(sender, numbered(i, 32), end.address));
    // 64 KiB of 60-byte packets: no more than that is in flight, the rest waits with its IRP pending.
    expect(network.counters().inFlight).toBe(Math.floor((64 * 1024) / 60));
    await Promise.all(sends);
    await network.runUntilIdle();
    expect(end.received.map((d) => sequenceOf(d.bytes))).toEqual([...Array(20_000).keys()]);
    expect(getDatagramCounters(end.socket)).toMatchObject({ received: 20_000, droppedQueueFull: 0 });
    await end.socket[Symbol.asyncDispose]();
  });

  test("closing with sends still waiting for room cancels them; those that went out complete", async () => {
    network = createTestNetwork();
    const end = await receiver(network);
    const sender = await openDatagramSocket({ network, sendBufferSize: 4096 });
    const sends = Array.from({ length: 200 }, (_, i) => sendTo(sender, numbered(i, 32), end.address).then(
      () => "sent",
      (error: { code?: string }) => error.code,
    ));
    await sender[Symbol.asyncDispose]();
    const outcomes = await Promise.all(sends);
    const sent = Math.floor(4096 / 60);
    expect(outcomes.slice(0, sent)).toEqual(new Array(sent).fill("sent"));
    expect(new Set(outcomes.slice(sent))).toEqual(new Set(["STATUS_CANCELLED"]));
    await network.runUntilIdle();
    expect(end.received).toHaveLength(sent);
    await end.socket[Symbol.asyncDispose]();
  });

  test("closing the network cancels the sends still waiting for room; a socket left open is no hang", async () => {
    network = createTestNetwork();
    network.impair({ delay: 1000 });
    const end = await receiver(network);
    const sender = await openDatagramSocket({ network, sendBufferSize: 4096 });
    const sends = Array.from({ length: 100 }, (_, i) => sendTo(sender, numbered(i, 32), end.address).then(
      () => "sent",
      (error: { code?: string }) => error.code,
    ));
    await new Promise((resolve) => setImmediate(resolve));
    const closing = network.close();
    const outcomes = await Promise.all(sends);
    const sent = Math.floor(4096 / 60);
    expect(outcomes.filter((outcome) => outcome === "sent")).toHaveLength(sent);
    expect(outcomes.filter((outcome) => outcome === "STATUS_CANCELLED")).toHaveLength(100 - sent);
    await sender[Symbol.asyncDispose]();
    await end.socket[Symbol.asyncDispose]();
    await closing;
    expect(end.received).toHaveLength(0);
  });

  test("datagrams that arrive at one instant are indicated as lists of up to 64, in order", async () => {
    network = createTestNetwork();
    const lists: number[][] = [];
    const socket = await openDatagramSocket({
      network,
      receiveBufferSize: 1 << 20,
      dispatch: {
        WskReceiveFromEvent: (_context, _flags, head: WskDatagramIndication | null) => {
          const list: number[] = [];
          for (let d = head; d !== null; d = d.Next) list.push(d.Buffer.Length);
          lists.push(list);
          return STATUS_SUCCESS;
        },
      },
    });
    socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
    await using sender = await openDatagramSocket({ network });
    network.impair({ delay: 10 });
    await Promise.all(Array.from({ length: 1000 }, (_, i) => sendTo(sender, new Uint8Array(1 + (i % 7)), socket.localAddress as never)));
    await network.advance(10);
    expect(lists.map((list) => list.length)).toEqual([...new Array(15).fill(64), 40]);
    expect(lists.flat()).toEqual(Array.from({ length: 1000 }, (_, i) => 1 + (i % 7)));
    await socket[Symbol.asyncDispose]();
  });
});
