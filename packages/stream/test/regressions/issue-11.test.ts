// Issue 11: exactness under hostile input. One test (or group) per numbered finding of the issue
// that concerns connection and listening sockets; each failed on the main before the fix.
import { connect as netConnect, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createWskBuf,
  IoAllocateIrp,
  IoAllocateMdl,
  IoFreeIrp,
  runIrp,
  SockAddr,
  SOL_SOCKET,
  STATUS_CANCELLED,
  STATUS_INVALID_ADDRESS,
  STATUS_INVALID_ADDRESS_COMPONENT,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  WSK_FLAG_WAITALL,
  WskGetOption,
  type NTSTATUS,
  type WskBuf,
} from "@wskit/core";
import { listen, SO_WSKIT_LISTEN_BACKLOG, type ConnectionSocket } from "@wskit/stream";
import { call, postWith } from "../../../core/test/helpers/irps";
import { boundConnection, closeFixture, connectedToPeer, decode, listening, newFixture, receive, send, turn, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));


const buf = (Mdl: unknown, Length = 4, Offset = 0) => ({ Mdl, Offset, Length }) as WskBuf;
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 10_000 && !condition(); i++) await turn();
  expect(condition()).toBe(true);
};

describe("2. a refused call changes nothing", () => {
  it("WskReceive given its own pending WAITALL IRP throws ERR_IRP_PENDING and the receive keeps its count", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const bytes = new Uint8Array(10);
    const irp = IoAllocateIrp(1);
    const pending = postWith(irp, (given) => socket.Dispatch.WskReceive(socket, createWskBuf(bytes), WSK_FLAG_WAITALL, given));
    peer.write("12345");
    await until(() => bytes[4] === 0x35); // the first five bytes are in the pending WAITALL buffer
    expect(() => socket.Dispatch.WskReceive(socket, createWskBuf(new Uint8Array(10)), 0, irp)).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
    peer.write("67890");
    expect(await pending).toEqual({ Status: STATUS_SUCCESS, Information: 10 });
    expect(decode(bytes)).toBe("1234567890");
    IoFreeIrp(irp);
  });

  it("WskAccept given an IRP pending in a WskReceive throws, and the receive completes as it should", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const { listener } = await listening(fixture);
    const bytes = new Uint8Array(8);
    const irp = IoAllocateIrp(1);
    const pending = postWith(irp, (given) => socket.Dispatch.WskReceive(socket, createWskBuf(bytes), 0, given));
    expect(() => listener.Dispatch.WskAccept(listener, 0, null, null, null, null, irp)).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
    peer.write("intact");
    expect(await pending).toEqual({ Status: STATUS_SUCCESS, Information: 6 });
    IoFreeIrp(irp);
  });
});

describe("3. buffers that are not MDLs are refused", () => {
  const hostile: Array<[string, () => WskBuf]> = [
    ["{ Mdl: {} }", () => buf({})],
    ["Mdl: 5", () => buf(5)],
    ["a fake MDL claiming more bytes than its view", () => buf({ MappedSystemVa: new Uint8Array(4), ByteCount: 100, Next: null }, 100)],
    ["an MDL over a detached ArrayBuffer", () => {
      const bytes = new Uint8Array(16);
      const mdl = IoAllocateMdl(bytes);
      structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
      return buf(mdl, 16);
    }],
  ];

  it.each(hostile)("WskSend with %s: STATUS_INVALID_PARAMETER, nothing sent, later sends intact", async (_name, make) => {
    const { socket, peer } = await connectedToPeer(fixture);
    const received: string[] = [];
    peer.on("data", (chunk: Buffer) => received.push(decode(chunk)));
    const refused = await call((irp) => socket.Dispatch.WskSend(socket, make(), 0, irp));
    expect([refused.returned, refused.Status]).toEqual([STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER]);
    expect(await send(socket, "after")).toEqual({ Status: STATUS_SUCCESS, Information: 5 });
    await until(() => received.join("") === "after");
  });

  it.each(hostile)("WskReceive with %s: STATUS_INVALID_PARAMETER, and the connection still delivers", async (_name, make) => {
    const { socket, peer } = await connectedToPeer(fixture);
    const refused = await call((irp) => socket.Dispatch.WskReceive(socket, make(), 0, irp));
    expect([refused.returned, refused.Status]).toEqual([STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER]);
    const good = receive(socket, 16);
    peer.write("delivered");
    expect(await good.result).toEqual({ Status: STATUS_SUCCESS, Information: 9 });
  });
});

describe("4. a refused send leaves no IRP behind", () => {
  it("after a WskSend with a bad MDL, each good send completes with its own IRP", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const received: string[] = [];
    peer.on("data", (chunk: Buffer) => received.push(decode(chunk)));
    const refused = IoAllocateIrp(1);
    try {
      socket.Dispatch.WskSend(socket, buf({ MappedSystemVa: 5, ByteCount: 4, Next: null }), 0, refused);
    } catch {
      // The main before the fix threw here, keeping the IRP queued.
    }
    await new Promise((resolve) => setImmediate(resolve));
    IoFreeIrp(refused); // refused and completed: the client frees it (the verifier reports one never freed)
    for (const word of ["one", "two", "three"]) expect(await send(socket, word)).toEqual({ Status: STATUS_SUCCESS, Information: word.length });
    await until(() => received.join("") === "onetwothree");
  });
});

describe("5. the listen backlog", () => {
  it("is 511 by default and settable before listening", async () => {
    const { listener } = await listening(fixture);
    const value = { value: 0 };
    const read = await runIrp((irp) => listener.Dispatch.WskControlSocket(listener, WskGetOption, SO_WSKIT_LISTEN_BACKLOG, SOL_SOCKET, 0, null, 4, value, null, irp));
    expect([read.Status, value.value]).toEqual([STATUS_SUCCESS, 511]);
  });

  it("holds every one of 300 concurrent connects until WskAccept takes it", async () => {
    await using server = await listen("127.0.0.1:0", { client: fixture.wsk });
    const peers: Socket[] = [];
    const connected = Array.from({ length: 300 }, () => new Promise<void>((resolve, reject) => {
      const peer = netConnect(server.address.port, "127.0.0.1", resolve);
      peer.once("error", reject);
      peers.push(peer);
    }));
    await Promise.all(connected);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const accepted: ConnectionSocket[] = [];
    const taking = (async () => {
      for await (const connection of server.connections()) {
        accepted.push(connection);
        if (accepted.length === 300) return;
      }
    })();
    await taking;
    expect(accepted).toHaveLength(300);
    for (const peer of peers) peer.on("error", () => {}).destroy();
    for (const connection of accepted) await connection[Symbol.asyncDispose]();
  });
});

describe("8. WskAccept checks its address out-parameters", () => {
  it.each<[string, unknown]>([
    ["a plain object", { address: "x" }],
    ["a number", 5],
    ["a frozen SockAddr", Object.freeze(new SockAddr())],
  ])("refuses %s with STATUS_INVALID_PARAMETER, and a later connect is accepted", async (_name, address) => {
    const { listener, address: at } = await listening(fixture);
    const refused = await call((irp) => listener.Dispatch.WskAccept(listener, 0, null, null, address as SockAddr, null, irp));
    expect([refused.returned, refused.Status]).toEqual([STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER]);
    const refusedRemote = await call((irp) => listener.Dispatch.WskAccept(listener, 0, null, null, null, address as SockAddr, irp));
    expect(refusedRemote.Status).toBe(STATUS_INVALID_PARAMETER);
    const accept = runIrp((irp) => listener.Dispatch.WskAccept(listener, 0, null, null, null, null, irp));
    const peer = netConnect(at.port, "127.0.0.1");
    peer.on("error", () => {}); // reset when the test closes its listener
    const result = await accept;
    expect(result.Status).toBe(STATUS_SUCCESS);
    await (result.Information as ConnectionSocket)[Symbol.asyncDispose]();
    peer.destroy();
  });
});

describe("8. address out-parameters of WskGetLocalAddress / WskGetRemoteAddress", () => {
  it("a frozen SockAddr is STATUS_INVALID_PARAMETER, not a TypeError", async () => {
    const { socket } = await connectedToPeer(fixture);
    const local = await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, Object.freeze(new SockAddr()), irp));
    const remote = await runIrp((irp) => socket.Dispatch.WskGetRemoteAddress(socket, Object.freeze(new SockAddr()), irp));
    expect([local.Status, remote.Status]).toEqual([STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER]);
  });
});

describe("9. addresses are checked and captured at the call", () => {
  it.each<[string, (a: SockAddr) => void, NTSTATUS]>([
    ["localhost", (a) => void (a.address = "localhost"), STATUS_INVALID_ADDRESS],
    ["an empty address", (a) => void (a.address = ""), STATUS_INVALID_ADDRESS],
    ["port 70000", (a) => void (a.port = 70_000), STATUS_INVALID_ADDRESS_COMPONENT],
    ["port -1", (a) => void (a.port = -1), STATUS_INVALID_ADDRESS_COMPONENT],
    ["port NaN", (a) => void (a.port = Number.NaN), STATUS_INVALID_ADDRESS_COMPONENT],
    ["port 1.5", (a) => void (a.port = 1.5), STATUS_INVALID_ADDRESS_COMPONENT],
  ])("WskConnect to a SockAddr mutated to %s is refused, and the socket connects afterwards", async (_name, mutate, status) => {
    const { listener, address } = await listening(fixture);
    const socket = await boundConnection(fixture);
    const to = address.clone();
    mutate(to);
    const refused = await call((irp) => socket.Dispatch.WskConnect(socket, to, 0, irp));
    expect([refused.returned, refused.Status]).toEqual([status, status]);
    const accept = runIrp((irp) => listener.Dispatch.WskAccept(listener, 0, null, null, null, null, irp));
    expect((await runIrp((irp) => socket.Dispatch.WskConnect(socket, address, 0, irp))).Status).toBe(STATUS_SUCCESS);
    await ((await accept).Information as ConnectionSocket)[Symbol.asyncDispose]();
  });
});

describe("10. a call refused with ERR_IRP_PENDING leaves the socket usable", () => {
  it("WskConnect given a pending IRP throws, and the socket connects afterwards", async () => {
    const { listener, address } = await listening(fixture);
    const socket = await boundConnection(fixture);
    const irp = IoAllocateIrp(1);
    const accept = postWith(irp, (given) => listener.Dispatch.WskAccept(listener, 0, null, null, null, null, given));
    expect(() => socket.Dispatch.WskConnect(socket, address, 0, irp)).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
    expect((await runIrp((given) => socket.Dispatch.WskConnect(socket, address, 0, given))).Status).toBe(STATUS_SUCCESS);
    const accepted = await accept;
    expect(accepted.Status).toBe(STATUS_SUCCESS);
    await (accepted.Information as ConnectionSocket)[Symbol.asyncDispose]();
    IoFreeIrp(irp);
  });

  it("WskDisconnect given a pending IRP throws, and a later WskDisconnect still sends FIN", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const irp = IoAllocateIrp(1);
    const pending = postWith(irp, (given) => socket.Dispatch.WskReceive(socket, createWskBuf(new Uint8Array(4)), 0, given));
    expect(() => socket.Dispatch.WskDisconnect(socket, null, 0, irp)).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
    const ended = new Promise<void>((resolve) => peer.once("end", resolve));
    peer.resume();
    expect((await runIrp((given) => socket.Dispatch.WskDisconnect(socket, null, 0, given))).Status).toBe(STATUS_SUCCESS);
    await ended;
    peer.end();
    expect((await pending).Status).toBe(STATUS_SUCCESS);
    IoFreeIrp(irp);
  });
});

describe("15. sends pending at close", () => {
  it("complete with STATUS_CANCELLED", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    peer.on("error", () => {}); // reset by the close
    peer.pause();
    const big = new Uint8Array(32 * 1024 * 1024);
    const sending = runIrp((irp) => socket.Dispatch.WskSend(socket, createWskBuf(big), 0, irp));
    await turn();
    fixture.sockets.splice(fixture.sockets.indexOf(socket), 1);
    const closed = await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
    expect(closed.Status).toBe(STATUS_SUCCESS);
    expect((await sending).Status).toBe(STATUS_CANCELLED);
  });
});

describe("16. flags that are not 32-bit integers", () => {
  it.each<[string, unknown]>([
    ["NaN", Number.NaN],
    ["undefined", undefined],
    ["an object", {}],
    ['the string "0"', "0"],
    ["2³²", 2 ** 32],
    ["0.5", 0.5],
  ])("%s: WskSend, WskReceive and WskDisconnect refuse it with STATUS_INVALID_PARAMETER", async (_name, flags) => {
    const { socket } = await connectedToPeer(fixture);
    const bad = flags as number;
    const sent = await call((irp) => socket.Dispatch.WskSend(socket, createWskBuf(new Uint8Array(4)), bad, irp));
    const received = await call((irp) => socket.Dispatch.WskReceive(socket, createWskBuf(new Uint8Array(4)), bad, irp));
    const disconnected = await call((irp) => socket.Dispatch.WskDisconnect(socket, null, bad, irp));
    expect([sent.Status, received.Status, disconnected.Status]).toEqual([STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER]);
  });
});
