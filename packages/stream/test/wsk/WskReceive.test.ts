import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createWskBuf,
  IoAllocateIrp,
  IoReuseIrp,
  IoSetCompletionRoutine,
  runIrp,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_CANCELLED,
  STATUS_CONNECTION_RESET,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_IO_DEVICE_ERROR,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_FLAG_DRAIN,
  WSK_FLAG_WAITALL,
} from "@wskit/core";
import { getStreamCounters } from "@wskit/stream";
import { failReceives } from "../../src/internal/receive";
import { kStream } from "../../src/internal/streamState";
import { boundConnection, closeFixture, connectedToPeer, decode, newFixture, receive, turn, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

describe("WskReceive without flags", () => {
  it("completes as soon as any data is there, with up to Length bytes", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const pending = receive(socket, 100);
    peer.write("hello");
    expect(await pending.result).toEqual({ Status: STATUS_SUCCESS, Information: 5 });
    expect(decode(pending.buffer.subarray(0, 5))).toBe("hello");
  });

  it("completes receives posted together in order, each with its own bytes", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const receives = [receive(socket, 4), receive(socket, 4), receive(socket, 4)];
    peer.write("aaaabbbbcc");
    const results = await Promise.all(receives.map((r) => r.result));
    expect(results.map((r) => r.Information)).toEqual([4, 4, 2]);
    expect(receives.map((r, i) => decode(r.buffer.subarray(0, results[i]?.Information as number)))).toEqual(["aaaa", "bbbb", "cc"]);
  });

  it("takes data that arrived before it from the backlog", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    peer.write("early");
    while (socket[kStream].backlogBytes < 5) await turn();
    const pending = receive(socket, 16);
    expect((await pending.result).Information).toBe(5);
    expect(decode(pending.buffer.subarray(0, 5))).toBe("early");
  });

  it("a receive the backlog satisfies is filled at once but completes through the completion queue, after the call; reposted per frame it keeps every byte in order", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const wire = Buffer.from(Array.from({ length: 1000 }, (_, i) => i & 0xff));
    peer.write(wire);
    while (socket[kStream].backlogBytes < 1000) await turn();
    const frames: Buffer[] = [];
    let completedInCall = false;
    await new Promise<void>((resolve) => {
      const irp = IoAllocateIrp(1);
      const buffer = new Uint8Array(10);
      const post = () => {
        let inCall = true;
        IoReuseIrp(irp, STATUS_SUCCESS);
        IoSetCompletionRoutine(irp, () => {
          if (inCall) completedInCall = true;
          frames.push(Buffer.from(buffer.subarray(0, irp.IoStatus.Information as number)));
          if (frames.length < 100) post();
          else resolve();
          return STATUS_MORE_PROCESSING_REQUIRED;
        }, null, true, true, true);
        expect(socket.Dispatch.WskReceive(socket, createWskBuf(buffer), WSK_FLAG_WAITALL, irp)).toBe(STATUS_PENDING);
        inCall = false;
      };
      post();
    });
    expect(completedInCall).toBe(false);
    expect(Buffer.concat(frames)).toEqual(wire);
    expect(socket[kStream].backlogBytes).toBe(0);
    expect(getStreamCounters(socket).receivesCompleted).toBe(100);
  });

  it("a receive posted behind one that waits does not take the backlog ahead of it", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const first = receive(socket, 6, WSK_FLAG_WAITALL);
    peer.write("abc");
    const filled = () => (socket[kStream].receives.peek()?.Tail.Overlay.DriverContext[2] as number | undefined) ?? 0;
    while (filled() + socket[kStream].backlogBytes < 3) await turn();
    // The first still waits for three more bytes: the second queues behind it.
    const order: string[] = [];
    const second = receive(socket, 3);
    void first.result.then(() => order.push("first"));
    void second.result.then(() => order.push("second"));
    await turn();
    expect(order).toEqual([]);
    peer.write("defghi");
    expect((await first.result).Information).toBe(6);
    expect((await second.result).Information).toBe(3);
    expect(order).toEqual(["first", "second"]);
    expect([decode(first.buffer), decode(second.buffer)]).toEqual(["abcdef", "ghi"]);
  });

  it("completes with STATUS_SUCCESS and 0 bytes at the peer's graceful end", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const pending = receive(socket, 16);
    peer.end();
    expect(await pending.result).toEqual({ Status: STATUS_SUCCESS, Information: 0 });
    expect(await receive(socket, 16).result).toEqual({ Status: STATUS_SUCCESS, Information: 0 });
  });

  it("a reset by the peer gets one code, whatever the timing: STATUS_CONNECTION_RESET, pending or posted after", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const pending = receive(socket, 16);
    await turn();
    peer.resetAndDestroy();
    expect((await pending.result).Status).toBe(STATUS_CONNECTION_RESET);
    expect((await receive(socket, 16).result).Status).toBe(STATUS_CONNECTION_RESET);
  });

  it("a receive posted only after the reset gets STATUS_CONNECTION_RESET too; other breaks STATUS_FILE_FORCED_CLOSED", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    peer.resetAndDestroy();
    for (let i = 0; i < 50 && socket[kStream].brokenStatus === STATUS_SUCCESS; i++) await new Promise((r) => setTimeout(r, 5));
    expect((await receive(socket, 16).result).Status).toBe(STATUS_CONNECTION_RESET);
    const other = await connectedToPeer(fixture);
    failReceives(other.socket[kStream], STATUS_IO_DEVICE_ERROR);
    expect((await receive(other.socket, 16).result).Status).toBe(STATUS_FILE_FORCED_CLOSED);
  });
});

describe("WskReceive with WSK_FLAG_WAITALL", () => {
  it("fills the buffer exactly across many small peer writes", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const pending = receive(socket, 1000, WSK_FLAG_WAITALL);
    const expected = Buffer.alloc(1000);
    for (let i = 0; i < 100; i++) {
      const piece = Buffer.alloc(10, i);
      piece.copy(expected, i * 10);
      peer.write(piece);
      if (i % 10 === 0) await turn();
    }
    peer.write("next");
    expect(await pending.result).toEqual({ Status: STATUS_SUCCESS, Information: 1000 });
    expect(Buffer.from(pending.buffer).equals(expected)).toBe(true);
    // Not a byte more: the next receive starts exactly after.
    const next = receive(socket, 16);
    expect(decode(next.buffer.subarray(0, (await next.result).Information as number))).toBe("next");
  });

  it("ended by a graceful close returns the partial count", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const pending = receive(socket, 100, WSK_FLAG_WAITALL);
    peer.end("partial");
    expect(await pending.result).toEqual({ Status: STATUS_SUCCESS, Information: 7 });
  });

  it("ended by a reset returns an error status", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const pending = receive(socket, 100, WSK_FLAG_WAITALL);
    peer.write("some");
    while (socket[kStream].receives.size === 0 || (socket[kStream].receives.peek()?.Tail.Overlay.DriverContext[2] as number) < 4) await turn();
    peer.resetAndDestroy();
    expect((await pending.result).Status).toBe(STATUS_CONNECTION_RESET);
  });

  it("ended by cancel returns STATUS_CANCELLED with the partial count", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const controller = new AbortController();
    const pending = receive(socket, 100, WSK_FLAG_WAITALL, controller.signal);
    peer.write("twelve bytes");
    while ((socket[kStream].receives.peek()?.Tail.Overlay.DriverContext[2] as number | undefined) !== 12) await turn();
    controller.abort();
    expect(await pending.result).toEqual({ Status: STATUS_CANCELLED, Information: 12 });
    expect(decode(pending.buffer.subarray(0, 12))).toBe("twelve bytes");
  });
});

describe("WskReceive with WSK_FLAG_DRAIN", () => {
  it("discards megabytes, then completes when the peer closes", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const pending = receive(socket, 0, WSK_FLAG_DRAIN);
    const megabyte = Buffer.alloc(1024 * 1024, 1);
    for (let i = 0; i < 8; i++) if (!peer.write(megabyte)) await new Promise((resolve) => peer.once("drain", resolve));
    peer.end();
    expect(await pending.result).toEqual({ Status: STATUS_SUCCESS, Information: 0 });
    expect(socket[kStream].backlogBytes).toBe(0);
  });

  it("completes STATUS_CANCELLED when cancelled", async () => {
    const { socket } = await connectedToPeer(fixture);
    const controller = new AbortController();
    const pending = receive(socket, 0, WSK_FLAG_DRAIN, controller.signal);
    controller.abort();
    expect((await pending.result).Status).toBe(STATUS_CANCELLED);
  });
});

describe("zero-length WskReceive", () => {
  it("completes with 0 bytes once data is there, consuming nothing", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const probe = receive(socket, 0);
    let done = false;
    void probe.result.then(() => (done = true));
    await turn();
    expect(done).toBe(false);
    peer.write("kept");
    expect(await probe.result).toEqual({ Status: STATUS_SUCCESS, Information: 0 });
    // At once when some is buffered, and the data is still all there.
    expect(await receive(socket, 0).result).toEqual({ Status: STATUS_SUCCESS, Information: 0 });
    const real = receive(socket, 16);
    expect(decode(real.buffer.subarray(0, (await real.result).Information as number))).toBe("kept");
  });
});

describe("refusals", () => {
  it.each([
    ["WAITALL with DRAIN", WSK_FLAG_WAITALL | WSK_FLAG_DRAIN, 0, STATUS_INVALID_PARAMETER],
    ["DRAIN with a Length", WSK_FLAG_DRAIN, 8, STATUS_INVALID_PARAMETER],
    ["an unknown flag", 0x10, 8, STATUS_NOT_SUPPORTED],
  ])("%s: returned and completed with its status", async (_name, flags, length, status) => {
    const { socket } = await connectedToPeer(fixture);
    let returned = 0;
    const buf = length === 0 ? { Mdl: null, Offset: 0, Length: 0 } : createWskBuf(new Uint8Array(length));
    const result = await runIrp((irp) => (returned = socket.Dispatch.WskReceive(socket, buf, flags, irp)));
    expect([returned, result.Status]).toEqual([status, status]);
  });

  it("on a socket that is not connected: STATUS_INVALID_DEVICE_STATE", async () => {
    const socket = await boundConnection(fixture);
    expect((await receive(socket, 8).result).Status).toBe(STATUS_INVALID_DEVICE_STATE);
  });

  it("returns STATUS_PENDING for an accepted request", async () => {
    const { socket } = await connectedToPeer(fixture);
    let returned = 0;
    const controller = new AbortController();
    const done = runIrp((irp) => (returned = socket.Dispatch.WskReceive(socket, createWskBuf(new Uint8Array(4)), 0, irp)), { signal: controller.signal });
    expect(returned).toBe(STATUS_PENDING);
    controller.abort();
    await done;
  });
});

describe("flow control", () => {
  it("a peer that sends 256 MiB to a client that does not read: memory stays bounded, then every byte arrives", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const total = 256 * 1024 * 1024;
    const baseline = process.memoryUsage().arrayBuffers;
    let peakMemory = 0;
    const sent = createHash("sha256");
    let written = 0;
    let peak = 0;
    const writer = (async () => {
      while (written < total) {
        const chunk = Buffer.alloc(64 * 1024, written / 65536);
        sent.update(chunk);
        written += chunk.byteLength;
        if (!peer.write(chunk)) await new Promise((resolve) => peer.once("drain", resolve));
      }
      peer.end();
    })();
    // Not reading for a while: TCP fills, the backlog stops at its bound.
    for (let i = 0; i < 200; i++) {
      await turn();
      peak = Math.max(peak, socket[kStream].backlogBytes);
      peakMemory = Math.max(peakMemory, process.memoryUsage().arrayBuffers - baseline);
    }
    expect(socket[kStream].paused).toBe(true);
    expect(written).toBeLessThan(total);
    const got = createHash("sha256");
    let received = 0;
    const buffer = new Uint8Array(256 * 1024);
    for (let reads = 0; ; reads++) {
      peak = Math.max(peak, socket[kStream].backlogBytes);
      if (reads % 64 === 0) peakMemory = Math.max(peakMemory, process.memoryUsage().arrayBuffers - baseline);
      const { Information } = await runIrp((irp) => socket.Dispatch.WskReceive(socket, createWskBuf(buffer), 0, irp));
      if (Information === 0) break;
      got.update(buffer.subarray(0, Information as number));
      received += Information as number;
    }
    await writer;
    expect(received).toBe(total);
    expect(got.digest("hex")).toBe(sent.digest("hex"));
    // The bound (256 KiB) plus the one read in flight.
    expect(peak).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
    // Buffer memory of the whole process (both ends, the peer's 64 KiB writes awaiting GC, the
    // pool) stays a fraction of what was sent.
    expect(peakMemory).toBeLessThan(64 * 1024 * 1024);
    console.log(`256 MiB through a paused client: peak backlog ${peak} B, peak array-buffer growth ${peakMemory} B`);
  }, 120_000);
});
