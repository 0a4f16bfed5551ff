import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createWskBuf,
  runIrp,
  SO_RCVBUF,
  SO_WSK_EVENT_CALLBACK,
  SOL_SOCKET,
  STATUS_DATA_NOT_ACCEPTED,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_DISABLE,
  WSK_EVENT_RECEIVE_FROM,
  WskSetOption,
  type NTSTATUS,
} from "@wskit/core";
import {
  getDatagramCounters,
  SO_WSKIT_RETENTION_LIMIT,
  type WskDatagramIndication,
  type DatagramCounters,
  type DatagramSocket,
} from "@wskit/dgram";
import { kDatagram } from "../../src/internal/datagramState";
import { closeFixture, localAddressOf, newFixture, openPeer, openSocket, sendFrom, until, type Fixture } from "../helpers/sockets";
import { captureWarnings } from "../../../core/test/helpers/warnings";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

const enable = (socket: DatagramSocket, mask = WSK_EVENT_RECEIVE_FROM) =>
  socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: mask }, 0, null, null, null);
const setOption = (socket: DatagramSocket, option: number, value: number) =>
  runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, option, SOL_SOCKET, 4, value, 0, null, null, irp));

function listOf(head: WskDatagramIndication | null): WskDatagramIndication[] {
  const list: WskDatagramIndication[] = [];
  for (let d = head; d !== null; d = d.Next) list.push(d);
  return list;
}

/** Every datagram the OS handed over ended in exactly one place. */
function accounted(c: DatagramCounters): number {
  return c.toIrps + c.indicated + c.queued + c.droppedQueueFull + c.droppedRetentionLimit + c.droppedNotFromRemote + c.droppedShutdown + c.droppedNoBuffer + c.droppedClosed;
}

describe("WskReceiveFromEvent", () => {
  it("is called with the datagrams of one event-loop turn as one linked list, with senders", async () => {
    const calls: string[][] = [];
    let context: unknown;
    const socket = await openSocket(fixture, {
      context: "my-context",
      dispatch: {
        WskReceiveFromEvent: (ctx, flags, head) => {
          context = ctx;
          expect(flags).toBe(0);
          calls.push(listOf(head).map((d) => `${decode(d.bytes)}@${d.RemoteAddress.port}`));
          return STATUS_SUCCESS;
        },
      },
    });
    expect(enable(socket)).toBe(STATUS_SUCCESS);
    const { peer, address } = await openPeer(fixture);
    const local = await localAddressOf(socket);
    // Ten datagrams sent back to back arrive within few turns: fewer lists than datagrams.
    await Promise.all(Array.from({ length: 10 }, (_, i) => sendFrom(peer, local, text(`d${i}`))));
    await until(() => calls.flat().length === 10);
    expect(calls.flat()).toEqual(Array.from({ length: 10 }, (_, i) => `d${i}@${address.port}`));
    expect(calls.length).toBeLessThan(10);
    expect(context).toBe("my-context");
    // STATUS_SUCCESS gave every buffer back.
    expect(socket[kDatagram].pool.outstanding).toBe(0);
  });

  it("STATUS_PENDING keeps the list until WskRelease; indications continue meanwhile", async () => {
    const kept: WskDatagramIndication[] = [];
    const socket = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_c, _f, head) => {
          if (head !== null) kept.push(head);
          return STATUS_PENDING;
        },
      },
    });
    enable(socket);
    const { peer } = await openPeer(fixture);
    const local = await localAddressOf(socket);
    await sendFrom(peer, local, text("first"));
    await until(() => kept.length === 1);
    await sendFrom(peer, local, text("second"));
    await until(() => kept.length === 2);
    // The kept buffers still hold their data after the callback returned.
    expect(kept.map((head) => decode(head.bytes))).toEqual(["first", "second"]);
    expect(getDatagramCounters(socket).retained).toBe(2);
    for (const head of kept) expect(socket.Dispatch.WskRelease(socket, head)).toBe(STATUS_SUCCESS);
    expect(getDatagramCounters(socket)).toMatchObject({ retained: 0, released: 2 });
    expect(socket[kDatagram].pool.outstanding).toBe(0);
    // Releasing twice, or a list this socket never indicated, is STATUS_INVALID_PARAMETER.
    expect(socket.Dispatch.WskRelease(socket, kept[0] as WskDatagramIndication)).toBe(STATUS_INVALID_PARAMETER);
    const other = await openSocket(fixture);
    expect(other.Dispatch.WskRelease(other, kept[1] as WskDatagramIndication)).toBe(STATUS_INVALID_PARAMETER);
    expect(socket.Dispatch.WskRelease(socket, {} as WskDatagramIndication)).toBe(STATUS_INVALID_PARAMETER);
  });

  it("STATUS_DATA_NOT_ACCEPTED leaves the datagrams queued and the callback off, until it is enabled again", async () => {
    let answer: NTSTATUS = STATUS_DATA_NOT_ACCEPTED;
    const seen: string[][] = [];
    const socket = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_c, _f, head) => {
          seen.push(listOf(head).map((d) => decode(d.bytes)));
          return answer;
        },
      },
    });
    enable(socket);
    const { peer } = await openPeer(fixture);
    const local = await localAddressOf(socket);
    await sendFrom(peer, local, text("a"));
    await until(() => seen.length === 1);
    await sendFrom(peer, local, text("b"));
    await until(() => getDatagramCounters(socket).queued === 2);
    expect(seen).toEqual([["a"]]); // off: "b" was not indicated
    answer = STATUS_SUCCESS;
    expect(enable(socket)).toBe(STATUS_SUCCESS);
    await until(() => seen.flat().length === 3);
    expect(seen.slice(1).flat()).toEqual(["a", "b"]); // queued first, in order
    await sendFrom(peer, local, text("c"));
    await until(() => seen.flat().includes("c"));
    expect(socket[kDatagram].pool.outstanding).toBe(0);
  });

  it("a queued datagram refused by the callback goes to the next WskReceiveFrom", async () => {
    const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: () => STATUS_DATA_NOT_ACCEPTED } });
    enable(socket);
    const { peer } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), text("refused"));
    await until(() => getDatagramCounters(socket).queued === 1 && (socket[kDatagram].flushScheduled === false));
    const buffer = new Uint8Array(16);
    const result = await runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(buffer), 0, null, null, null, null, irp));
    expect(decode(buffer.subarray(0, result.Information as number))).toBe("refused");
  });

  it("disabling the event stops indications; datagrams then wait in the queue", async () => {
    let count = 0;
    const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: () => (count++, STATUS_SUCCESS) } });
    enable(socket);
    expect(enable(socket, WSK_EVENT_RECEIVE_FROM | WSK_EVENT_DISABLE)).toBe(STATUS_SUCCESS);
    const { peer } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), text("waits"));
    await until(() => getDatagramCounters(socket).queued === 1);
    expect(count).toBe(0);
  });

  it("a null list says the socket died; pending receives complete with STATUS_FILE_FORCED_CLOSED, later calls too", async () => {
    const lists: Array<WskDatagramIndication | null> = [];
    const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: (_c, _f, head) => (lists.push(head), STATUS_SUCCESS) } });
    enable(socket);
    const pending = runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(new Uint8Array(8)), 0, null, null, null, null, irp));
    // The engine's socket goes under wskit, as when the process loses the handle.
    socket[kDatagram].engine?.loseHandle();
    expect((await pending).Status).toBe(STATUS_FILE_FORCED_CLOSED);
    await until(() => lists.length === 1);
    expect(lists).toEqual([null]);
    const later = await runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(new Uint8Array(8)), 0, null, null, null, null, irp));
    expect(later.Status).toBe(STATUS_FILE_FORCED_CLOSED);
    // The client must close it, and can.
    expect((await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp))).Status).toBe(STATUS_SUCCESS);
  });
});

describe("bounded memory", () => {
  it("the queue holds SO_RCVBUF bytes; past it the newest datagram is dropped and counted", async () => {
    const socket = await openSocket(fixture);
    expect((await setOption(socket, SO_RCVBUF, 4096)).Status).toBe(STATUS_SUCCESS);
    const { peer } = await openPeer(fixture);
    const local = await localAddressOf(socket);
    const sent = 40;
    for (let i = 0; i < sent; i++) await sendFrom(peer, local, text(`n${i}`));
    await until(() => getDatagramCounters(socket).received === sent);
    const counters = getDatagramCounters(socket);
    // Each small datagram holds a 256-byte pool buffer: 16 fit in 4096 bytes.
    expect(counters.queued).toBe(16);
    expect(counters.droppedQueueFull).toBe(sent - 16);
    expect(accounted(counters)).toBe(sent);
    // Tail drop: the oldest are the ones kept.
    const buffer = new Uint8Array(8);
    const first = await runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(buffer), 0, null, null, null, null, irp));
    expect(decode(buffer.subarray(0, first.Information as number))).toBe("n0");
  });

  it("retained indications count against the retention limit; past it new datagrams are dropped and counted", async () => {
    // (Datagrams that arrive under the limit but would pass it wait in the queue: see the stress test.)
    const kept: WskDatagramIndication[] = [];
    const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: (_c, _f, head) => (head && kept.push(head), STATUS_PENDING) } });
    expect((await setOption(socket, SO_WSKIT_RETENTION_LIMIT, 2048)).Status).toBe(STATUS_SUCCESS);
    enable(socket);
    const { peer } = await openPeer(fixture);
    const local = await localAddressOf(socket);
    // Fill the retention: 8 × 256 bytes = the 2048-byte limit.
    for (let i = 0; i < 8; i++) {
      await sendFrom(peer, local, text(`kept${i}`));
      await until(() => getDatagramCounters(socket).retained === i + 1);
    }
    // At the limit, new datagrams are dropped and counted, not queued.
    for (let i = 0; i < 5; i++) await sendFrom(peer, local, text(`over${i}`));
    await until(() => getDatagramCounters(socket).received === 13);
    const counters = getDatagramCounters(socket);
    expect(counters).toMatchObject({ retained: 8, queued: 0, droppedRetentionLimit: 5 });
    expect(accounted(counters)).toBe(13);
    // A release makes room again.
    for (const head of kept.splice(0)) expect(socket.Dispatch.WskRelease(socket, head)).toBe(STATUS_SUCCESS);
    await sendFrom(peer, local, text("after"));
    await until(() => kept.length === 1);
    expect(decode((kept[0] as WskDatagramIndication).bytes)).toBe("after");
    socket.Dispatch.WskRelease(socket, kept[0] as WskDatagramIndication);
    expect(socket[kDatagram].pool.outstanding).toBe(0);
  });

  it("a client that transfers a datagram's pool memory away loses nothing: the pool's memory stays, every buffer comes back", async () => {
    // Found probing the node engine: the memory of an indicated datagram is a pool slab shared
    // with other datagrams; transferring it detached them all, and giving the list back threw
    // inside the provider (an internal error), leaving its buffers out for good.
    using capture = captureWarnings();
    const seen: number[] = [];
    let kept: WskDatagramIndication | null = null;
    const socket = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_c, _f, head) => {
          for (const d of listOf(head)) {
            const memory = d.Buffer.Mdl?.MappedSystemVa.buffer as ArrayBuffer;
            try {
              structuredClone(memory, { transfer: [memory] });
            } catch {
              // A runtime that refuses the transfer outright is as good.
            }
            seen.push(d.bytes[0] as number);
          }
          if (kept !== null || head === null) return STATUS_SUCCESS;
          kept = head;
          return STATUS_PENDING;
        },
      },
    });
    enable(socket);
    const { peer } = await openPeer(fixture);
    const to = await localAddressOf(socket);
    // In bursts, so lists hold several datagrams of one slab.
    const send = (value: number) => new Promise<void>((resolve, reject) => peer.send(new Uint8Array(3).fill(value), to.port, to.address, (error) => (error ? reject(error) : resolve())));
    for (let burst = 0; burst < 4; burst++) await Promise.all(Array.from({ length: 10 }, (_, i) => send(burst * 10 + i + 1)));
    await until(() => seen.length === 40);
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const retained = kept as WskDatagramIndication | null;
    expect(retained?.bytes).toEqual(new Uint8Array([1, 1, 1]));
    expect(socket.Dispatch.WskRelease(socket, retained as WskDatagramIndication)).toBe(STATUS_SUCCESS);
    expect(getDatagramCounters(socket).buffersInUse).toBe(0);
    expect(capture.codes).toEqual([]);
  });

  it("options refuse sizes outside 1 KiB to 256 MiB, and read back", async () => {
    const socket = await openSocket(fixture);
    expect((await setOption(socket, SO_RCVBUF, 100)).Status).toBe(STATUS_INVALID_PARAMETER);
    await setOption(socket, SO_RCVBUF, 65_536);
    const value = { value: 0 };
    const result = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, 1 /* WskGetOption */, SO_RCVBUF, SOL_SOCKET, 0, null, 4, value, null, irp));
    expect([result.Status, value.value]).toEqual([STATUS_SUCCESS, 65_536]);
  });
});

describe("WskCloseSocket on a datagram socket", () => {
  it("cancels pending receives, gives back retained lists (with a warning), and frees the queue", async () => {
    using capture = captureWarnings();
    const kept: WskDatagramIndication[] = [];
    const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: (_c, _f, head) => (head && kept.push(head), STATUS_PENDING) } });
    enable(socket);
    const { peer } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), text("kept"));
    await until(() => kept.length === 1);
    const pending = runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(new Uint8Array(8)), 0, null, null, null, null, irp));
    const closed = await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
    expect(closed.Status).toBe(STATUS_SUCCESS);
    expect((await pending).Status).toBe(0xc0000120); // STATUS_CANCELLED
    await new Promise((r) => setImmediate(r));
    expect(capture.codes).toContain("WSKIT_RETAINED_AT_CLOSE");
    expect(socket[kDatagram].pool.outstanding).toBe(0);
    expect(socket.Dispatch.WskRelease(socket, kept[0] as WskDatagramIndication)).toBe(STATUS_INVALID_PARAMETER);
  });
});
