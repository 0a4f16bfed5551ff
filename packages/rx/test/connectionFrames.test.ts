// Issue 17: frames of a connection as an async iterator (connectionFrames / toAsyncIterable), over
// real loopback connections: a 256 MiB framed transfer whose checksum matches, a slow loop that
// pauses the connection with memory bounded, ends, errors, abort and break.
import { createHash } from "node:crypto";
import type { Socket } from "node:net";
import { Subject } from "rxjs";
import { afterEach, describe, expect, it } from "vitest";
import { getStreamCounters } from "@wskit/stream";
import { connectionFrames, IndicationError, toAsyncIterable, type Indication } from "@wskit/rx";
import { sleep, tcpPair, type TcpPair } from "./helpers/loopback";

const pairs: TcpPair[] = [];
afterEach(async () => {
  for (const pair of pairs.splice(0)) await pair.close();
});

/** A raw node:net peer and a wskit connection to it (the shared loopback fixture), closed after the test. */
async function pair(): Promise<TcpPair> {
  const made = await tcpPair();
  pairs.push(made);
  return made;
}

/** Writes `frames` length-prefixed (4 bytes, big-endian), honouring the peer's backpressure, then ends. */
async function writeFrames(peer: Socket, frames: Iterable<Uint8Array>): Promise<void> {
  for (const frame of frames) {
    const header = Buffer.allocUnsafe(4);
    header.writeUInt32BE(frame.byteLength);
    peer.write(header);
    if (!peer.write(frame)) await new Promise((resolve) => peer.once("drain", resolve));
  }
  await new Promise<void>((resolve) => peer.end(resolve));
}


describe("connectionFrames", () => {
  it("a 256 MiB framed transfer (frames of 1 B to 64 KiB, in writes of every size): the checksum matches", async () => {
    const { socket, peer } = await pair();
    const block = createHash("sha512").update("wskit").digest();
    const source = Buffer.alloc(1 << 20);
    for (let at = 0; at < source.byteLength; at += block.byteLength) block.copy(source, at, 0, Math.min(block.byteLength, source.byteLength - at));
    for (let i = 0; i < source.byteLength; i++) source[i] = ((source[i] as number) ^ i ^ (i >>> 8)) & 0xff;
    const TOTAL = 256 * 1024 * 1024;
    const sent = createHash("sha256");
    let sentFrames = 0;
    function* frames() {
      let bytes = 0;
      let seed = 12345;
      while (bytes < TOTAL) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const length = Math.min(TOTAL - bytes, 1 + (seed % 65_536));
        const offset = seed % (source.byteLength - length);
        const frame = source.subarray(offset, offset + length);
        sent.update(frame);
        sentFrames++;
        bytes += length;
        yield frame;
      }
    }
    const writing = writeFrames(peer, frames());
    const received = createHash("sha256");
    let receivedBytes = 0;
    let receivedFrames = 0;
    for await (const frame of connectionFrames(socket, { lengthPrefixed: { maxLength: 65_536 } })) {
      received.update(frame.bytes);
      receivedBytes += frame.bytes.byteLength;
      receivedFrames++;
    }
    await writing;
    expect(receivedBytes).toBe(TOTAL);
    expect(receivedFrames).toBe(sentFrames);
    expect(received.digest("hex")).toBe(sent.digest("hex"));
    await socket[Symbol.asyncDispose]();
  }, 120_000);

  it("a slow loop pauses the connection: the sender is pushed back, what the provider buffers stays bounded, nothing is lost", async () => {
    const { socket, peer } = await pair();
    const frames = Array.from({ length: 4000 }, (_, i) => new Uint8Array(1000).fill(i & 0xff));
    const writing = writeFrames(peer, frames);
    let index = 0;
    for await (const frame of connectionFrames(socket, { lengthPrefixed: {}, maxRetained: 4 })) {
      // Each frame in hand is valid across awaits; the slow part is here.
      if (index % 500 === 0) await sleep(20);
      else if (index % 50 === 0) await sleep(1);
      expect(frame.bytes.byteLength).toBe(1000);
      expect(frame.bytes[0]).toBe(index & 0xff);
      index++;
    }
    await writing;
    expect(index).toBe(4000);
    const counters = getStreamCounters(socket);
    expect(counters.pausedByFlowControl).toBeGreaterThan(0);
    // What the provider buffered stayed within its own bound, whatever the 4 MB the peer sent.
    expect(counters.peakBacklog).toBeLessThan(2 * 1024 * 1024);
    await socket[Symbol.asyncDispose]();
  }, 60_000);

  it("a frame is valid for its loop step only; break releases what is held and stops the connection's events", async () => {
    const { socket, peer } = await pair();
    void writeFrames(peer, Array.from({ length: 10 }, (_, i) => new Uint8Array([i, i, i])));
    let previous: Indication | null = null;
    for await (const frame of connectionFrames(socket, { lengthPrefixed: {} })) {
      if (previous !== null) {
        const stale = previous;
        expect(() => stale.bytes).toThrow(expect.objectContaining({ code: "ERR_INDICATION_RELEASED" }));
      }
      expect(frame.retained).toBe(true);
      previous = frame;
      if (frame.bytes[0] === 5) break;
    }
    expect(previous?.retained).toBe(false);
    // The subscription ended: a new one may observe the socket again.
    const rest: number[] = [];
    for await (const frame of connectionFrames(socket, { lengthPrefixed: {} })) rest.push(frame.bytes[0] as number);
    expect(rest.length).toBeLessThanOrEqual(4);
    await socket[Symbol.asyncDispose]();
  });

  it("delimited frames; an oversize frame and a reset are thrown from the loop", async () => {
    const { socket, peer } = await pair();
    peer.write("one\ntwo\n" + "x".repeat(100) + "\n");
    const lines: string[] = [];
    const loop = (async () => {
      for await (const frame of connectionFrames(socket, { delimited: { maxLength: 20 } })) lines.push(Buffer.from(frame.bytes).toString());
    })();
    await expect(loop).rejects.toSatisfy((error: unknown) => IndicationError.is(error) && error.code === "ERR_FRAME_TOO_LARGE");
    expect(lines).toEqual(["one", "two"]);
    await socket[Symbol.asyncDispose]();

    const second = await pair();
    const reset = (async () => {
      for await (const _ of connectionFrames(second.socket, { delimited: {} })) second.peer.resetAndDestroy();
    })();
    second.peer.write("a\n");
    await expect(reset).rejects.toMatchObject({ code: "STATUS_CONNECTION_RESET" });
    await second.socket[Symbol.asyncDispose]();
  });

  it("an aborted signal throws its reason and releases what is held; option errors are thrown at once", async () => {
    const { socket, peer } = await pair();
    peer.write(Buffer.from([0, 0, 0, 1, 7, 0, 0, 0, 1, 8]));
    const controller = new AbortController();
    const seen: number[] = [];
    let kept: Indication | null = null;
    const loop = (async () => {
      for await (const frame of connectionFrames(socket, { lengthPrefixed: {}, signal: controller.signal })) {
        seen.push(frame.bytes[0] as number);
        kept = frame;
        if (seen.length === 1) controller.abort();
      }
    })();
    await expect(loop).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toEqual([7]);
    expect((kept as Indication | null)?.retained).toBe(false);
    expect(() => connectionFrames(socket, {} as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    expect(() => connectionFrames(socket, { lengthPrefixed: {}, delimited: {} } as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    expect(() => connectionFrames(socket, { lengthPrefixed: { headerBytes: 3 as never } })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    await socket[Symbol.asyncDispose]();
  });
});

describe("toAsyncIterable", () => {
  function indication(value: number) {
    let state = 0; // 0 live, 1 retained, 2 released
    return {
      get bytes() {
        if (state === 2) throw new IndicationError("ERR_INDICATION_RELEASED");
        return Uint8Array.of(value);
      },
      get retained() {
        return state === 1;
      },
      retain() {
        state = 1;
        return this;
      },
      release() {
        state = 2;
      },
    };
  }

  it("retains what arrives before the loop asks, in order; the source's error comes after what came before it, copied as the source fails", async () => {
    const subject = new Subject<ReturnType<typeof indication>>();
    const iterator = toAsyncIterable(subject);
    const first = iterator.next();
    const items = [indication(1), indication(2), indication(3)];
    for (const item of items) subject.next(item);
    expect(items.every((item) => item.retained)).toBe(true);
    subject.error(new Error("boom"));
    // The source's own indications went back as it failed; the loop still gets every value.
    expect(items.every((item) => !item.retained)).toBe(true);
    const values: number[] = [];
    const one = (await first).value;
    values.push(one?.bytes[0] as number);
    values.push((await iterator.next()).value?.bytes[0] as number);
    values.push((await iterator.next()).value?.bytes[0] as number);
    expect(values).toEqual([1, 2, 3]);
    expect(() => one?.bytes).toThrow(expect.objectContaining({ code: "ERR_INDICATION_RELEASED" }));
    await expect(iterator.next()).rejects.toThrow("boom");
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it("a source of values that are not indications ends the loop with ERR_INVALID_ARG_TYPE, nothing thrown into RxJS", async () => {
    const subject = new Subject<Indication>();
    const iterator = toAsyncIterable(subject);
    const first = iterator.next();
    subject.next(42 as unknown as Indication);
    await expect(first).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(subject.observed).toBe(false);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it("an aborted signal before the first step throws its reason without subscribing", async () => {
    const subject = new Subject<ReturnType<typeof indication>>();
    const reason = new Error("stop");
    const iterator = toAsyncIterable(subject, { signal: AbortSignal.abort(reason) });
    await expect(iterator.next()).rejects.toBe(reason);
    expect(subject.observed).toBe(false);
  });
});
