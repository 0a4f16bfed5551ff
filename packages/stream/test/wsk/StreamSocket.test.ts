import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AF_INET,
  IPPROTO_TCP,
  runIrp,
  SOCK_STREAM,
  SockAddr,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_SUCCESS,
  WSK_FLAG_STREAM_SOCKET,
} from "@wskit/core";
import { StreamSocket, type ConnectionSocket } from "@wskit/stream";
import { send } from "@wskit/stream";
import { closeFixture, decode, newFixture, receive, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

async function streamSocket(): Promise<StreamSocket> {
  const { Client, Dispatch } = fixture.wsk.npi;
  const made = await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_STREAM_SOCKET, null, null, null, null, null, irp));
  expect(made.Status).toBe(STATUS_SUCCESS);
  const socket = made.Information as StreamSocket;
  fixture.sockets.push(socket as never);
  return socket;
}

describe("stream sockets (WSK_FLAG_STREAM_SOCKET)", () => {
  it("one listens (WskBind + WskListen + WskAccept), another connects, and they exchange bytes", async () => {
    const server = await streamSocket();
    expect(server).toBeInstanceOf(StreamSocket);
    await runIrp((irp) => server.Dispatch.WskBind(server, SockAddr.loopback(AF_INET, 0), 0, irp));
    expect((await runIrp((irp) => server.Dispatch.WskListen(server, irp))).Status).toBe(STATUS_SUCCESS);
    const address = new SockAddr();
    await runIrp((irp) => server.Dispatch.WskGetLocalAddress(server, address, irp));
    const accepted = runIrp((irp) => server.Dispatch.WskAccept(server, 0, null, null, null, null, irp));

    const client = await streamSocket();
    await runIrp((irp) => client.Dispatch.WskBind(client, SockAddr.loopback(AF_INET, 0), 0, irp));
    expect((await runIrp((irp) => client.Dispatch.WskConnect(client, address, 0, irp))).Status).toBe(STATUS_SUCCESS);
    const connection = (await accepted).Information as ConnectionSocket;
    fixture.sockets.push(connection);
    await send(client, "over a stream socket");
    const got = receive(connection, 64);
    expect(decode(got.buffer.subarray(0, (await got.result).Information as number))).toBe("over a stream socket");
  });

  it("WskListen needs a bound socket, and a listening one cannot connect", async () => {
    const socket = await streamSocket();
    expect((await runIrp((irp) => socket.Dispatch.WskListen(socket, irp))).Status).toBe(STATUS_INVALID_DEVICE_STATE);
    await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(AF_INET, 0), 0, irp));
    await runIrp((irp) => socket.Dispatch.WskListen(socket, irp));
    expect((await runIrp((irp) => socket.Dispatch.WskConnect(socket, SockAddr.from("127.0.0.1", 9), 0, irp))).Status).toBe(STATUS_INVALID_DEVICE_STATE);
    expect((await runIrp((irp) => socket.Dispatch.WskListen(socket, irp))).Status).toBe(STATUS_INVALID_DEVICE_STATE);
  });
});
