// Issue 11: exactness under hostile input. One test (or group) per numbered finding of the issue
// that concerns datagram sockets; each failed on the main before the fix (see the closing note).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createWskBuf,
  disableVerifier,
  enableVerifier,
  IoAllocateIrp,
  IoAllocateMdl,
  IoCancelIrp,
  IoFreeIrp,
  runIrp,
  SO_RCVBUF,
  SO_WSK_EVENT_CALLBACK,
  SOCKET_ERROR,
  SockAddr,
  SOL_SOCKET,
  STATUS_CANCELLED,
  STATUS_INVALID_ADDRESS,
  STATUS_INVALID_ADDRESS_COMPONENT,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  verifierLeaks,
  WSAEFAULT,
  WSK_EVENT_RECEIVE_FROM,
  WskSetOption,
  type NTSTATUS,
  type Ref,
  type WskBuf,
} from "@wskit/core";
import {
  getDatagramCounters,
  SO_WSKIT_RETENTION_LIMIT,
  WSPRecvFrom,
  type DatagramSocket,
  type WSK_BUF_LIST,
  type WskDatagramIndication,
} from "@wskit/dgram";
import { call, postWith } from "../../../core/test/helpers/irps";
import { closeFixture, localAddressOf, newFixture, nextMessage, openPeer, openSocket, sendFrom, until, type Fixture } from "../helpers/sockets";
import { captureWarnings } from "../../../core/test/helpers/warnings";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const enable = (socket: DatagramSocket) =>
  socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
const setOption = (socket: DatagramSocket, option: number, value: number) =>
  runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, option, SOL_SOCKET, 4, value, 0, null, null, irp));
const receiveInto = (socket: DatagramSocket, bytes: Uint8Array) =>
  runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, createWskBuf(bytes), 0, null, null, null, null, irp));
const sendTo = (socket: DatagramSocket, to: SockAddr, payload: Uint8Array) =>
  runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(payload), 0, to, 0, null, irp));


// A WSK_BUF of the given shape, built by hand as a hostile caller would.
const buf = (Mdl: unknown, Length = 4, Offset = 0) => ({ Mdl, Offset, Length }) as WskBuf;

describe("1. WskRelease cannot be confused by pool reuse (ABA)", () => {
  it("a stale head released again is STATUS_INVALID_PARAMETER and the newer list keeps its bytes", async () => {
    const heads: WskDatagramIndication[] = [];
    const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: (_c, _f, head) => (head && heads.push(head), STATUS_PENDING) } });
    enable(socket);
    const { peer } = await openPeer(fixture);
    const to = await localAddressOf(socket);
    await sendFrom(peer, to, text("first"));
    await until(() => heads.length === 1);
    const first = heads[0] as WskDatagramIndication;
    expect(socket.Dispatch.WskRelease(socket, first)).toBe(STATUS_SUCCESS);
    await sendFrom(peer, to, text("second"));
    await until(() => heads.length === 2);
    const second = heads[1] as WskDatagramIndication;
    // The old head, released already, must not stand for the new list.
    expect(socket.Dispatch.WskRelease(socket, first)).toBe(STATUS_INVALID_PARAMETER);
    expect(getDatagramCounters(socket).retained).toBe(1);
    await sendFrom(peer, to, text("third!"));
    await until(() => heads.length === 3);
    expect(decode(second.bytes)).toBe("second");
    expect(socket.Dispatch.WskRelease(socket, second)).toBe(STATUS_SUCCESS);
    expect(socket.Dispatch.WskRelease(socket, second)).toBe(STATUS_INVALID_PARAMETER);
    expect(socket.Dispatch.WskRelease(socket, heads[2] as WskDatagramIndication)).toBe(STATUS_SUCCESS);
  });

  it("a head returned with STATUS_SUCCESS (never retained) is foreign to WskRelease, whatever list reuses its buffer", async () => {
    const heads: WskDatagramIndication[] = [];
    const statuses = [STATUS_SUCCESS, STATUS_PENDING];
    const socket = await openSocket(fixture, {
      dispatch: { WskReceiveFromEvent: (_c, _f, head) => (head && heads.push(head), statuses.shift() ?? STATUS_SUCCESS) },
    });
    enable(socket);
    const { peer } = await openPeer(fixture);
    const to = await localAddressOf(socket);
    await sendFrom(peer, to, text("given back"));
    await until(() => heads.length === 1);
    await sendFrom(peer, to, text("kept"));
    await until(() => heads.length === 2);
    expect(socket.Dispatch.WskRelease(socket, heads[0] as WskDatagramIndication)).toBe(STATUS_INVALID_PARAMETER);
    expect(decode((heads[1] as WskDatagramIndication).bytes)).toBe("kept");
    expect(getDatagramCounters(socket).retained).toBe(1);
    expect(socket.Dispatch.WskRelease(socket, heads[1] as WskDatagramIndication)).toBe(STATUS_SUCCESS);
  });

  it("a retained list is given back whole even if the client rewired its Next links", async () => {
    const heads: WskDatagramIndication[] = [];
    const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: (_c, _f, head) => (head && heads.push(head), STATUS_PENDING) } });
    const { peer } = await openPeer(fixture);
    const to = await localAddressOf(socket);
    await sendFrom(peer, to, text("a"), text("b"), text("c"));
    await until(() => getDatagramCounters(socket).queued === 3);
    enable(socket);
    await until(() => heads.length === 1);
    const head = heads[0] as WskDatagramIndication;
    expect(getDatagramCounters(socket).retained).toBe(3);
    head.Next = null;
    expect(socket.Dispatch.WskRelease(socket, head)).toBe(STATUS_SUCCESS);
    expect(getDatagramCounters(socket)).toMatchObject({ retained: 0, released: 3, buffersInUse: 0 });
  });
});

describe("2. a refused call changes nothing", () => {
  it("WskReceiveFrom given an IRP pending elsewhere throws ERR_IRP_PENDING before touching that request or the queue", async () => {
    const a = await openSocket(fixture);
    const b = await openSocket(fixture);
    const { peer } = await openPeer(fixture);
    const bytesA = new Uint8Array(16);
    const irp = IoAllocateIrp(1);
    const pendingA = postWith(irp, (given) => a.Dispatch.WskReceiveFrom(a, createWskBuf(bytesA), 0, null, null, null, null, given));
    await sendFrom(peer, await localAddressOf(b), text("queued on b"));
    await until(() => getDatagramCounters(b).queued === 1);
    expect(() => b.Dispatch.WskReceiveFrom(b, createWskBuf(new Uint8Array(16)), 0, null, null, null, null, irp)).toThrow(
      expect.objectContaining({ code: "ERR_IRP_PENDING" }),
    );
    expect(getDatagramCounters(b).queued).toBe(1);
    await sendFrom(peer, await localAddressOf(a), text("for a"));
    const result = await pendingA;
    expect([result.Status, decode(bytesA.subarray(0, result.Information as number))]).toEqual([STATUS_SUCCESS, "for a"]);
    const onB = new Uint8Array(16);
    const taken = await receiveInto(b, onB);
    expect(decode(onB.subarray(0, taken.Information as number))).toBe("queued on b");
    IoFreeIrp(irp);
  });
});

describe("2. WSPRecvFrom checks its out-parameters before it takes a datagram", () => {
  it.each<[string, unknown, unknown]>([
    ["a null lpFlags", null, { value: 0 }],
    ["a frozen lpFlags", Object.freeze({ value: 0 }), { value: 0 }],
    ["a frozen lpNumberOfBytesRecvd", { value: 0 }, Object.freeze({ value: 0 })],
  ])("%s: WSAEFAULT, and the datagram stays for the next call", async (_name, lpFlags, lpNumberOfBytesRecvd) => {
    const socket = await openSocket(fixture);
    const { peer } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), text("not lost"));
    await until(() => getDatagramCounters(socket).queued === 1);
    const bytes = new Uint8Array(16);
    const errno = { value: 0 };
    const refused = WSPRecvFrom(socket, [{ len: 16, buf: bytes }], 1, lpNumberOfBytesRecvd as Ref<number>, lpFlags as Ref<number>, null, null, null, null, null, errno);
    expect([refused, errno.value]).toEqual([SOCKET_ERROR, WSAEFAULT]);
    const received = { value: 0 };
    expect(WSPRecvFrom(socket, [{ len: 16, buf: bytes }], 1, received, { value: 0 }, null, null, null, null, null, errno)).toBe(0);
    expect(decode(bytes.subarray(0, received.value))).toBe("not lost");
  });
});

describe("3. buffers that are not MDLs are refused before a byte moves", () => {
  const hostile: Array<[string, () => WskBuf]> = [
    ["{ Mdl: {} }", () => buf({})],
    ["Mdl: 5", () => buf(5)],
    ["a fake MDL object", () => buf({ MappedSystemVa: new Uint8Array(64), ByteCount: 64, Next: null })],
    ["a fake MDL claiming more bytes than its view", () => buf({ MappedSystemVa: new Uint8Array(4), ByteCount: 100, Next: null }, 100)],
    ["an MDL whose Next is not an MDL", () => {
      const mdl = IoAllocateMdl(new Uint8Array(4));
      (mdl as { Next: unknown }).Next = { MappedSystemVa: new Uint8Array(4), ByteCount: 4, Next: null };
      return buf(mdl, 8);
    }],
    ["an MDL over a detached ArrayBuffer", () => {
      const bytes = new Uint8Array(16);
      const mdl = IoAllocateMdl(bytes);
      structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
      return buf(mdl, 16);
    }],
    ["null", () => null as unknown as WskBuf],
  ];

  it.each(hostile)("WskReceiveFrom with %s: STATUS_INVALID_PARAMETER, and the datagram stays for a good receive", async (_name, make) => {
    const socket = await openSocket(fixture);
    const { peer } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), text("keep me"));
    await until(() => getDatagramCounters(socket).queued === 1);
    const refused = await call((irp) => socket.Dispatch.WskReceiveFrom(socket, make(), 0, null, null, null, null, irp));
    expect([refused.returned, refused.Status]).toEqual([STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER]);
    const bytes = new Uint8Array(16);
    const good = await receiveInto(socket, bytes);
    expect(decode(bytes.subarray(0, good.Information as number))).toBe("keep me");
  });

  it.each(hostile)("a pending WskReceiveFrom cannot be posted with %s, so a datagram never meets it in Node's handler", async (_name, make) => {
    const socket = await openSocket(fixture);
    const { peer } = await openPeer(fixture);
    const refused = await call((irp) => socket.Dispatch.WskReceiveFrom(socket, make(), 0, null, null, null, null, irp));
    expect(refused.Status).toBe(STATUS_INVALID_PARAMETER);
    const bytes = new Uint8Array(16);
    const good = receiveInto(socket, bytes);
    await sendFrom(peer, await localAddressOf(socket), text("arrives"));
    expect(decode(bytes.subarray(0, (await good).Information as number))).toBe("arrives");
  });

  it.each(hostile)("WskSendTo with %s: STATUS_INVALID_PARAMETER and nothing is sent", async (_name, make) => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const refused = await call((irp) => socket.Dispatch.WskSendTo(socket, make(), 0, address, 0, null, irp));
    expect([refused.returned, refused.Status]).toEqual([STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER]);
    const next = nextMessage(peer);
    expect((await sendTo(socket, address, text("only this"))).Status).toBe(STATUS_SUCCESS);
    expect(decode((await next).bytes)).toBe("only this");
  });
});

describe("4. a refused send leaves no IRP behind", () => {
  it("after WskSendMessages and WskSendTo with a bad MDL, each good send completes with its own IRP", async () => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const bad = buf({ MappedSystemVa: 5, ByteCount: 4, Next: null });
    const list: WSK_BUF_LIST = { Buffer: createWskBuf(text("good")), Next: { Buffer: bad, Next: null } };
    expect((await call((irp) => socket.Dispatch.WskSendMessages(socket, list, 0, address, 0, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect((await call((irp) => socket.Dispatch.WskSendTo(socket, bad, 0, address, 0, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    const received: string[] = [];
    peer.on("message", (m) => received.push(decode(m)));
    for (const word of ["one", "two", "three"]) {
      const sent = await sendTo(socket, address, text(word));
      expect([sent.Status, sent.Information]).toEqual([STATUS_SUCCESS, word.length]);
    }
    await until(() => received.length === 3);
    expect(received).toEqual(["one", "two", "three"]);
  });
});

describe("6. WSK_BUF_LIST walks are bounded and checked before sending", () => {
  it("a cyclic list is refused at once, and nothing is sent", async () => {
    const socket = await openSocket(fixture);
    const { address } = await openPeer(fixture);
    const entry: WSK_BUF_LIST = { Buffer: createWskBuf(text("loop")), Next: null };
    entry.Next = entry;
    expect((await call((irp) => socket.Dispatch.WskSendMessages(socket, entry, 0, address, 0, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect(getDatagramCounters(socket).sent).toBe(0);
  });

  it("an entry without Next is refused before the first datagram goes out", async () => {
    const socket = await openSocket(fixture);
    const { address } = await openPeer(fixture);
    const list = { Buffer: createWskBuf(text("x")), Next: { Buffer: createWskBuf(text("y")) } } as unknown as WSK_BUF_LIST;
    expect((await call((irp) => socket.Dispatch.WskSendMessages(socket, list, 0, address, 0, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    await new Promise((resolve) => setImmediate(resolve));
    expect(getDatagramCounters(socket).sent).toBe(0);
  });
});

describe("7. the verifier never breaks a close", () => {
  it("with no onViolation handler, closing a socket that holds a list completes, reporting the leak as a warning", async () => {
    using capture = captureWarnings();
    enableVerifier();
    try {
      const heads: WskDatagramIndication[] = [];
      const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: (_c, _f, head) => (head && heads.push(head), STATUS_PENDING) } });
      enable(socket);
      const { peer } = await openPeer(fixture);
      await sendFrom(peer, await localAddressOf(socket), text("held at close"));
      await until(() => heads.length === 1);
      fixture.sockets.splice(fixture.sockets.indexOf(socket), 1);
      const closed = await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
      expect(closed.Status).toBe(STATUS_SUCCESS);
      await new Promise((resolve) => setImmediate(resolve));
      expect(capture.codes).toContain("ERR_VERIFIER_INDICATION_LEAKED");
      expect(verifierLeaks().map((leak) => leak.code)).toContain("ERR_VERIFIER_INDICATION_LEAKED");
    } finally {
      if (process.env.WSKIT_VERIFIER !== "1") disableVerifier();
    }
  });
});

describe("9. addresses are checked and captured at the call", () => {
  it.each<[string, (a: SockAddr) => void, NTSTATUS]>([
    ["a numeric address", (a) => void ((a as { address: unknown }).address = 5), STATUS_INVALID_ADDRESS],
    ["a host name", (a) => void (a.address = "localhost"), STATUS_INVALID_ADDRESS],
    ["an empty address", (a) => void (a.address = ""), STATUS_INVALID_ADDRESS],
    ["port 70000", (a) => void (a.port = 70_000), STATUS_INVALID_ADDRESS_COMPONENT],
    ["port -1", (a) => void (a.port = -1), STATUS_INVALID_ADDRESS_COMPONENT],
    ["port NaN", (a) => void (a.port = Number.NaN), STATUS_INVALID_ADDRESS_COMPONENT],
    ["port 1.5", (a) => void (a.port = 1.5), STATUS_INVALID_ADDRESS_COMPONENT],
    ["family 99", (a) => void ((a as { family: number }).family = 99), STATUS_INVALID_ADDRESS],
  ])("WskBind to a SockAddr mutated to %s is refused, and the socket binds afterwards", async (_name, mutate, status) => {
    const socket = await openSocket(fixture, { bind: false });
    const local = SockAddr.loopback();
    mutate(local);
    const refused = await call((irp) => socket.Dispatch.WskBind(socket, local, 0, irp));
    expect([refused.returned, refused.Status]).toEqual([status, status]);
    expect((await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(), 0, irp))).Status).toBe(STATUS_SUCCESS);
  });

  it.each([70_000, -1, Number.NaN, 1.5, 0])("WskSendTo to port %s is STATUS_INVALID_ADDRESS_COMPONENT and nothing is sent", async (port) => {
    const socket = await openSocket(fixture);
    const to = SockAddr.loopback(2, 9);
    to.port = port;
    const refused = await call((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(text("x")), 0, to, 0, null, irp));
    expect([refused.returned, refused.Status]).toEqual([STATUS_INVALID_ADDRESS_COMPONENT, STATUS_INVALID_ADDRESS_COMPONENT]);
    expect(getDatagramCounters(socket).sent).toBe(0);
  });

  it("changing the address after WskSendTo returned changes nothing", async () => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const next = nextMessage(peer);
    const to = address.clone();
    const sent = sendTo(socket, to, text("to the peer"));
    to.port = 9;
    to.address = "127.0.0.2";
    expect((await sent).Status).toBe(STATUS_SUCCESS);
    expect(decode((await next).bytes)).toBe("to the peer");
  });
});

describe("10. a call refused with ERR_IRP_PENDING leaves the socket usable", () => {
  it("WskBind given a pending IRP throws and the socket still binds", async () => {
    const socket = await openSocket(fixture, { bind: false });
    const other = await openSocket(fixture);
    const irp = IoAllocateIrp(1);
    const pending = postWith(irp, (given) => other.Dispatch.WskReceiveFrom(other, createWskBuf(new Uint8Array(4)), 0, null, null, null, null, given));
    expect(() => socket.Dispatch.WskBind(socket, SockAddr.loopback(), 0, irp)).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
    expect((await runIrp((given) => socket.Dispatch.WskBind(socket, SockAddr.loopback(), 0, given))).Status).toBe(STATUS_SUCCESS);
    IoCancelIrp(irp);
    expect((await pending).Status).toBe(STATUS_CANCELLED);
    IoFreeIrp(irp);
  });
});

describe("12. resizing SO_RCVBUF under retention", () => {
  it("keeps counting every held buffer and frees nothing twice", async () => {
    const heads: WskDatagramIndication[] = [];
    const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: (_c, _f, head) => (head && heads.push(head), STATUS_PENDING) } });
    enable(socket);
    const { peer } = await openPeer(fixture);
    const to = await localAddressOf(socket);
    for (let resize = 0; resize < 10; resize++) {
      expect((await setOption(socket, SO_RCVBUF, 64 * 1024 * 1024 + resize * 1024)).Status).toBe(STATUS_SUCCESS);
      await sendFrom(peer, to, text(`a${resize}`), text(`b${resize}`));
      await until(() => getDatagramCounters(socket).retained === (resize + 1) * 2);
    }
    expect(getDatagramCounters(socket)).toMatchObject({ retained: 20, buffersInUse: 20 });
    for (const head of heads) expect(socket.Dispatch.WskRelease(socket, head)).toBe(STATUS_SUCCESS);
    expect(getDatagramCounters(socket)).toMatchObject({ retained: 0, buffersInUse: 0 });
  });
});

describe("13. pools grow with use, not with the configured bound", () => {
  it("SO_RCVBUF and the retention limit at 256 MiB cost next to nothing at the first datagram", async () => {
    const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: () => STATUS_SUCCESS } });
    const big = 256 * 1024 * 1024;
    expect((await setOption(socket, SO_RCVBUF, big)).Status).toBe(STATUS_SUCCESS);
    expect((await setOption(socket, SO_WSKIT_RETENTION_LIMIT, big)).Status).toBe(STATUS_SUCCESS);
    enable(socket);
    const before = process.memoryUsage().arrayBuffers;
    const { peer } = await openPeer(fixture);
    await sendFrom(peer, await localAddressOf(socket), text("first"), new Uint8Array(1200));
    await until(() => getDatagramCounters(socket).indicated === 2);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(4 * 1024 * 1024);
  });
});

describe("14. a retention limit below one datagram's cost cannot stop delivery", () => {
  it("the datagram is indicated, retained, and the next one follows its release", async () => {
    const heads: WskDatagramIndication[] = [];
    const socket = await openSocket(fixture, { dispatch: { WskReceiveFromEvent: (_c, _f, head) => (head && heads.push(head), STATUS_PENDING) } });
    expect((await setOption(socket, SO_WSKIT_RETENTION_LIMIT, 1024)).Status).toBe(STATUS_SUCCESS);
    enable(socket);
    const { peer } = await openPeer(fixture);
    const to = await localAddressOf(socket);
    await sendFrom(peer, to, new Uint8Array(300).fill(1));
    await until(() => heads.length === 1);
    expect(socket.Dispatch.WskRelease(socket, heads[0] as WskDatagramIndication)).toBe(STATUS_SUCCESS);
    await sendFrom(peer, to, new Uint8Array(300).fill(2));
    await until(() => heads.length === 2);
    expect((heads[1] as WskDatagramIndication).bytes[0]).toBe(2);
    expect(socket.Dispatch.WskRelease(socket, heads[1] as WskDatagramIndication)).toBe(STATUS_SUCCESS);
  });
});

