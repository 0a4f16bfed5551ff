import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AF_INET,
  AF_INET6,
  createWskBuf,
  IoAllocateIrp,
  IoCancelIrp,
  IoFreeIrp,
  IoSetCompletionRoutine,
  MSG_TRUNC,
  ref,
  runIrp,
  SIO_WSK_SET_REMOTE_ADDRESS,
  SO_WSK_EVENT_CALLBACK,
  SockAddr,
  SOL_SOCKET,
  STATUS_BUFFER_OVERFLOW,
  STATUS_CANCELLED,
  STATUS_INVALID_PARAMETER,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_RECEIVE_FROM,
  WskIoctl,
  WskSetOption,
  type AddressFamily,
  type IRP,
} from "@wskit/core";
import { getDatagramCounters, type DatagramSocket } from "@wskit/dgram";
import { closeFixture, localAddressOf, newFixture, openPeer, openSocket, sendFrom, until, type Fixture } from "../helpers/sockets";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

function receive(socket: DatagramSocket, size: number, options: { remote?: SockAddr; flags?: { value: number }; guard?: boolean } = {}) {
  // The WSK_BUF sits inside a larger region whose guard bytes must never be written.
  const region = new Uint8Array(size + 8).fill(0xee);
  const buffer = region.subarray(4, 4 + size);
  const result = runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(buffer), 0, options.remote ?? null, null, null, options.flags ?? null, irp));
  return { result, buffer, region };
}

describe("WskReceiveFrom", () => {
  it.each([AF_INET, AF_INET6] as AddressFamily[])("takes one datagram: bytes, Information and the sender (family %i)", async (family) => {
    const socket = await openSocket(fixture, { family });
    const { peer, address } = await openPeer(fixture, family);
    const remote = new SockAddr(family);
    const flags = ref(-1);
    const pending = receive(socket, 64, { remote, flags });
    await sendFrom(peer, await localAddressOf(socket, family), text("datagram"));
    expect(await pending.result).toEqual({ Status: STATUS_SUCCESS, Information: 8 });
    expect(decode(pending.buffer.subarray(0, 8))).toBe("datagram");
    expect(remote.equals(address)).toBe(true);
    expect(flags.value).toBe(0);
  });

  it("returns STATUS_PENDING and completes later when no datagram waits", async () => {
    const socket = await openSocket(fixture);
    const { peer } = await openPeer(fixture);
    let returned = 0;
    let done = false;
    const result = runIrp((irp) => (returned = socket.Dispatch.WskReceiveFrom(socket, createWskBuf(new Uint8Array(4)), 0, null, null, null, null, irp))).then(
      (r) => ((done = true), r),
    );
    expect(returned).toBe(STATUS_PENDING);
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    await sendFrom(peer, await localAddressOf(socket), text("late"));
    expect(await result).toEqual({ Status: STATUS_SUCCESS, Information: 4 });
  });

  it("truncates a datagram larger than the buffer: STATUS_BUFFER_OVERFLOW, MSG_TRUNC, the rest discarded", async () => {
    const socket = await openSocket(fixture);
    const { peer } = await openPeer(fixture);
    const flags = ref(0);
    const first = receive(socket, 5, { flags });
    await sendFrom(peer, await localAddressOf(socket), text("0123456789"), text("next"));
    expect(await first.result).toEqual({ Status: STATUS_BUFFER_OVERFLOW, Information: 5 });
    expect(decode(first.buffer)).toBe("01234");
    expect(flags.value & MSG_TRUNC).toBe(MSG_TRUNC);
    expect([...first.region.subarray(0, 4), ...first.region.subarray(9)]).toEqual(new Array(8).fill(0xee));
    // The excess is gone: the next receive gets the next datagram, whole.
    const second = receive(socket, 16);
    expect(await second.result).toEqual({ Status: STATUS_SUCCESS, Information: 4 });
    expect(decode(second.buffer.subarray(0, 4))).toBe("next");
    expect(getDatagramCounters(socket).truncated).toBe(1);
  });

  it("truncates a datagram that waited in the queue the same way", async () => {
    const socket = await openSocket(fixture);
    const { peer } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), text("queued-datagram"));
    await until(() => getDatagramCounters(socket).queued === 1);
    const flags = ref(0);
    const pending = receive(socket, 6, { flags });
    expect(await pending.result).toEqual({ Status: STATUS_BUFFER_OVERFLOW, Information: 6 });
    expect(decode(pending.buffer)).toBe("queued");
    expect(flags.value).toBe(MSG_TRUNC);
  });

  it("serves queued receives first-in first-out, each with its own datagram", async () => {
    const socket = await openSocket(fixture);
    const { peer } = await openPeer(fixture);
    const receives = [receive(socket, 8), receive(socket, 8), receive(socket, 8)];
    await sendFrom(peer, await localAddressOf(socket), text("a"), text("bb"), text("ccc"));
    const results = await Promise.all(receives.map((r) => r.result));
    expect(results.map((r) => r.Information)).toEqual([1, 2, 3]);
    expect(receives.map((r, i) => decode(r.buffer.subarray(0, i + 1)))).toEqual(["a", "bb", "ccc"]);
  });

  it("takes a datagram before the event callback does (precedence)", async () => {
    const indicated: string[] = [];
    const socket = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_c, _f, list) => {
          for (let d = list; d !== null; d = d.Next) indicated.push(decode(d.bytes));
          return STATUS_SUCCESS;
        },
      },
    });
    expect(socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null)).toBe(
      STATUS_SUCCESS,
    );
    const { peer } = await openPeer(fixture);
    const pending = receive(socket, 16);
    await sendFrom(peer, await localAddressOf(socket), text("for-the-irp"), text("for-the-event"));
    expect(decode((await pending.buffer.subarray(0, (await pending.result).Information as number)))).toBe("for-the-irp");
    await until(() => indicated.length === 1);
    expect(indicated).toEqual(["for-the-event"]);
  });

  it("completes a cancelled receive once with STATUS_CANCELLED, and the next datagram goes to the next receive", async () => {
    const socket = await openSocket(fixture);
    const { peer } = await openPeer(fixture);
    const seen: number[] = [];
    const irp = IoAllocateIrp(1);
    IoSetCompletionRoutine(irp, (_d, done: IRP) => (seen.push(done.IoStatus.Status), STATUS_MORE_PROCESSING_REQUIRED), null, true, true, true);
    socket.Dispatch.WskReceiveFrom(socket, createWskBuf(new Uint8Array(8)), 0, null, null, null, null, irp);
    expect(IoCancelIrp(irp)).toBe(true);
    const next = receive(socket, 8);
    await sendFrom(peer, await localAddressOf(socket), text("kept"));
    expect((await next.result).Information).toBe(4);
    expect(seen).toEqual([STATUS_CANCELLED]);
    IoFreeIrp(irp);
  });

  it("refuses Flags other than 0 and a RemoteAddress that is not a SockAddr", async () => {
    const socket = await openSocket(fixture);
    const buf = createWskBuf(new Uint8Array(8));
    expect((await runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, buf, 2, null, null, null, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect((await runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, buf, 0, {} as SockAddr, null, null, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect((await runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, { Mdl: null, Offset: 0, Length: 3 }, 0, null, null, null, null, irp))).Status).toBe(
      STATUS_INVALID_PARAMETER,
    );
  });
});

describe("SIO_WSK_SET_REMOTE_ADDRESS", () => {
  it("accepts only datagrams from that address; others are discarded and counted; input size 0 clears it", async () => {
    const socket = await openSocket(fixture);
    const local = await localAddressOf(socket);
    const chosen = await openPeer(fixture);
    const other = await openPeer(fixture);
    const set = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskIoctl, SIO_WSK_SET_REMOTE_ADDRESS, 0, 16, chosen.address, 0, null, null, irp));
    expect(set.Status).toBe(STATUS_SUCCESS);
    const pending = receive(socket, 16);
    await sendFrom(other.peer, local, text("stranger"));
    await sendFrom(chosen.peer, local, text("chosen"));
    expect(decode(pending.buffer.subarray(0, (await pending.result).Information as number))).toBe("chosen");
    expect(getDatagramCounters(socket).droppedNotFromRemote).toBe(1);

    await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskIoctl, SIO_WSK_SET_REMOTE_ADDRESS, 0, 0, null, 0, null, null, irp));
    const open = receive(socket, 16);
    await sendFrom(other.peer, local, text("welcome"));
    expect(decode(open.buffer.subarray(0, (await open.result).Information as number))).toBe("welcome");
  });

  it("refuses an address of the other family", async () => {
    const socket = await openSocket(fixture);
    const result = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskIoctl, SIO_WSK_SET_REMOTE_ADDRESS, 0, 28, SockAddr.from("::1", 5), 0, null, null, irp));
    expect(result.Status).toBe(STATUS_INVALID_PARAMETER);
  });
});
