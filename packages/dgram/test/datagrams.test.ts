import { describe, expect, it } from "vitest";
import { codeOf } from "../../core/test/helpers/codeOf";
import { SockAddr, WskError } from "@wskit/core";
import { datagrams, openDatagramSocket, receiveFrom, sendTo, type Datagram } from "@wskit/dgram";
import { localAddressOf } from "./helpers/sockets";

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe("openDatagramSocket, sendTo, receiveFrom", () => {
  it("round-trips a datagram over IPv4 and IPv6 loopback", async () => {
    for (const address of ["127.0.0.1:0", "[::1]:0"]) {
      await using a = await openDatagramSocket({ address });
      await using b = await openDatagramSocket({ address });
      const to = await localAddressOf(b, SockAddr.from(address).family);
      const received = receiveFrom(b);
      expect(await sendTo(a, "ping", to)).toBe(4);
      const { bytes, remote, truncated } = await received;
      expect([decode(bytes), truncated]).toEqual(["ping", false]);
      expect(remote.equals(await localAddressOf(a, to.family))).toBe(true);
    }
  });

  it("reports truncation instead of failing", async () => {
    await using a = await openDatagramSocket();
    await using b = await openDatagramSocket();
    const received = receiveFrom(b, { buffer: new Uint8Array(3) });
    await sendTo(a, "truncate me", await localAddressOf(b));
    expect(await received).toMatchObject({ truncated: true });
    expect(decode((await received).bytes)).toBe("tru");
  });

  it("rejects with a WskError carrying the status", async () => {
    await using a = await openDatagramSocket();
    const failure = await sendTo(a, new Uint8Array(70_000), "127.0.0.1:9").catch((e: unknown) => e);
    expect(WskError.is(failure) && failure.code).toBe("STATUS_INVALID_BUFFER_SIZE");
    const taken = await localAddressOf(a);
    const conflict = await openDatagramSocket({ address: taken }).catch((e: unknown) => e);
    expect(WskError.is(conflict) && [conflict.code, conflict.port]).toEqual(["STATUS_ADDRESS_ALREADY_EXISTS", taken.port]);
  });

  it("an abort cancels a pending receive: it rejects with the signal's reason, STATUS_CANCELLED its cause", async () => {
    await using a = await openDatagramSocket();
    const controller = new AbortController();
    const pending = receiveFrom(a, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    const error = await pending;
    expect(error).toBe(controller.signal.reason);
    expect((error as DOMException).name).toBe("AbortError");
    const cause = (error as { cause?: unknown }).cause;
    expect(WskError.is(cause) && cause.code).toBe("STATUS_CANCELLED");
  });
});

describe("datagrams()", () => {
  it("yields each datagram as its own copy, and a break cancels the pending receive", async () => {
    await using a = await openDatagramSocket();
    await using b = await openDatagramSocket();
    const to = await localAddressOf(b);
    const seen: Datagram[] = [];
    const consumer = (async () => {
      for await (const datagram of datagrams(b)) {
        seen.push(datagram);
        if (seen.length === 3) break;
      }
    })();
    for (const word of ["one", "two", "three"]) await sendTo(a, word, to);
    await consumer;
    expect(seen.map((d) => decode(d.bytes))).toEqual(["one", "two", "three"]);
    expect(new Set(seen.map((d) => d.bytes.buffer)).size).toBe(3);
    // The socket is still usable: the iterator left no receive behind.
    const next = receiveFrom(b);
    await sendTo(a, "after", to);
    expect(decode((await next).bytes)).toBe("after");
  });

  it("throws the signal's reason when the signal aborts (as events.on), and ends when the socket closes", async () => {
    const b = await openDatagramSocket();
    const controller = new AbortController();
    const collected: string[] = [];
    const consumer = (async () => {
      for await (const d of datagrams(b, { signal: controller.signal })) collected.push(decode(d.bytes));
      return "ended";
    })().catch((e: unknown) => e);
    controller.abort(new Error("stop listening"));
    expect(await consumer).toBe(controller.signal.reason);
    const second = (async () => {
      for await (const d of datagrams(b)) collected.push(decode(d.bytes));
      return "ended";
    })();
    await new Promise((r) => setImmediate(r));
    await b[Symbol.asyncDispose]();
    expect(await second).toBe("ended");
    expect(collected).toEqual([]);
  });
});

describe("the helpers refuse what is not theirs with coded errors", () => {
  it.each<[string, () => Promise<unknown>, string]>([
    ["sendTo(null, …)", () => sendTo(null as never, "x", "127.0.0.1:9"), "ERR_INVALID_ARG_TYPE"],
    ["sendTo(a plain object, …)", () => sendTo({ Dispatch: {} } as never, "x", "127.0.0.1:9"), "ERR_INVALID_ARG_TYPE"],
    ["receiveFrom(undefined)", () => receiveFrom(undefined as never), "ERR_INVALID_ARG_TYPE"],
    ["datagrams(5).next()", () => datagrams(5 as never).next(), "ERR_INVALID_ARG_TYPE"],
  ])("%s → %s", async (_name, run, code) => {
    expect(await codeOf(run)).toBe(code);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 31])("datagrams(socket, { bufferSize: %s }) → ERR_OUT_OF_RANGE", async (bufferSize) => {
    await using socket = await openDatagramSocket();
    expect(await codeOf(() => datagrams(socket, { bufferSize }).next())).toBe("ERR_OUT_OF_RANGE");
  });
});
