import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AF_INET,
  AF_INET6,
  createWskBuf,
  IPPROTO_TCP,
  IPPROTO_UDP,
  runIrp,
  SOCK_DGRAM,
  SOCK_STREAM,
  SockAddr,
  STATUS_ADDRESS_ALREADY_EXISTS,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  WSK_FLAG_DATAGRAM_SOCKET,
  type AddressFamily,
} from "@wskit/core";
import { DatagramSocket } from "@wskit/dgram";
import { closeFixture, localAddressOf, newFixture, openSocket, type Fixture } from "../helpers/sockets";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

describe("WskSocket for WSK_FLAG_DATAGRAM_SOCKET", () => {
  it("makes a DatagramSocket through core's dispatch once @wskit/dgram is loaded", async () => {
    const socket = await openSocket(fixture, { bind: false });
    expect(socket).toBeInstanceOf(DatagramSocket);
    expect(typeof socket.Dispatch.WskReceiveFrom).toBe("function");
  });

  it.each([
    ["a stream type", AF_INET, SOCK_STREAM, IPPROTO_UDP],
    ["TCP", AF_INET, SOCK_DGRAM, IPPROTO_TCP],
    ["an unknown family", 99, SOCK_DGRAM, IPPROTO_UDP],
  ])("refuses %s with STATUS_NOT_SUPPORTED", async (_name, family, type, protocol) => {
    const { Client, Dispatch } = fixture.wsk.npi;
    const result = await runIrp((irp) => Dispatch.WskSocket(Client, family, type, protocol, WSK_FLAG_DATAGRAM_SOCKET, null, null, null, null, null, irp));
    expect(result).toEqual({ Status: STATUS_NOT_SUPPORTED, Information: 0 });
  });
});

describe("WskBind and WskGetLocalAddress", () => {
  it.each([AF_INET, AF_INET6] as AddressFamily[])("binds port 0 to a free port (family %i)", async (family) => {
    const socket = await openSocket(fixture, { family });
    const local = await localAddressOf(socket, family);
    expect(local.family).toBe(family);
    expect(local.address).toBe(family === AF_INET ? "127.0.0.1" : "::1");
    expect(local.port).toBeGreaterThan(0);
  });

  it("refuses a second bind with STATUS_INVALID_DEVICE_STATE", async () => {
    const socket = await openSocket(fixture);
    const again = await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(AF_INET, 0), 0, irp));
    expect(again.Status).toBe(STATUS_INVALID_DEVICE_STATE);
  });

  it.each([
    ["an address of the other family", () => SockAddr.loopback(AF_INET6, 0), 0],
    ["Flags other than 0", () => SockAddr.loopback(AF_INET, 0), 1],
    ["something that is not a SockAddr", () => ({ family: AF_INET, address: "127.0.0.1", port: 0 }) as SockAddr, 0],
  ])("refuses %s with STATUS_INVALID_PARAMETER", async (_name, address, flags) => {
    const socket = await openSocket(fixture, { bind: false });
    let returned = 0;
    const result = await runIrp((irp) => (returned = socket.Dispatch.WskBind(socket, address(), flags, irp)));
    expect([returned, result.Status]).toEqual([STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER]);
  });

  it("completes with STATUS_ADDRESS_ALREADY_EXISTS for a port in use, and binds on a later try", async () => {
    const first = await openSocket(fixture);
    const taken = await localAddressOf(first);
    const second = await openSocket(fixture, { bind: false });
    const conflict = await runIrp((irp) => second.Dispatch.WskBind(second, taken, 0, irp));
    expect(conflict.Status).toBe(STATUS_ADDRESS_ALREADY_EXISTS);
    const retry = await runIrp((irp) => second.Dispatch.WskBind(second, SockAddr.loopback(AF_INET, 0), 0, irp));
    expect(retry.Status).toBe(STATUS_SUCCESS);
  });

  it("before the bind, sends, receives and WskGetLocalAddress complete with STATUS_INVALID_DEVICE_STATE", async () => {
    const socket = await openSocket(fixture, { bind: false });
    const buf = createWskBuf(new Uint8Array(8));
    const to = SockAddr.from("127.0.0.1", 9);
    const results = await Promise.all([
      runIrp((irp) => socket.Dispatch.WskSendTo(socket, buf, 0, to, 0, null, irp)),
      runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, buf, 0, null, null, null, null, irp)),
      runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, new SockAddr(), irp)),
    ]);
    expect(results.map((r) => r.Status)).toEqual([STATUS_INVALID_DEVICE_STATE, STATUS_INVALID_DEVICE_STATE, STATUS_INVALID_DEVICE_STATE]);
  });
});
