// Issue 17: frames cut from indications without copying, under the Indication ownership rule.
import { createServer, type Socket } from "node:net";
import fc from "fast-check";
import { Subject, toArray, firstValueFrom, map, take } from "rxjs";
import { describe, expect, it } from "vitest";
import { connect } from "@wskit/stream";
import { connectionIndications, delimitedFrames, IndicationError, lengthPrefixedFrames, type Frame, type Indication } from "@wskit/rx";
import { sleep, tcpPair } from "../helpers/loopback";

// A source indication with the ownership rule: valid during next, retain/release tracked.
function sourceOf(bytes: Uint8Array, log: { retained: number; released: number; live: Set<object> }): Indication & { expire(): void } {
  let state: "live" | "retained" | "released" | "expired" = "live";
  const indication = {
    get bytes() {
      if (state === "released" || state === "expired") throw new Error("a source indication used after its life");
      return bytes;
    },
    get retained() {
      return state === "retained";
    },
    retain() {
      if (state !== "live") throw new Error(`source retained while ${state}`);
      state = "retained";
      log.retained++;
      log.live.add(indication);
      return indication;
    },
    release() {
      if (state !== "retained") throw new Error(`source released while ${state}`);
      state = "released";
      log.released++;
      log.live.delete(indication);
    },
    expire() {
      if (state === "live") state = "expired";
    },
  };
  return indication;
}

function encode(frames: Uint8Array[], headerBytes: 1 | 2 | 4, little: boolean): Uint8Array {
  const total = frames.reduce((n, f) => n + headerBytes + f.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const frame of frames) {
    for (let i = 0; i < headerBytes; i++) {
      const shift = 8 * (little ? i : headerBytes - 1 - i);
      out[at + i] = Math.floor(frame.byteLength / 2 ** shift) & 0xff;
    }
    out.set(frame, at + headerBytes);
    at += headerBytes + frame.byteLength;
  }
  return out;
}

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.byteLength + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.byteLength]) {
    if (p > at) parts.push(bytes.slice(at, p));
    at = Math.max(at, p);
  }
  return parts;
}

/** Feeds `parts` as indications through `operator`; frames are copied in next, or retained (every other one) and released at the end. */
function run(parts: Uint8Array[], operator: ReturnType<typeof lengthPrefixedFrames>, retainEveryOther = false) {
  const log = { retained: 0, released: 0, live: new Set<object>() };
  const subject = new Subject<Indication>();
  const frames: Uint8Array[] = [];
  const kept: Array<[Frame, number]> = [];
  let error: unknown = null;
  let completed = false;
  let n = 0;
  subject.pipe(operator).subscribe({
    next: (frame) => {
      if (retainEveryOther && n++ % 2 === 0) kept.push([frame.retain(), frames.push(new Uint8Array(0)) - 1]);
      else frames.push(frame.bytes.slice());
    },
    error: (e: unknown) => void (error = e),
    complete: () => void (completed = true),
  });
  for (const part of parts) {
    const indication = sourceOf(part, log);
    subject.next(indication);
    indication.expire();
  }
  subject.complete();
  // Retained frames still read right, after their source indications' next returned.
  for (const [frame, index] of kept) {
    frames[index] = frame.bytes.slice();
    frame.release();
  }
  return { frames, error, completed, log };
}

const frameArb = fc.uint8Array({ minLength: 0, maxLength: 300 });

describe("lengthPrefixedFrames", () => {
  it("property: any frames, any header, split anywhere: every frame once, in order; sources retained exactly while frames are", () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 20 }), fc.constantFrom(1, 2, 4), fc.boolean(), fc.array(fc.nat(), { maxLength: 30 }), fc.boolean(), (frames, header, little, cuts, retain) => {
        const small = header === 1 ? frames.map((f) => f.subarray(0, 255)) : frames;
        const wire = encode(small, header as 1 | 2 | 4, little);
        const result = run(split(wire, cuts), lengthPrefixedFrames({ headerBytes: header as 1 | 2 | 4, byteOrder: little ? "little" : "big" }), retain);
        expect(result.error).toBeNull();
        expect(result.completed).toBe(true);
        expect(result.frames.map((f) => Buffer.from(f).toString("hex"))).toEqual(small.map((f) => Buffer.from(f).toString("hex")));
        expect(result.log.released).toBe(result.log.retained);
        expect(result.log.live.size).toBe(0);
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it("split at every byte boundary (1-byte indications): the same frames", () => {
    const frames = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(9)];
    const wire = encode(frames, 2, false);
    const parts = Array.from(wire, (b) => Uint8Array.of(b));
    expect(run(parts, lengthPrefixedFrames({ headerBytes: 2 })).frames).toEqual(frames);
  });

  it("a frame inside one indication is a view of it (no copy); retaining it retains the indication", () => {
    const wire = encode([new Uint8Array([7, 7]), new Uint8Array([8])], 1, false);
    const log = { retained: 0, released: 0, live: new Set<object>() };
    const source = sourceOf(wire, log);
    const seen: Frame[] = [];
    const subject = new Subject<Indication>();
    subject.pipe(lengthPrefixedFrames({ headerBytes: 1 })).subscribe((frame) => {
      expect(frame.bytes.buffer).toBe(wire.buffer);
      seen.push(frame.retain());
    });
    subject.next(source);
    source.expire();
    expect(log.retained).toBe(1); // two frames, one indication, retained once
    seen[0]?.release();
    expect(log.released).toBe(0);
    seen[1]?.release();
    expect(log.released).toBe(1);
    expect(() => seen[1]?.bytes).toThrow(expect.objectContaining({ code: "ERR_INDICATION_RELEASED" }));
  });

  it("oversize: an error notification ERR_FRAME_TOO_LARGE, or skipped and counted; truncated input: ERR_FRAME_INCOMPLETE", () => {
    const wire = encode([new Uint8Array(10), new Uint8Array(100), new Uint8Array(5)], 2, false);
    const refused = run([wire], lengthPrefixedFrames({ headerBytes: 2, maxLength: 50 }));
    expect(IndicationError.is(refused.error) && refused.error.code).toBe("ERR_FRAME_TOO_LARGE");
    expect(refused.frames.map((f) => f.byteLength)).toEqual([10]);
    const counters = { skipped: 0 };
    const skipped = run(split(wire, [3, 20, 50, 90]), lengthPrefixedFrames({ headerBytes: 2, maxLength: 50, onOversize: "skip", counters }));
    expect(skipped.frames.map((f) => f.byteLength)).toEqual([10, 5]);
    expect(counters.skipped).toBe(1);
    const truncated = run([wire.subarray(0, wire.byteLength - 2)], lengthPrefixedFrames({ headerBytes: 2 }));
    expect(IndicationError.is(truncated.error) && truncated.error.code).toBe("ERR_FRAME_INCOMPLETE");
    expect(() => lengthPrefixedFrames({ headerBytes: 3 as never })).toThrow(expect.objectContaining({ name: "RangeError", code: "ERR_OUT_OF_RANGE" }));
    expect(() => lengthPrefixedFrames({ maxLength: -1 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => delimitedFrames({ delimiter: 256 })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
    expect(() => delimitedFrames({ delimiter: new Uint8Array(0) })).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_VALUE" }));
  });
});

describe("delimitedFrames", () => {
  it("property: lines (\\n) and \\r\\n-separated frames split anywhere come out whole, in order", () => {
    const lineArb = fc.uint8Array({ maxLength: 200 }).map((b) => b.map((x) => (x === 0x0a || x === 0x0d ? 0x41 : x)));
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), fc.constantFrom("\n", "\r\n"), fc.array(fc.nat(), { maxLength: 30 }), fc.boolean(), (lines, sep, cuts, retain) => {
        const delimiter = new TextEncoder().encode(sep);
        const wire = Buffer.concat(lines.flatMap((l) => [Buffer.from(l), Buffer.from(delimiter)]));
        const result = run(split(new Uint8Array(wire), cuts), delimitedFrames({ delimiter }), retain);
        expect(result.error).toBeNull();
        expect(result.frames.map((f) => Buffer.from(f).toString("hex"))).toEqual(lines.map((l) => Buffer.from(l).toString("hex")));
        expect(result.log.released).toBe(result.log.retained);
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it("oversize lines: the error, or skipped to the next delimiter and counted", () => {
    const wire = new TextEncoder().encode(`short\n${"x".repeat(100)}\nend\n`);
    const refused = run([wire], delimitedFrames({ maxLength: 20 }));
    expect(IndicationError.is(refused.error) && refused.error.code).toBe("ERR_FRAME_TOO_LARGE");
    const counters = { skipped: 0 };
    const skipped = run(split(wire, [10, 40, 80]), delimitedFrames({ maxLength: 20, onOversize: "skip", counters }));
    expect(skipped.frames.map((f) => new TextDecoder().decode(f))).toEqual(["short", "end"]);
    expect(counters.skipped).toBe(1);
  });

  it("property: skipping an oversize frame finds its delimiter even when the delimiter is split across indications", () => {
    // Text with CR and LF in it but never the delimiter, and never ending in a part of it.
    const textArb = (max: number) =>
      fc.string({ unit: fc.constantFrom("a", "b", "\r", "\n"), maxLength: max }).map((s) => {
        while (s.includes("\r\n\r\n")) s = s.replaceAll("\r\n\r\n", "\r\n");
        return s;
      });
    fc.assert(
      fc.property(fc.array(fc.tuple(textArb(40), fc.boolean()), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 40 }), fc.boolean(), (records, cuts, retain) => {
        // Each record is short (kept) or padded past maxLength (skipped); "\r\n\r\n" ends each.
        const frames = records.map(([text, long]) => (long ? text + "x".repeat(30) : `${text.slice(0, 19)}a`));
        const wire = new TextEncoder().encode(frames.map((f) => `${f}\r\n\r\n`).join(""));
        const counters = { skipped: 0 };
        const result = run(split(wire, cuts), delimitedFrames({ delimiter: new TextEncoder().encode("\r\n\r\n"), maxLength: 20, onOversize: "skip", counters }), retain);
        const expected = frames.filter((f) => f.length <= 20);
        expect(result.error).toBeNull();
        expect(result.frames.map((f) => new TextDecoder().decode(f))).toEqual(expected);
        expect(counters.skipped).toBe(frames.length - expected.length);
        expect(result.log.released).toBe(result.log.retained);
      }),
      { numRuns: 500, seed: 20261202 },
    );
    // Split at every byte: the delimiter of the skipped frame straddles each seam in turn.
    const wire = new TextEncoder().encode(`${"y".repeat(25)}\r\n\r\nkept\r\n\r\n`);
    const counters = { skipped: 0 };
    const oneByte = run(Array.from(wire, (b) => Uint8Array.of(b)), delimitedFrames({ delimiter: new TextEncoder().encode("\r\n\r\n"), maxLength: 20, onOversize: "skip", counters }));
    expect(oneByte.frames.map((f) => new TextDecoder().decode(f))).toEqual(["kept"]);
    expect(counters.skipped).toBe(1);
  });

  it("a source value that is not an indication: an error notification ERR_INVALID_ARG_TYPE from either operator, nothing thrown", () => {
    for (const operator of [lengthPrefixedFrames(), delimitedFrames()]) {
      const subject = new Subject<Indication>();
      let error: unknown = null;
      subject.pipe(operator).subscribe({ error: (e: unknown) => void (error = e) });
      expect(() => subject.next({ bytes: "text" } as unknown as Indication)).not.toThrow();
      expect(error).toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
      expect(subject.observed).toBe(false);
    }
  });

  it("the source completing while an oversize frame is skipped is ERR_FRAME_INCOMPLETE, as inside any frame", () => {
    const result = run([new TextEncoder().encode(`ok\n${"z".repeat(50)}`)], delimitedFrames({ maxLength: 20, onOversize: "skip" }));
    expect(result.frames.map((f) => new TextDecoder().decode(f))).toEqual(["ok"]);
    expect(IndicationError.is(result.error) && result.error.code).toBe("ERR_FRAME_INCOMPLETE");
  });
});

describe("frames over a real connection", () => {
  it("a slicer-style sender (1-byte writes) and 64 KiB writes: every frame arrives whole", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const accepted = new Promise<Socket>((resolve) => server.once("connection", resolve));
    await using socket = await connect(`127.0.0.1:${(server.address() as { port: number }).port}`);
    const peer = await accepted;
    peer.on("error", () => {});
    const frames = Array.from({ length: 50 }, (_, i) => new Uint8Array(i * 13).fill(i));
    const wire = encode(frames, 4, false);
    const received = firstValueFrom(connectionIndications(socket).pipe(lengthPrefixedFrames(), map((f) => f.bytes.slice()), take(50), toArray()));
    for (let i = 0; i < 500; i++) peer.write(wire.subarray(i, i + 1));
    peer.write(wire.subarray(500));
    expect(await received).toEqual(frames);
    peer.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("a frame retained when its connection fails is stale (ERR_INDICATION_RELEASED), never a view of memory given back", async () => {
    const { socket, peer, close } = await tcpPair();
    const kept: Frame[] = [];
    const failed = new Promise<unknown>((resolve) =>
      connectionIndications(socket)
        .pipe(lengthPrefixedFrames({ headerBytes: 1 }))
        .subscribe({ next: (frame) => void kept.push(frame.retain()), error: resolve }),
    );
    peer.write(Uint8Array.of(2, 7, 7, 1, 8));
    await sleep(50);
    expect(kept.map((frame) => Array.from(frame.bytes))).toEqual([[7, 7], [8]]);
    peer.resetAndDestroy();
    expect(await failed).toMatchObject({ code: "STATUS_CONNECTION_RESET" });
    for (const frame of kept) {
      expect(() => frame.bytes).toThrow(expect.objectContaining({ code: "ERR_INDICATION_RELEASED" }));
      expect(() => frame.release()).not.toThrow();
    }
    await close();
  });

});
