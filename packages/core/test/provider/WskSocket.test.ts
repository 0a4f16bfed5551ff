import { afterAll, describe, expect, it } from "vitest";
import {
  AF_INET,
  BasicSocket,
  IoAllocateIrp,
  IoFreeIrp,
  IPPROTO_TCP,
  IPPROTO_UDP,
  registerWskClient,
  runIrp,
  SOCK_DGRAM,
  SOCK_STREAM,
  SockAddr,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_FLAG_BASIC_SOCKET,
  WSK_FLAG_CONNECTION_SOCKET,
  WSK_FLAG_DATAGRAM_SOCKET,
  WskCloseSocket,
  type WSK_SOCKET,
} from "@wskit/core";
import { captureWarnings } from "../helpers/warnings";

// Core's tests never install @wskit/dgram or @wskit/stream: these are the "only core installed" cases.
const wsk = registerWskClient();
afterAll(() => wsk.close());
const { Client, Dispatch } = wsk.npi;

// This file's tests cause WSKIT_PROVIDER_MISSING on purpose: captured and asserted, not printed.
const capture = captureWarnings();
afterAll(() => capture.restore());
const warnings = capture.warnings;
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("WskSocket", () => {
  it("leaves the IRP untouched when it is missing (STATUS_INVALID_PARAMETER)", () => {
    expect(Dispatch.WskSocket(Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_BASIC_SOCKET, null, null, null, null, null, null as never)).toBe(
      STATUS_INVALID_PARAMETER,
    );
  });

  it("leaves a preset IoStatus untouched for a client handle that is not a live one (STATUS_INVALID_HANDLE)", async () => {
    const irp = IoAllocateIrp(1);
    irp.IoStatus.Status = 0x1234;
    irp.IoStatus.Information = 77;
    expect(Dispatch.WskSocket({} as never, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_BASIC_SOCKET, null, null, null, null, null, irp)).toBe(
      STATUS_INVALID_HANDLE,
    );
    await flush();
    expect(irp.IoStatus).toEqual({ Status: 0x1234, Information: 77 });
    expect(irp.PendingReturned).toBe(false);
    IoFreeIrp(irp);
  });

  it("refuses Flags that name no single category: returns and completes with STATUS_INVALID_PARAMETER", async () => {
    const irp = IoAllocateIrp(1);
    const status = Dispatch.WskSocket(Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, 0x6, null, null, null, null, null, irp);
    expect(status).toBe(STATUS_INVALID_PARAMETER);
    await flush();
    expect(irp.IoStatus).toEqual({ Status: STATUS_INVALID_PARAMETER, Information: 0 });
    IoFreeIrp(irp);
  });

  it("makes a basic socket: STATUS_PENDING, then the socket in Information", async () => {
    let returned = 0;
    const { Status, Information } = await runIrp((irp) => {
      returned = Dispatch.WskSocket(Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_BASIC_SOCKET, "context", null, null, null, null, irp);
      return returned;
    });
    expect([returned, Status]).toEqual([STATUS_PENDING, STATUS_SUCCESS]);
    const socket = Information as WSK_SOCKET;
    expect(socket).toBeInstanceOf(BasicSocket);
    expect(socket.Dispatch.WskCloseSocket).toBe(WskCloseSocket);
    expect((socket as BasicSocket).SocketContext).toBe("context");
    await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
  });

  it("completes with STATUS_NOT_SUPPORTED and names @wskit/dgram when datagram sockets are not installed", async () => {
    const result = await runIrp((irp) =>
      Dispatch.WskSocket(Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, null, {}, null, null, null, irp),
    );
    expect(result).toEqual({ Status: STATUS_NOT_SUPPORTED, Information: 0 });
    await flush();
    const warning = warnings.find((w) => w.code === "WSKIT_PROVIDER_MISSING" && w.message.includes("@wskit/dgram"));
    expect(warning?.message).toContain("npm install @wskit/dgram");
    expect(warning?.message).toContain('import "@wskit/dgram"');
  });

  it("completes with STATUS_NOT_SUPPORTED and names @wskit/stream for connection sockets and WskSocketConnect", async () => {
    const socket = await runIrp((irp) =>
      Dispatch.WskSocket(Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_CONNECTION_SOCKET, null, {}, null, null, null, irp),
    );
    expect(socket.Status).toBe(STATUS_NOT_SUPPORTED);
    const connect = await runIrp((irp) =>
      Dispatch.WskSocketConnect(Client, SOCK_STREAM, IPPROTO_TCP, SockAddr.from("127.0.0.1", 0), SockAddr.from("127.0.0.1", 9), 0, null, {}, null, null, null, irp),
    );
    expect(connect.Status).toBe(STATUS_NOT_SUPPORTED);
    await flush();
    expect(warnings.some((w) => w.message.includes("npm install @wskit/stream"))).toBe(true);
  });

  it("WskSocketConnect refuses reserved Flags and mixed families with STATUS_INVALID_PARAMETER", async () => {
    const local = SockAddr.from("127.0.0.1", 0);
    const remote6 = SockAddr.from("::1", 9);
    for (const [flags, remote] of [[1, SockAddr.from("127.0.0.1", 9)], [0, remote6]] as const) {
      const result = await runIrp((irp) => Dispatch.WskSocketConnect(Client, SOCK_STREAM, IPPROTO_TCP, local, remote, flags, null, {}, null, null, null, irp));
      expect(result.Status).toBe(STATUS_INVALID_PARAMETER);
    }
  });
});
