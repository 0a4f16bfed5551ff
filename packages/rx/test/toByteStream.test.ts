import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { Subject, tap } from "rxjs";
import { connectionIndications, toByteStream, type Indication } from "@wskit/rx";
import { fakeIndications } from "./helpers/fakeIndication";
import { sleep, tcpPair, writePattern, type TcpPair } from "./helpers/loopback";

const pairs: TcpPair[] = [];
afterEach(async () => {
  for (const pair of pairs.splice(0)) await pair.close();
});

describe("toByteStream", () => {
  it("a BYOB reader gets the bytes copied into its own buffer, across indication boundaries; each indication is released once read", async () => {
    const { log, make } = fakeIndications(() => 0);
    const source = new Subject<Indication>();
    const stream = toByteStream(source);
    source.next(make("hello"));
    source.next(make("world"));
    source.complete();
    const reader = stream.getReader({ mode: "byob" });
    const pieces: string[] = [];
    for (;;) {
      const { value, done } = await reader.read(new Uint8Array(3));
      if (done) break;
      pieces.push(new TextDecoder().decode(value));
    }
    expect(pieces).toEqual(["hel", "low", "orl", "d"]); // a read takes from as many indications as fit
    expect(log).toEqual(["0:retain hello", "0:retain world", "0:release hello", "0:release world"]);
  });

  it("cancel() releases what is held; the source's error errors the stream", async () => {
    const { log, make } = fakeIndications(() => 0);
    const source = new Subject<Indication>();
    const stream = toByteStream(source);
    source.next(make("kept"));
    await stream.cancel();
    expect(log).toEqual(["0:retain kept", "0:release kept"]);
    expect(source.observed).toBe(false);

    const failing = new Subject<Indication>();
    const reader = toByteStream(failing).getReader();
    const read = reader.read();
    failing.error(new Error("gone"));
    await expect(read).rejects.toThrow("gone");
  });

  it("a source of values that are not indications errors the stream with ERR_INVALID_ARG_TYPE (nothing thrown into RxJS)", async () => {
    const source = new Subject<Indication>();
    const reader = toByteStream(source).getReader();
    const read = reader.read();
    source.next({ bytes: null } as unknown as Indication);
    await expect(read).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    await sleep(5);
    expect(source.observed).toBe(false);
  });

  it("a slow reader of a fast TCP sender gets every byte (SHA-256) while the bytes held in the process stay bounded", async () => {
    const pair = await tcpPair();
    pairs.push(pair);
    const total = 32 << 20;
    let emitted = 0;
    let read = 0;
    let peakHeld = 0;
    const stream = toByteStream(connectionIndications(pair.socket, { maxRetained: 8 }).pipe(tap((i) => (emitted += i.bytes.byteLength))));
    const sending = writePattern(pair.peer, total, 65_536);
    const hash = createHash("sha256");
    const reader = stream.getReader({ mode: "byob" });
    let buffer = new Uint8Array(16_384);
    for (let reads = 0; ; reads++) {
      const { value, done } = await reader.read(buffer);
      if (done) break;
      hash.update(value);
      read += value.byteLength;
      peakHeld = Math.max(peakHeld, emitted - read);
      buffer = new Uint8Array(value.buffer); // the same memory back (BYOB transfers it)
      if (reads % 64 === 0) await sleep(1); // slow: it stops now and then
    }
    expect(read).toBe(total);
    expect(hash.digest("hex")).toBe(await sending);
    // Held here: at most the retained indications (8 and one list past the bound, ≤ 64 KiB each).
    expect(peakHeld).toBeLessThan(2 << 20);
    console.log(`toByteStream slow reader: ${total} bytes, peak held in the process ${peakHeld} bytes`);
  }, 60_000);
});
