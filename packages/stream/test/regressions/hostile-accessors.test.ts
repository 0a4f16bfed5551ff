// A WSK_BUF or an address whose fields are accessors that throw: the faithful calls refuse them with
// STATUS_INVALID_PARAMETER, as any malformed buffer or address, instead of letting the exception out
// (WskSocketConnect let it out of an asynchronous step, as an unhandled rejection, and never
// completed its IRP; it also read the addresses only later, so changing them after the call counted).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:net";
import { AF_INET, IPPROTO_TCP, runIrp, SOCK_STREAM, SockAddr, STATUS_INVALID_PARAMETER, STATUS_SUCCESS, WSK_FLAG_CONNECTION_SOCKET, WSK_FLAG_WAITALL, type WskBuf } from "@wskit/core";
import type { ConnectionSocket } from "@wskit/stream";
import { boundConnection, closeFixture, connectedToPeer, newFixture, receive, type Fixture } from "../helpers/connections";
import { withThrowingAccessor } from "../../../core/test/helpers/hostile";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const throwing = (field: "Mdl" | "Offset" | "Length"): WskBuf => withThrowingAccessor({ Mdl: null, Offset: 0, Length: 0 } as WskBuf, field);

describe("accessors that throw in a WSK_BUF", () => {
  it("are refused with STATUS_INVALID_PARAMETER; the connection goes on working", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    peer.on("error", () => {});
    for (const field of ["Mdl", "Offset", "Length"] as const) {
      expect((await runIrp((irp) => socket.Dispatch.WskSend(socket, throwing(field), 0, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
      expect((await runIrp((irp) => socket.Dispatch.WskReceive(socket, throwing(field), WSK_FLAG_WAITALL, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
      expect((await runIrp((irp) => socket.Dispatch.WskDisconnect(socket, throwing(field), 0, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    }
    const pending = receive(socket, 2);
    peer.write("ok");
    expect(await pending.result).toEqual({ Status: STATUS_SUCCESS, Information: 2 });
  });
});

describe("accessors that throw in an address", () => {
  const throwingPort = (port: number) => withThrowingAccessor(SockAddr.loopback(AF_INET, port), "port");
  const throwingOut = () => withThrowingAccessor(new SockAddr(), "address", true);

  it("WskSocketConnect, WskBind, WskConnect, WskGetLocalAddress, WskGetRemoteAddress: STATUS_INVALID_PARAMETER", async () => {
    const { socket } = await connectedToPeer(fixture);
    const { Client, Dispatch } = fixture.wsk.npi;
    const connected = await runIrp((irp) => Dispatch.WskSocketConnect(Client, SOCK_STREAM, IPPROTO_TCP, new SockAddr(AF_INET), throwingPort(9), 0, null, null, null, null, null, irp));
    expect(connected.Status).toBe(STATUS_INVALID_PARAMETER);
    const made = await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_CONNECTION_SOCKET, null, null, null, null, null, irp));
    const unbound = made.Information as ConnectionSocket;
    fixture.sockets.push(unbound);
    expect((await runIrp((irp) => unbound.Dispatch.WskBind(unbound, throwingPort(0), 0, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    const bound = await boundConnection(fixture);
    expect((await runIrp((irp) => bound.Dispatch.WskConnect(bound, throwingPort(9), 0, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect((await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, throwingOut(), irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect((await runIrp((irp) => socket.Dispatch.WskGetRemoteAddress(socket, throwingOut(), irp))).Status).toBe(STATUS_INVALID_PARAMETER);
  });

  it("WskSocketConnect copies its addresses at the call: changing them afterwards has no effect", async () => {
    const { peerPort } = await listeningPeer();
    const { Client, Dispatch } = fixture.wsk.npi;
    const remote = SockAddr.loopback(AF_INET, peerPort);
    const pending = runIrp((irp) => Dispatch.WskSocketConnect(Client, SOCK_STREAM, IPPROTO_TCP, new SockAddr(AF_INET), remote, 0, null, null, null, null, null, irp));
    remote.port = 1; // nothing listens there
    const result = await pending;
    expect(result.Status).toBe(STATUS_SUCCESS);
    const connection = result.Information as ConnectionSocket;
    fixture.sockets.push(connection);
    const peer = new SockAddr();
    expect((await runIrp((irp) => connection.Dispatch.WskGetRemoteAddress(connection, peer, irp))).Status).toBe(STATUS_SUCCESS);
    expect(peer.port).toBe(peerPort);
  });
});

const listeners: Server[] = [];
afterEach(async () => {
  for (const listener of listeners.splice(0)) await new Promise<void>((resolve) => listener.close(() => resolve()));
});
async function listeningPeer(): Promise<{ peerPort: number }> {
  const server = createServer((peer) => {
    peer.on("error", () => {});
    peer.destroy();
  });
  listeners.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { peerPort: (server.address() as { port: number }).port };
}
