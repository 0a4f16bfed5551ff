import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWskBuf, runIrp, STATUS_CANCELLED } from "@wskit/core";
import { kStream, ReadInto } from "../../src/internal/streamState";
import { closeFixture, connectedToPeer, newFixture, receive, turn, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

// Node asks onread for the next read's buffer right after each read, and keeps it lent until the
// read after. Two bugs came of that: a paused socket with an empty pool left the last filled chunk
// lent (the next read overwrote unread data), and a re-lend in the middle of delivering picked a
// receive that was about to complete (the next read went into it). Both lost bytes mid-stream.
describe("regression: the buffer lent for the next read", () => {
  it("a 64 MiB stream read through pauses arrives with no gap and no overwrite", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const total = 64 * 1024 * 1024;
    const writer = (async () => {
      let sequence = 0;
      for (let written = 0; written < total; written += 64 * 1024) {
        const chunk = Buffer.alloc(64 * 1024);
        for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE(sequence++, i);
        if (!peer.write(chunk)) await new Promise((resolve) => peer.once("drain", resolve));
      }
      peer.end();
    })();
    // Let it fill the backlog and pause first.
    for (let i = 0; i < 50; i++) await turn();
    const buffer = new Uint8Array(256 * 1024);
    let received = 0;
    let carry = new Uint8Array(0);
    let expected = 0;
    for (;;) {
      const { Information } = await runIrp((irp) => socket.Dispatch.WskReceive(socket, createWskBuf(buffer), 0, irp));
      if (Information === 0) break;
      const bytes = new Uint8Array(carry.byteLength + (Information as number));
      bytes.set(carry);
      bytes.set(buffer.subarray(0, Information as number), carry.byteLength);
      const whole = bytes.byteLength - (bytes.byteLength % 4);
      const view = new DataView(bytes.buffer, 0, whole);
      for (let i = 0; i < whole; i += 4) {
        const sequence = view.getUint32(i, true);
        if (sequence !== expected) throw new Error(`gap at byte ${received + i - carry.byteLength}: ${sequence} for ${expected}`);
        expected++;
      }
      carry = bytes.slice(whole);
      received += Information as number;
    }
    await writer;
    expect(received).toBe(total);
  }, 60_000);

  it("a receive cancelled while its buffer is lent is never written after it completed", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const controller = new AbortController();
    const taker = receive(socket, 64);
    const first = receive(socket, 64, 0, controller.signal);
    // A read completes the taker; the buffer lent for the next read is then the first receive's.
    peer.write("x");
    expect((await taker.result).Information).toBe(1);
    expect(socket[kStream].readInto).toBe(ReadInto.Receive);
    controller.abort();
    expect((await first.result).Status).toBe(STATUS_CANCELLED);
    const untouched = first.buffer.slice();
    peer.write("after the cancel");
    await turn();
    await turn();
    const second = receive(socket, 64);
    await second.result;
    expect(new TextDecoder().decode(second.buffer.subarray(0, 16))).toBe("after the cancel");
    expect(first.buffer).toEqual(untouched);
  });
});
