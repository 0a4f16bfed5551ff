import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AF_INET,
  AF_INET6,
  createWskBuf,
  isVerifierEnabled,
  runIrp,
  SIO_WSK_SET_REMOTE_ADDRESS,
  SIO_WSK_SET_SENDTO_ADDRESS,
  SockAddr,
  STATUS_INVALID_ADDRESS_COMPONENT,
  STATUS_INVALID_BUFFER_SIZE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WskIoctl,
  type AddressFamily,
  type IO_STATUS_BLOCK,
} from "@wskit/core";
import { getDatagramCounters, type DatagramSocket, type WSK_BUF_LIST } from "@wskit/dgram";
import { closeFixture, newFixture, nextMessage, openPeer, openSocket, type Fixture } from "../helpers/sockets";
import { captureWarnings } from "../../../core/test/helpers/warnings";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const text = (s: string) => new TextEncoder().encode(s);
const ioctl = (socket: DatagramSocket, code: number, address: SockAddr | null) =>
  runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskIoctl, code, 0, address === null ? 0 : 28, address, 0, null, null, irp));

describe("WskSendTo", () => {
  it.each([AF_INET, AF_INET6] as AddressFamily[])("sends one datagram; Information is the bytes sent (family %i)", async (family) => {
    const socket = await openSocket(fixture, { family });
    const { peer, address } = await openPeer(fixture, family);
    const arrived = nextMessage(peer);
    let returned = 0;
    const result = await runIrp((irp) => (returned = socket.Dispatch.WskSendTo(socket, createWskBuf(text("hello")), 0, address, 0, null, irp)));
    expect(returned).toBe(STATUS_PENDING);
    expect(result).toEqual({ Status: STATUS_SUCCESS, Information: 5 });
    expect(new TextDecoder().decode((await arrived).bytes)).toBe("hello");
    expect(getDatagramCounters(socket).sent).toBe(1);
  });

  it("sends the Offset/Length window of an MDL chain as one datagram", async () => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const arrived = nextMessage(peer);
    const buf = createWskBuf([text("xxhe"), text("ll"), text("o!yy")], 2, 6);
    expect((await runIrp((irp) => socket.Dispatch.WskSendTo(socket, buf, 0, address, 0, null, irp))).Information).toBe(6);
    expect(new TextDecoder().decode((await arrived).bytes)).toBe("hello!");
  });

  it("sends a zero-length datagram", async () => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const arrived = nextMessage(peer);
    expect(await runIrp((irp) => socket.Dispatch.WskSendTo(socket, { Mdl: null, Offset: 0, Length: 0 }, 0, address, 0, null, irp))).toEqual({
      Status: STATUS_SUCCESS,
      Information: 0,
    });
    expect((await arrived).bytes.byteLength).toBe(0);
  });

  it("with a null address sends to the fixed remote address, else to the fixed destination", async () => {
    const socket = await openSocket(fixture);
    const remote = await openPeer(fixture);
    const destination = await openPeer(fixture);
    expect((await ioctl(socket, SIO_WSK_SET_SENDTO_ADDRESS, destination.address)).Status).toBe(STATUS_SUCCESS);
    let arrived = nextMessage(destination.peer);
    await runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(text("to-dest")), 0, null, 0, null, irp));
    expect(new TextDecoder().decode((await arrived).bytes)).toBe("to-dest");

    expect((await ioctl(socket, SIO_WSK_SET_REMOTE_ADDRESS, remote.address)).Status).toBe(STATUS_SUCCESS);
    arrived = nextMessage(remote.peer);
    await runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(text("to-remote")), 0, null, 0, null, irp));
    expect(new TextDecoder().decode((await arrived).bytes)).toBe("to-remote");

    // A per-call address still wins over both (seed 002).
    arrived = nextMessage(destination.peer);
    await runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(text("explicit")), 0, destination.address, 0, null, irp));
    expect(new TextDecoder().decode((await arrived).bytes)).toBe("explicit");
  });

  it.each<[string, (socket: DatagramSocket, to: SockAddr) => Promise<IO_STATUS_BLOCK>, number]>([
    ["no address and none fixed", (s) => runIrp((irp) => s.Dispatch.WskSendTo(s, createWskBuf(text("x")), 0, null, 0, null, irp)), STATUS_INVALID_PARAMETER],
    ["Flags other than 0", (s, to) => runIrp((irp) => s.Dispatch.WskSendTo(s, createWskBuf(text("x")), 4, to, 0, null, irp)), STATUS_INVALID_PARAMETER],
    ["an address of the other family", (s) => runIrp((irp) => s.Dispatch.WskSendTo(s, createWskBuf(text("x")), 0, SockAddr.from("::1", 9), 0, null, irp)), STATUS_INVALID_PARAMETER],
    ["port 0", (s) => runIrp((irp) => s.Dispatch.WskSendTo(s, createWskBuf(text("x")), 0, SockAddr.from("127.0.0.1", 0), 0, null, irp)), STATUS_INVALID_ADDRESS_COMPONENT],
    ["control information", (s, to) => runIrp((irp) => s.Dispatch.WskSendTo(s, createWskBuf(text("x")), 0, to, 8, {}, irp)), STATUS_NOT_SUPPORTED],
    ["a Length longer than the chain", (s, to) => runIrp((irp) => s.Dispatch.WskSendTo(s, { ...createWskBuf(text("x")), Length: 2 }, 0, to, 0, null, irp)), STATUS_INVALID_PARAMETER],
    ["a datagram larger than UDP allows", (s, to) => runIrp((irp) => s.Dispatch.WskSendTo(s, createWskBuf(new Uint8Array(65_508)), 0, to, 0, null, irp)), STATUS_INVALID_BUFFER_SIZE],
  ])("refuses %s, sending nothing", async (_name, send, status) => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    let received = 0;
    peer.on("message", () => received++);
    expect((await send(socket, address)).Status).toBe(status);
    // The socket still works, and nothing of the refused send arrived before this one.
    const arrived = nextMessage(peer);
    await runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(text("after")), 0, address, 0, null, irp));
    expect(new TextDecoder().decode((await arrived).bytes)).toBe("after");
    expect(received).toBe(1);
    expect(getDatagramCounters(socket).sent).toBe(1);
  });

  it("a send whose buffer the client detaches before it completes never takes the sends around it with it", async () => {
    // Found probing the native engine, which sends a turn's datagrams together at its end: one
    // detached payload failed the whole batch, and the good sends ahead of it with it.
    using capture = captureWarnings();
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const heard: number[] = [];
    peer.on("message", (message) => heard.push(message[0] as number));
    const sends: Array<Promise<IO_STATUS_BLOCK>> = [];
    for (let i = 1; i <= 6; i++) {
      const bytes = new Uint8Array(100).fill(i);
      sends.push(runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(bytes), 0, address, 0, null, irp)));
      if (i % 2 === 0) structuredClone(bytes.buffer, { transfer: [bytes.buffer as ArrayBuffer] });
    }
    const results = await Promise.all(sends);
    // The node engine hands each datagram to node:dgram at the call (it is sent as it was then); the
    // native engine finds it gone at the end of the turn: that send alone fails, nothing of it sent.
    results.forEach((result, i) => {
      if ((i + 1) % 2 === 1) expect(result).toEqual({ Status: STATUS_SUCCESS, Information: 100 });
      else expect([STATUS_SUCCESS, STATUS_INVALID_PARAMETER]).toContain(result.Status);
    });
    const delivered = results.flatMap((result, i) => (result.Status === STATUS_SUCCESS ? [i + 1] : []));
    for (let i = 0; i < 200 && heard.length < delivered.length; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(heard).toEqual(delivered);
    // The verifier, when on, reports each detached send once (the buffer changed under its IRP).
    expect(capture.codes).toEqual(isVerifierEnabled() ? ["ERR_VERIFIER_SEND_BUFFER_MODIFIED", "ERR_VERIFIER_SEND_BUFFER_MODIFIED", "ERR_VERIFIER_SEND_BUFFER_MODIFIED"] : []);
  });

  it("sends the largest datagram UDP over IPv4 allows", async () => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const arrived = nextMessage(peer);
    const result = await runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(new Uint8Array(65_507).fill(7)), 0, address, 0, null, irp));
    expect(result).toEqual({ Status: STATUS_SUCCESS, Information: 65_507 });
    expect((await arrived).bytes.byteLength).toBe(65_507);
  });
});

describe("WskSendMessages", () => {
  it("sends a batch with one IRP, in order; Information is the total", async () => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const got: string[] = [];
    const all = new Promise<void>((resolve) => peer.on("message", (m) => got.push(m.toString()) === 3 && resolve()));
    const list: WSK_BUF_LIST = { Buffer: createWskBuf(text("one")), Next: { Buffer: createWskBuf(text("two")), Next: { Buffer: createWskBuf(text("three")), Next: null } } };
    expect(await runIrp((irp) => socket.Dispatch.WskSendMessages(socket, list, 0, address, 0, null, irp))).toEqual({ Status: STATUS_SUCCESS, Information: 11 });
    await all;
    expect(got).toEqual(["one", "two", "three"]);
  });

  it("refuses the whole batch, sending nothing, when one datagram is too large or the list is empty", async () => {
    const socket = await openSocket(fixture);
    const { address } = await openPeer(fixture);
    const list: WSK_BUF_LIST = { Buffer: createWskBuf(text("ok")), Next: { Buffer: createWskBuf(new Uint8Array(70_000)), Next: null } };
    expect((await runIrp((irp) => socket.Dispatch.WskSendMessages(socket, list, 0, address, 0, null, irp))).Status).toBe(STATUS_INVALID_BUFFER_SIZE);
    expect((await runIrp((irp) => socket.Dispatch.WskSendMessages(socket, null, 0, address, 0, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect(getDatagramCounters(socket).sent).toBe(0);
  });
});
