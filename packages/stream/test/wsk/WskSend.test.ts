// Issue 17: the small WskSends of one event-loop turn go to the OS together (corked, one writev),
// each IRP still completing with its own status and byte count, in order.
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWskBuf, runIrp, STATUS_CANCELLED, STATUS_SUCCESS, type IO_STATUS_BLOCK } from "@wskit/core";
import { kStream } from "../../src/internal/streamState";
import { closeFixture, connectedToPeer, newFixture, send, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 2));
}

describe("WskSend batches the small sends of one turn", () => {
  it("1,000 sends of 100 bytes in one turn: corked together, each completes with its own count, in order, every byte arrives", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const received: Buffer[] = [];
    peer.on("data", (chunk: Buffer) => received.push(chunk));
    peer.on("error", () => {}); // the fixture resets the connection at the end
    const order: number[] = [];
    const sends: Array<Promise<IO_STATUS_BLOCK>> = [];
    const expected = createHash("sha256");
    for (let i = 0; i < 1000; i++) {
      const message = new Uint8Array(100).fill(i & 0xff);
      expected.update(message);
      sends.push(send(socket, message).then((result) => (order.push(i), result)));
    }
    // Corked while the turn lasts: nothing has gone to the OS yet.
    expect(socket[kStream].node?.writableCorked).toBe(1);
    const results = await Promise.all(sends);
    expect(results.every((r) => r.Status === STATUS_SUCCESS && r.Information === 100)).toBe(true);
    expect(order).toEqual([...Array(1000).keys()]);
    await until(() => received.reduce((n, b) => n + b.byteLength, 0) === 100_000);
    expect(createHash("sha256").update(Buffer.concat(received)).digest("hex")).toBe(expected.digest("hex"));
    // A handful of reads, not a thousand: the sends went out together.
    expect(received.length).toBeLessThan(100);
    expect(socket[kStream].node?.writableCorked).toBe(0);
  });

  it("small and large sends mixed in one turn keep their order", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const received: Buffer[] = [];
    peer.on("data", (chunk: Buffer) => received.push(chunk));
    peer.on("error", () => {}); // the fixture resets the connection at the end
    const parts = [new Uint8Array(10).fill(1), new Uint8Array(256 * 1024).fill(2), new Uint8Array(10).fill(3), new Uint8Array(100).fill(4)];
    const results = await Promise.all(parts.map((part) => send(socket, part)));
    expect(results.map((r) => r.Information)).toEqual(parts.map((p) => p.byteLength));
    const total = parts.reduce((n, p) => n + p.byteLength, 0);
    await until(() => received.reduce((n, b) => n + b.byteLength, 0) === total);
    expect(Buffer.concat(received).equals(Buffer.concat(parts))).toBe(true);
  });

  it("closing with corked sends: each completes (sent or cancelled), none is lost or completed twice", async () => {
    const { socket } = await connectedToPeer(fixture);
    const sends = Array.from({ length: 50 }, () => runIrp((irp) => socket.Dispatch.WskSend(socket, createWskBuf(new Uint8Array(100)), 0, irp)));
    fixture.sockets.splice(fixture.sockets.indexOf(socket), 1);
    await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
    const statuses = (await Promise.all(sends)).map((r) => r.Status);
    expect(statuses).toHaveLength(50);
    expect(statuses.every((s) => s === STATUS_SUCCESS || s === STATUS_CANCELLED)).toBe(true);
  });
});
