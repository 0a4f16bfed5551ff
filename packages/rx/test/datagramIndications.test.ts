import { createSocket, type Socket } from "node:dgram";
import { afterEach, describe, expect, it } from "vitest";
import { firstValueFrom, map, take, toArray } from "rxjs";
import { disableVerifier, enableVerifier, runIrp, SockAddr, WskError, type WskVerifierError } from "@wskit/core";
import { getDatagramCounters, openDatagramSocket, type DatagramSocket } from "@wskit/dgram";
import { datagramIndications, IndicationError, type DatagramIndication } from "@wskit/rx";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  disableVerifier();
});

async function setup(): Promise<{ socket: DatagramSocket; peer: Socket; send: (text: string) => Promise<void> }> {
  const socket = await openDatagramSocket();
  cleanups.push(() => socket[Symbol.asyncDispose]());
  const local = new SockAddr();
  await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, local, irp));
  const peer = createSocket("udp4");
  await new Promise<void>((resolve) => peer.bind(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => peer.close(() => resolve())));
  const send = (text: string) => new Promise<void>((resolve) => peer.send(text, local.port, local.address, () => resolve()));
  return { socket, peer, send };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe("datagramIndications", () => {
  it("emits each datagram with its bytes and sender; take() unsubscribes and disables the event", async () => {
    const { socket, peer, send } = await setup();
    const three = firstValueFrom(
      datagramIndications(socket).pipe(
        // Copied during next: the bytes are the subscriber's only until it returns.
        map((d) => `${decode(d.bytes)}@${d.remote.port}`),
        take(3),
        toArray(),
      ),
    );
    for (const word of ["a", "b", "c"]) await send(word);
    const port = peer.address().port;
    expect(await three).toEqual([`a@${port}`, `b@${port}`, `c@${port}`]);
    // After unsubscribing, datagrams wait in the socket's queue instead of being indicated.
    await send("later");
    while (getDatagramCounters(socket).queued === 0) await turn();
    expect(getDatagramCounters(socket).indicated).toBe(3);
  });

  it("bytes are valid during next; retain() keeps them past it, release() gives the list back", async () => {
    const { socket, send } = await setup();
    const kept: DatagramIndication[] = [];
    const texts: string[] = [];
    let late: DatagramIndication | undefined;
    const subscription = datagramIndications(socket).subscribe((indication) => {
      texts.push(decode(indication.bytes));
      if (texts.length === 1) kept.push(indication.retain());
      else late = indication;
    });
    cleanups.push(() => subscription.unsubscribe());
    await send("kept");
    while (texts.length < 1) await turn();
    await send("not kept");
    while (texts.length < 2) await turn();
    expect(getDatagramCounters(socket).retained).toBe(1);
    expect(decode((kept[0] as DatagramIndication).bytes)).toBe("kept");
    expect(() => late?.bytes).toThrow(expect.objectContaining({ code: "ERR_INDICATION_RELEASED" }));
    expect(() => late?.retain()).toThrow(expect.objectContaining({ code: "ERR_INDICATION_NOT_LIVE" }));
    (kept[0] as DatagramIndication).release();
    expect(getDatagramCounters(socket)).toMatchObject({ retained: 0, released: 1 });
    expect(() => (kept[0] as DatagramIndication).release()).toThrow(expect.objectContaining({ code: "ERR_INDICATION_ALREADY_RELEASED" }));
    expect(IndicationError.is(new IndicationError("ERR_INDICATION_NOT_RETAINED"))).toBe(true);
  });

  it("past maxRetained, datagrams are dropped and counted", async () => {
    const { socket, send } = await setup();
    const counters = { emitted: 0, dropped: 0 };
    const kept: DatagramIndication[] = [];
    const subscription = datagramIndications(socket, { maxRetained: 2, counters }).subscribe((d) => kept.push(d.retain()));
    cleanups.push(() => subscription.unsubscribe());
    for (let i = 0; i < 5; i++) await send(`d${i}`);
    while (counters.emitted + counters.dropped < 5) await turn();
    expect(counters).toEqual({ emitted: 2, dropped: 3 });
    for (const d of kept) d.release();
    expect(getDatagramCounters(socket).retained).toBe(0);
  });

  it("unsubscribing gives back everything still retained", async () => {
    const { socket, send } = await setup();
    const subscription = datagramIndications(socket).subscribe((d) => void d.retain());
    await send("one");
    await send("two");
    while (getDatagramCounters(socket).retained < 2) await turn();
    subscription.unsubscribe();
    expect(getDatagramCounters(socket).retained).toBe(0);
  });

  it("a socket that dies is an error notification with STATUS_FILE_FORCED_CLOSED", async () => {
    const { socket } = await setup();
    const failure = new Promise<unknown>((resolve) => datagramIndications(socket).subscribe({ error: resolve }));
    await turn();
    (socket as unknown as Record<symbol, { engine: { loseHandle(): void } }>)[Symbol.for("@wskit/dgram.DatagramState")]?.engine.loseHandle();
    const error = await failure;
    expect(WskError.is(error) && error.code).toBe("STATUS_FILE_FORCED_CLOSED");
  });

  it("WskCloseSocket completes the Observable and gives back what is retained first: no leak reported", async () => {
    const { socket, send } = await setup();
    const violations: WskVerifierError[] = [];
    enableVerifier({ onViolation: (e) => violations.push(e) });
    const kept: DatagramIndication[] = [];
    let completed = false;
    datagramIndications(socket).subscribe({ next: (d) => void kept.push(d.retain()), complete: () => (completed = true) });
    await send("held at close");
    while (kept.length < 1) await turn();
    await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
    expect(completed).toBe(true);
    expect(kept[0]?.retained).toBe(false);
    expect(getDatagramCounters(socket).retained).toBe(0);
    expect(violations).toEqual([]);
  });

  it("under the verifier, writing through bytes kept past release() is caught (ERR_VERIFIER_BUFFER_USED_AFTER_FREE)", async () => {
    const { socket, send } = await setup();
    const violations: WskVerifierError[] = [];
    enableVerifier({ onViolation: (e) => violations.push(e) });
    const kept: DatagramIndication[] = [];
    const subscription = datagramIndications(socket).subscribe((d) => {
      if (kept.length === 0) kept.push(d.retain());
    });
    cleanups.push(() => subscription.unsubscribe());
    await send("first");
    while (kept.length < 1) await turn();
    const held = kept[0] as DatagramIndication;
    const stale = held.bytes;
    held.release(); // WskRelease: the buffer goes back to the pool, poisoned
    stale[0] = 1; // the bug: the view outlived the release
    await send("second"); // its buffer comes from the pool, where the poison is checked
    while (getDatagramCounters(socket).indicated < 2) await turn();
    expect(violations.map((v) => v.code)).toContain("ERR_VERIFIER_BUFFER_USED_AFTER_FREE");
  });

  it("gives each datagram exactly its bytes whatever the lengths in a row, and a retained one keeps its own", async () => {
    const { socket, send } = await setup();
    // Lengths repeat and change while pool buffers are reused from one datagram to the next.
    const words = ["aaaaa", "bbbbb", "ccccccccc", "dd", "dd", "eeeee", "f", "ggggggggggggg", "hh"];
    const seen: Array<{ text: string; length: number; again: boolean }> = [];
    let kept: DatagramIndication | undefined;
    const subscription = datagramIndications(socket).subscribe((d) => {
      const bytes = d.bytes;
      seen.push({ text: decode(bytes), length: bytes.byteLength, again: decode(d.bytes) === decode(bytes) });
      if (seen.length === 3) kept = d.retain();
    });
    cleanups.push(() => subscription.unsubscribe());
    for (const word of words) {
      await send(word);
      await turn();
    }
    while (seen.length < words.length) await turn();
    expect(seen).toEqual(words.map((text) => ({ text, length: text.length, again: true })));
    // The retained one's buffer was not handed out again while it was held.
    expect(decode((kept as DatagramIndication).bytes)).toBe("ccccccccc");
    (kept as DatagramIndication).release();
    expect(() => (kept as DatagramIndication).bytes).toThrow(expect.objectContaining({ code: "ERR_INDICATION_RELEASED" }));
  });

  it("refuses a maxRetained that is not a positive integer (ERR_OUT_OF_RANGE)", async () => {
    const { socket } = await setup();
    expect(() => datagramIndications(socket, { maxRetained: 0 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
  });
});
