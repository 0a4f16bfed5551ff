// Issue 12: faithful to Windows where wskit differed (the datagram side): WSPSendTo's refusals and
// implicit bind, WSPGetOverlappedResult on what is not a socket, and listening sockets asked of UDP.
// The NTSTATUS → Winsock table has its own table-driven test (test/wsk/wsaErrorFromNtStatus.test.ts).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AF_INET,
  IPPROTO_UDP,
  ref,
  runIrp,
  SOCK_DGRAM,
  SOCKET_ERROR,
  SockAddr,
  STATUS_NOT_IMPLEMENTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSAEADDRNOTAVAIL,
  WSAEFAULT,
  WSAENOTCONN,
  WSAENOTSOCK,
  WSK_FLAG_LISTEN_SOCKET,
  type NTSTATUS,
} from "@wskit/core";
import { DatagramListenSocket, getDatagramCounters, newOverlapped, WSPGetOverlappedResult, WSPSendTo, type DatagramSocket } from "@wskit/dgram";
import { closeFixture, newFixture, openPeer, openSocket, until, type Fixture } from "../helpers/sockets";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const text = (s: string) => new TextEncoder().encode(s);
const buffers = (s: string) => [{ buf: text(s), len: s.length }];

describe("1. WSPSendTo refusals return once, complete nothing and send nothing", () => {
  it.each([true, false])("to port 0 (bound socket: %s): SOCKET_ERROR with WSAEADDRNOTAVAIL, no routine, nothing sent", async (bound) => {
    const socket = await openSocket(fixture, { bind: bound });
    const to = SockAddr.loopback(AF_INET, 1);
    to.port = 0;
    const errno = ref(0);
    const routine: number[] = [];
    expect(WSPSendTo(socket, buffers("zero"), 1, ref(0), 0, to, 16, null, null, null, errno)).toBe(SOCKET_ERROR);
    expect(errno.value).toBe(WSAEADDRNOTAVAIL);
    expect(WSPSendTo(socket, buffers("zero"), 1, null, 0, to, 16, newOverlapped(), (e) => routine.push(e), null, errno)).toBe(SOCKET_ERROR);
    expect(errno.value).toBe(WSAEADDRNOTAVAIL);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(routine).toEqual([]);
    expect(getDatagramCounters(socket).sent).toBe(0);
  });

  it("two sends in a row on an unbound socket both go out, in order, each reported once", async () => {
    const socket = await openSocket(fixture, { bind: false });
    const { peer, address } = await openPeer(fixture);
    const received: string[] = [];
    peer.on("message", (message) => received.push(message.toString()));
    const errno = ref(0);
    const sent = [ref(0), ref(0)];
    expect(WSPSendTo(socket, buffers("first"), 1, sent[0] ?? null, 0, address, 16, null, null, null, errno)).toBe(0);
    expect(WSPSendTo(socket, buffers("second!"), 1, sent[1] ?? null, 0, address, 16, null, null, null, errno)).toBe(0);
    expect(sent.map((r) => r.value)).toEqual([5, 7]);
    const routine: Array<[number, number]> = [];
    expect(WSPSendTo(socket, buffers("third"), 1, null, 0, address, 16, newOverlapped(), (e, n) => routine.push([e, n]), null, errno)).toBe(SOCKET_ERROR);
    await until(() => received.length === 3 && routine.length === 1);
    expect(received).toEqual(["first", "second!", "third"]);
    expect(routine).toEqual([[0, 5]]);
  });
});

describe("2. WSPSendTo's details", () => {
  it("a null lpNumberOfBytesSent on a non-overlapped call is WSAEFAULT", async () => {
    const socket = await openSocket(fixture);
    const { address } = await openPeer(fixture);
    const errno = ref(0);
    expect(WSPSendTo(socket, buffers("x"), 1, null, 0, address, 16, null, null, null, errno)).toBe(SOCKET_ERROR);
    expect(errno.value).toBe(WSAEFAULT);
    expect(getDatagramCounters(socket).sent).toBe(0);
  });

  it("the implicit bind of the first send is visible when the call returns", async () => {
    const socket = await openSocket(fixture, { bind: false });
    const { address } = await openPeer(fixture);
    expect(WSPSendTo(socket, buffers("bind me"), 1, ref(0), 0, address, 16, null, null, null, ref(0))).toBe(0);
    const local = new SockAddr();
    let status: NTSTATUS = 0;
    const done = runIrp((irp) => (status = socket.Dispatch.WskGetLocalAddress(socket, local, irp)));
    expect(status).toBe(STATUS_PENDING);
    expect([local.address, local.port > 0]).toEqual(["0.0.0.0", true]);
    expect((await done).Status).toBe(STATUS_SUCCESS);
  });
});

describe("3. a send with no address on an unconnected datagram socket", () => {
  it("is WSAENOTCONN", async () => {
    const socket = await openSocket(fixture);
    const errno = ref(0);
    expect(WSPSendTo(socket, buffers("x"), 1, ref(0), 0, null, 0, null, null, null, errno)).toBe(SOCKET_ERROR);
    expect(errno.value).toBe(WSAENOTCONN);
  });
});

describe("5. WSPGetOverlappedResult on what is not a live socket", () => {
  it("is FALSE with WSAENOTSOCK, for a non-socket and for a closed one", async () => {
    const overlapped = newOverlapped();
    overlapped.Completed = true;
    const errno = ref(0);
    expect(WSPGetOverlappedResult({} as DatagramSocket, overlapped, ref(0), false, ref(0), errno)).toBe(false);
    expect(errno.value).toBe(WSAENOTSOCK);
    const socket = await openSocket(fixture);
    fixture.sockets.splice(fixture.sockets.indexOf(socket), 1);
    await socket[Symbol.asyncDispose]();
    errno.value = 0;
    expect(WSPGetOverlappedResult(socket, overlapped, ref(0), false, ref(0), errno)).toBe(false);
    expect(errno.value).toBe(WSAENOTSOCK);
  });
});

describe("6. a listening socket asked of UDP", () => {
  it("is created; its WskBind completes STATUS_NOT_IMPLEMENTED with Information 0; it closes", async () => {
    const { Client, Dispatch } = fixture.wsk.npi;
    let returned: NTSTATUS = 0;
    const created = await runIrp((irp) => (returned = Dispatch.WskSocket(Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_LISTEN_SOCKET, null, null, null, null, null, irp)));
    expect([returned, created.Status]).toEqual([STATUS_PENDING, STATUS_SUCCESS]);
    const socket = created.Information as DatagramListenSocket;
    expect(socket).toBeInstanceOf(DatagramListenSocket);
    let bindReturned: NTSTATUS = 0;
    const bound = await runIrp((irp) => (bindReturned = socket.Dispatch.WskBind(socket, SockAddr.loopback(), 0, irp)));
    expect([bindReturned, bound.Status, bound.Information]).toEqual([STATUS_NOT_IMPLEMENTED, STATUS_NOT_IMPLEMENTED, 0]);
    expect((await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp))).Status).toBe(STATUS_SUCCESS);
  });
});
