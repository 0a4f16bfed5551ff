// Issue 17: the small WskSends of one event-loop turn go to the OS together (staged into one buffer,
// one write at the end of the turn), each IRP still completing with its own status and byte count,
// in order.
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWskBuf, runIrp, STATUS_CANCELLED, STATUS_CONNECTION_ABORTED, STATUS_FILE_FORCED_CLOSED, STATUS_SUCCESS, type IO_STATUS_BLOCK } from "@wskit/core";
import { kStream } from "../../src/internal/streamState";
import { closeFixture, connectedToPeer, newFixture, send, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 2));
}

describe("WskSend batches the small sends of one turn", () => {
  it("1,000 sends of 100 bytes in one turn: staged together, each completes with its own count, in order, every byte arrives", async () => {
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
    // Staged while the turn lasts: only full staging buffers (64 KiB) have gone to Node yet.
    expect(socket[kStream].stagedSends).toBe(1000 - 655);
    const results = await Promise.all(sends);
    expect(results.every((r) => r.Status === STATUS_SUCCESS && r.Information === 100)).toBe(true);
    expect(order).toEqual([...Array(1000).keys()]);
    await until(() => received.reduce((n, b) => n + b.byteLength, 0) === 100_000);
    expect(createHash("sha256").update(Buffer.concat(received)).digest("hex")).toBe(expected.digest("hex"));
    // A handful of reads, not a thousand: the sends went out together.
    expect(received.length).toBeLessThan(100);
    expect(socket[kStream].staged).toBeNull();
  });

  it("chains and sends of every small size, past one staging buffer in a turn: every byte, in order", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const received: Buffer[] = [];
    peer.on("data", (chunk: Buffer) => received.push(chunk));
    peer.on("error", () => {});
    const parts: Uint8Array[] = [];
    const sends: Array<Promise<IO_STATUS_BLOCK>> = [];
    for (let i = 0; i < 300; i++) {
      const size = 1 + ((i * 7919) % (16 * 1024));
      const bytes = new Uint8Array(size).map((_, k) => (i + k) & 0xff);
      parts.push(bytes);
      // Every third one is a chain of three MDLs entered at an offset.
      const buffer = i % 3 === 0 && size > 2 ? createWskBuf([new Uint8Array([9, 9, ...bytes.subarray(0, 1)]), bytes.subarray(1, size - 1), bytes.subarray(size - 1)], 2, size) : createWskBuf(bytes);
      sends.push(runIrp((irp) => socket.Dispatch.WskSend(socket, buffer, 0, irp)));
    }
    const results = await Promise.all(sends);
    expect(results.map((r) => [r.Status, r.Information])).toEqual(parts.map((p) => [STATUS_SUCCESS, p.byteLength]));
    const total = parts.reduce((n, p) => n + p.byteLength, 0);
    await until(() => received.reduce((n, b) => n + b.byteLength, 0) === total);
    expect(Buffer.concat(received).equals(Buffer.concat(parts))).toBe(true);
  });

  it("a graceful WskDisconnect in the same turn sends what was staged before its FIN; an abortive one completes each staged send", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const received: Buffer[] = [];
    peer.on("data", (chunk: Buffer) => received.push(chunk));
    peer.on("error", () => {});
    const ended = new Promise<void>((resolve) => peer.once("end", () => resolve()));
    const sends = Array.from({ length: 20 }, (_, i) => send(socket, new Uint8Array(50).fill(i)));
    const disconnect = runIrp((irp) => socket.Dispatch.WskDisconnect(socket, createWskBuf(new Uint8Array([0xff])), 0, irp));
    expect((await Promise.all(sends)).every((r) => r.Status === STATUS_SUCCESS && r.Information === 50)).toBe(true);
    expect((await disconnect).Status).toBe(STATUS_SUCCESS);
    await ended;
    expect(Buffer.concat(received)).toEqual(Buffer.concat([...Array.from({ length: 20 }, (_, i) => Buffer.alloc(50, i)), Buffer.from([0xff])]));

    const second = await connectedToPeer(fixture);
    second.peer.on("error", () => {});
    const staged = Array.from({ length: 20 }, () => send(second.socket, new Uint8Array(50)));
    expect((await runIrp((irp) => second.socket.Dispatch.WskDisconnect(second.socket, null, 0x1, irp))).Status).toBe(STATUS_SUCCESS);
    const statuses = (await Promise.all(staged)).map((r) => r.Status);
    expect(statuses).toHaveLength(20);
    // Each completed once: handed to the OS before the reset (Node writes at once when it can), or
    // with the connection's status.
    expect(statuses.every((s) => [STATUS_SUCCESS, STATUS_CANCELLED, STATUS_CONNECTION_ABORTED, STATUS_FILE_FORCED_CLOSED].includes(s))).toBe(true);
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
