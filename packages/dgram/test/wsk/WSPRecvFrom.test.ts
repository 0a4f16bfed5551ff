import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AF_INET6,
  MSG_OOB,
  MSG_PARTIAL,
  MSG_PEEK,
  ref,
  runIrp,
  SD_RECEIVE,
  SD_SEND,
  SIO_WSK_SET_REMOTE_ADDRESS,
  SOCKET_ERROR,
  SockAddr,
  WSA_IO_INCOMPLETE,
  WSA_IO_PENDING,
  WSA_OPERATION_ABORTED,
  WSAENOTCONN,
  WSAEFAULT,
  WSAEINVAL,
  WSAEISCONN,
  WSAEMSGSIZE,
  WSAENOTSOCK,
  WSAEOPNOTSUPP,
  WSAESHUTDOWN,
  WSAEWOULDBLOCK,
  WskIoctl,
} from "@wskit/core";
import {
  getDatagramCounters,
  newOverlapped,
  WSPGetOverlappedResult,
  WSPRecvFrom,
  WSPSendTo,
  WSPShutdown,
  type DatagramSocket,
  type WSABUF,
} from "@wskit/dgram";
import { closeFixture, localAddressOf, newFixture, nextMessage, openPeer, openSocket, sendFrom, until, type Fixture } from "../helpers/sockets";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

// Two scatter buffers inside guarded regions: bytes outside `len` must never change.
function scatter(first: number, second: number): { buffers: WSABUF[]; regions: Uint8Array[] } {
  const regions = [new Uint8Array(first + 4).fill(0xee), new Uint8Array(second + 4).fill(0xee)];
  return { regions, buffers: regions.map((region, i) => ({ buf: region, len: i === 0 ? first : second })) };
}

async function waitingDatagram(socket: DatagramSocket, ...payloads: string[]) {
  const { peer, address } = await openPeer(fixture);
  const before = getDatagramCounters(socket).queued;
  await sendFrom(peer, await localAddressOf(socket), ...payloads.map(text));
  await until(() => getDatagramCounters(socket).queued === before + payloads.length);
  return { peer, address };
}

function recv(s: DatagramSocket, buffers: WSABUF[], flags = 0, from: SockAddr | null = null, fromlen = 28, overlapped: ReturnType<typeof newOverlapped> | null = null, routine: ((e: number, n: number, f: number) => void) | null = null) {
  const bytes = ref(0);
  const lpFlags = ref(flags);
  const lpFromlen = ref(fromlen);
  const errno = ref(0);
  const result = WSPRecvFrom(s, buffers, buffers.length, bytes, lpFlags, from, from === null ? null : lpFromlen, overlapped, routine, null, errno);
  return { result, bytes: bytes.value, flags: lpFlags.value, fromlen: lpFromlen.value, errno: errno.value };
}

describe("WSPRecvFrom, non-overlapped", () => {
  it("fills two scatter buffers in order with no holes, and the source address", async () => {
    const socket = await openSocket(fixture);
    const { address } = await waitingDatagram(socket, "abcdefgh");
    const { buffers, regions } = scatter(3, 10);
    const from = new SockAddr();
    const r = recv(socket, buffers, 0, from, 16);
    expect(r).toMatchObject({ result: 0, bytes: 8, fromlen: 16 });
    expect(decode((regions[0] as Uint8Array).subarray(0, 3)) + decode((regions[1] as Uint8Array).subarray(0, 5))).toBe("abcdefgh");
    expect([...(regions[0] as Uint8Array).subarray(3)]).toEqual([0xee, 0xee, 0xee, 0xee]);
    expect(from.equals(address)).toBe(true);
  });

  it("MSG_PEEK copies without removing", async () => {
    const socket = await openSocket(fixture);
    await waitingDatagram(socket, "peeked");
    const first = scatter(16, 0);
    expect(recv(socket, first.buffers, MSG_PEEK)).toMatchObject({ result: 0, bytes: 6 });
    const second = scatter(16, 0);
    expect(recv(socket, second.buffers)).toMatchObject({ result: 0, bytes: 6 });
    expect(decode((second.regions[0] as Uint8Array).subarray(0, 6))).toBe("peeked");
    expect(recv(socket, scatter(16, 0).buffers)).toMatchObject({ result: SOCKET_ERROR, errno: WSAEWOULDBLOCK });
  });

  it("a datagram larger than the buffers: first part delivered, rest discarded, WSAEMSGSIZE, no MSG_PARTIAL", async () => {
    const socket = await openSocket(fixture);
    await waitingDatagram(socket, "0123456789", "next");
    const { buffers, regions } = scatter(2, 3);
    const r = recv(socket, buffers, MSG_PARTIAL);
    expect(r).toMatchObject({ result: SOCKET_ERROR, errno: WSAEMSGSIZE, bytes: 5 });
    expect(r.flags & MSG_PARTIAL).toBe(0);
    expect(decode((regions[0] as Uint8Array).subarray(0, 2)) + decode((regions[1] as Uint8Array).subarray(0, 3))).toBe("01234");
    expect([...(regions[1] as Uint8Array).subarray(3)]).toEqual([0xee, 0xee, 0xee, 0xee]);
    const next = scatter(16, 0);
    expect(recv(socket, next.buffers)).toMatchObject({ result: 0, bytes: 4 });
  });

  it("an lpFrom too small for the peer address fails with WSAEFAULT without consuming the datagram", async () => {
    const socket = await openSocket(fixture, { family: AF_INET6 });
    const { peer } = await openPeer(fixture, AF_INET6);
    await sendFrom(peer, await localAddressOf(socket, AF_INET6), text("v6"));
    await until(() => getDatagramCounters(socket).queued === 1);
    const from = new SockAddr(AF_INET6);
    expect(recv(socket, scatter(8, 0).buffers, 0, from, 16)).toMatchObject({ result: SOCKET_ERROR, errno: WSAEFAULT });
    expect(recv(socket, scatter(8, 0).buffers, 0, from, 28)).toMatchObject({ result: 0, bytes: 2, fromlen: 28 });
    expect(from.family).toBe(AF_INET6);
  });

  it.each<[string, (s: DatagramSocket) => Promise<unknown>, number, number]>([
    ["an unbound socket", async () => undefined, WSAEINVAL, 0],
    ["MSG_OOB on a datagram socket", async () => undefined, WSAEOPNOTSUPP, MSG_OOB],
    [
      "a connected socket (fixed remote address)",
      (s) => runIrp((irp) => s.Dispatch.WskControlSocket(s, WskIoctl, SIO_WSK_SET_REMOTE_ADDRESS, 0, 16, SockAddr.from("127.0.0.1", 9), 0, null, null, irp)),
      WSAEISCONN,
      0,
    ],
    ["a socket whose receives were shut down", async (s) => WSPShutdown(s, SD_RECEIVE, ref(0)), WSAESHUTDOWN, 0],
  ])("fails on %s", async (name, prepare, errno, flags) => {
    const socket = await openSocket(fixture, { bind: !name.includes("unbound") });
    await prepare(socket);
    expect(recv(socket, scatter(8, 0).buffers, flags)).toMatchObject({ result: SOCKET_ERROR, errno });
  });

  it("fails with WSAEFAULT for buffers not inside their memory, and WSAENOTSOCK for what is not an open socket", async () => {
    const socket = await openSocket(fixture);
    expect(recv(socket, [{ buf: new Uint8Array(2), len: 3 }])).toMatchObject({ result: SOCKET_ERROR, errno: WSAEFAULT });
    expect(recv({} as DatagramSocket, scatter(8, 0).buffers)).toMatchObject({ result: SOCKET_ERROR, errno: WSAENOTSOCK });
    await socket[Symbol.asyncDispose]();
    expect(recv(socket, scatter(8, 0).buffers)).toMatchObject({ result: SOCKET_ERROR, errno: WSAENOTSOCK });
  });
});

describe("WSPRecvFrom, overlapped", () => {
  it("returns SOCKET_ERROR + WSA_IO_PENDING, then queues the routine once; lpFrom is set only at completion", async () => {
    const socket = await openSocket(fixture);
    const calls: number[][] = [];
    const from = new SockAddr();
    const overlapped = newOverlapped();
    const { buffers, regions } = scatter(4, 4);
    const r = recv(socket, buffers, 0, from, 16, overlapped, (e, n, f) => calls.push([e, n, f]));
    expect(r).toMatchObject({ result: SOCKET_ERROR, errno: WSA_IO_PENDING });
    // The WSABUF array is transient: changing it now must not matter.
    buffers.length = 0;
    expect(from.port).toBe(0);
    const { peer, address } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), text("overlap!"));
    await until(() => calls.length === 1);
    expect(calls).toEqual([[0, 8, 0]]);
    expect(decode((regions[0] as Uint8Array).subarray(0, 4)) + decode((regions[1] as Uint8Array).subarray(0, 4))).toBe("overlap!");
    expect(from.equals(address)).toBe(true);
    expect(overlapped).toMatchObject({ Completed: true, InternalHigh: 8 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls.length).toBe(1);
  });

  it("returns 0 when a datagram was waiting; the routine is already queued, never run inside the call", async () => {
    const socket = await openSocket(fixture);
    await waitingDatagram(socket, "ready");
    const calls: number[][] = [];
    const r = recv(socket, scatter(8, 0).buffers, 0, null, 0, newOverlapped(), (e, n) => calls.push([e, n]));
    expect(r).toMatchObject({ result: 0, bytes: 5 });
    expect(calls).toEqual([]);
    await until(() => calls.length === 1);
    expect(calls).toEqual([[0, 5]]);
  });

  it("reports a truncated datagram through the routine as WSAEMSGSIZE with the bytes delivered", async () => {
    const socket = await openSocket(fixture);
    const calls: number[][] = [];
    recv(socket, scatter(3, 0).buffers, 0, null, 0, newOverlapped(), (e, n) => calls.push([e, n]));
    const { peer } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), text("too long"));
    await until(() => calls.length === 1);
    expect(calls).toEqual([[WSAEMSGSIZE, 3]]);
  });

  it("completes with WSA_OPERATION_ABORTED when the socket closes under it", async () => {
    const socket = await openSocket(fixture);
    const calls: number[] = [];
    recv(socket, scatter(8, 0).buffers, 0, null, 0, newOverlapped(), (e) => calls.push(e));
    await socket[Symbol.asyncDispose]();
    await until(() => calls.length === 1);
    expect(calls).toEqual([WSA_OPERATION_ABORTED]);
  });

  it("refuses MSG_PEEK (non-overlapped only) with WSAEINVAL", async () => {
    const socket = await openSocket(fixture);
    expect(recv(socket, scatter(8, 0).buffers, MSG_PEEK, null, 0, newOverlapped(), () => {})).toMatchObject({ result: SOCKET_ERROR, errno: WSAEINVAL });
  });

  it("without a routine, WSPGetOverlappedResult reports WSA_IO_INCOMPLETE, then the result", async () => {
    const socket = await openSocket(fixture);
    const overlapped = newOverlapped();
    recv(socket, scatter(8, 0).buffers, 0, null, 0, overlapped, null);
    const bytes = ref(0);
    const flags = ref(0);
    const errno = ref(0);
    expect(WSPGetOverlappedResult(socket, overlapped, bytes, false, flags, errno)).toBe(false);
    expect(errno.value).toBe(WSA_IO_INCOMPLETE);
    const { peer } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), text("polled"));
    await until(() => overlapped.Completed === true);
    expect(WSPGetOverlappedResult(socket, overlapped, bytes, false, flags, errno)).toBe(true);
    expect(bytes.value).toBe(6);
  });
});

describe("WSPSendTo and WSPShutdown", () => {
  it("gathers the WSABUF array into one datagram, non-overlapped and overlapped", async () => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const sent = ref(0);
    const errno = ref(0);
    let arrived = nextMessage(peer);
    expect(WSPSendTo(socket, [{ buf: text("gath"), len: 4 }, { buf: text("ered!"), len: 5 }], 2, sent, 0, address, 16, null, null, null, errno)).toBe(0);
    expect(sent.value).toBe(9);
    expect(decode((await arrived).bytes)).toBe("gathered!");
    const calls: number[][] = [];
    arrived = nextMessage(peer);
    expect(WSPSendTo(socket, [{ buf: text("async"), len: 5 }], 1, null, 0, address, 16, newOverlapped(), (e, n) => calls.push([e, n]), null, errno)).toBe(SOCKET_ERROR);
    expect(errno.value).toBe(WSA_IO_PENDING);
    expect(decode((await arrived).bytes)).toBe("async");
    await until(() => calls.length === 1);
    expect(calls).toEqual([[0, 5]]);
  });

  it("binds an unbound socket implicitly, after which WSPRecvFrom works", async () => {
    const socket = await openSocket(fixture, { bind: false });
    const { peer, address } = await openPeer(fixture);
    const arrived = nextMessage(peer);
    const calls: number[] = [];
    WSPSendTo(socket, [{ buf: text("implicit"), len: 8 }], 1, null, 0, address, 16, newOverlapped(), (e) => calls.push(e), null, ref(0));
    const { from } = await arrived;
    await until(() => calls.length === 1);
    expect(calls).toEqual([0]);
    await sendFrom(peer, SockAddr.from("127.0.0.1", from.port), text("reply"));
    await until(() => getDatagramCounters(socket).queued === 1);
    expect(recv(socket, scatter(8, 0).buffers)).toMatchObject({ result: 0, bytes: 5 });
  });

  it.each<[string, (s: DatagramSocket, to: SockAddr) => number, number]>([
    // Windows: a send with no address on an unconnected datagram socket is WSAENOTCONN.
    ["no address and none fixed", (s) => WSPSendTo(s, [{ buf: text("x"), len: 1 }], 1, ref(0), 0, null, 0, null, null, null, errnoRef), WSAENOTCONN],
    ["an iTolen too small", (s, to) => WSPSendTo(s, [{ buf: text("x"), len: 1 }], 1, ref(0), 0, to, 8, null, null, null, errnoRef), WSAEFAULT],
    ["a datagram too large", (s, to) => WSPSendTo(s, [{ buf: new Uint8Array(70_000), len: 70_000 }], 1, ref(0), 0, to, 16, null, null, null, errnoRef), WSAEMSGSIZE],
    ["flags", (s, to) => WSPSendTo(s, [{ buf: text("x"), len: 1 }], 1, ref(0), MSG_OOB, to, 16, null, null, null, errnoRef), WSAEOPNOTSUPP],
    ["sends shut down", (s, to) => (WSPShutdown(s, SD_SEND, ref(0)), WSPSendTo(s, [{ buf: text("x"), len: 1 }], 1, ref(0), 0, to, 16, null, null, null, errnoRef)), WSAESHUTDOWN],
    ["a null lpNumberOfBytesSent without overlapped I/O", (s, to) => WSPSendTo(s, [{ buf: text("x"), len: 1 }], 1, null, 0, to, 16, null, null, null, errnoRef), WSAEFAULT],
  ])("fails for %s", async (_name, send, errno) => {
    const socket = await openSocket(fixture);
    const { address } = await openPeer(fixture);
    errnoRef.value = 0;
    expect(send(socket, address)).toBe(SOCKET_ERROR);
    expect(errnoRef.value).toBe(errno);
  });

  it("WSPShutdown refuses an unknown direction", async () => {
    const socket = await openSocket(fixture);
    const errno = ref(0);
    expect(WSPShutdown(socket, 7, errno)).toBe(SOCKET_ERROR);
    expect(errno.value).toBe(WSAEINVAL);
  });
});

const errnoRef = ref(0);
