import { connect, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  SockAddr} from "@wskit/core";
import {
  runIrp,
  SO_WSK_EVENT_CALLBACK,
  SOL_SOCKET,
  STATUS_REQUEST_NOT_ACCEPTED,
  STATUS_SUCCESS,
  WSK_EVENT_ACCEPT,
  WskSetOption,
  type NTSTATUS,
  type Ref,
} from "@wskit/core";
import type { ConnectionSocket, ListenSocket } from "@wskit/stream";
import { closeFixture, decode, listening, newFixture, receive, turn, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 5000 && !condition(); i++) await turn();
  expect(condition()).toBe(true);
};

function setDispatch(listener: ListenSocket, answer: (socket: ConnectionSocket | null, context: Ref<unknown>) => NTSTATUS) {
  const offered: Array<{ socket: ConnectionSocket | null; remote: SockAddr | null }> = [];
  // The listening socket was made with no dispatch: give it one, as WskSocket's Dispatch would.
  const dispatch = {
    WskAcceptEvent: (_c: unknown, _f: number, _l: SockAddr | null, remote: SockAddr | null, socket: ConnectionSocket | null, context: Ref<unknown>) => {
      offered.push({ socket, remote: remote?.clone() ?? null });
      if (socket !== null) fixture.sockets.push(socket);
      return answer(socket, context);
    },
  };
  return { offered, dispatch };
}

async function listeningWith(answer: (socket: ConnectionSocket | null, context: Ref<unknown>) => NTSTATUS) {
  const { listener, address } = await listening(fixture);
  const { offered, dispatch } = setDispatch(listener, answer);
  const { setSocketClient } = await import("@wskit/core/provider");
  setSocketClient(listener, null, dispatch);
  return { listener, address, offered };
}

const enable = (listener: ListenSocket) =>
  listener.Dispatch.WskControlSocket(listener, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_ACCEPT }, 0, null, null, null);

function peerTo(address: SockAddr): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(address.port, address.address, () => resolve(socket));
    socket.on("error", () => {});
  });
}

describe("WskAcceptEvent", () => {
  it("offers a connection no WskAccept took; STATUS_SUCCESS takes it with the context the client sets", async () => {
    const { listener, address, offered } = await listeningWith((_socket, context) => {
      context.value = "taken";
      return STATUS_SUCCESS;
    });
    expect(enable(listener)).toBe(STATUS_SUCCESS);
    const peer = await peerTo(address);
    await until(() => offered.length === 1);
    const socket = offered[0]?.socket as ConnectionSocket;
    expect(socket.SocketContext).toBe("taken");
    expect(offered[0]?.remote?.port).toBe(peer.localPort);
    peer.write("through the accepted socket");
    const got = receive(socket, 64);
    expect(decode(got.buffer.subarray(0, (await got.result).Information as number))).toBe("through the accepted socket");
    peer.destroy();
  });

  it("STATUS_REQUEST_NOT_ACCEPTED closes the new connection", async () => {
    const { listener, address, offered } = await listeningWith(() => STATUS_REQUEST_NOT_ACCEPTED);
    enable(listener);
    const peer = connect(address.port, address.address);
    const closed = new Promise<string>((resolve) => {
      peer.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      peer.once("close", () => resolve("closed"));
    });
    await until(() => offered.length === 1);
    expect(["ECONNRESET", "closed"]).toContain(await closed);
    // The refused socket was closed: it no longer counts against the client.
    expect(offered[0]?.socket).not.toBeNull();
  });

  it("a queued WskAccept takes the connection before the event", async () => {
    const { listener, address, offered } = await listeningWith(() => STATUS_SUCCESS);
    enable(listener);
    const accepted = runIrp((irp) => listener.Dispatch.WskAccept(listener, 0, "by-irp", null, null, null, irp));
    const peer = await peerTo(address);
    const result = await accepted;
    fixture.sockets.push(result.Information as ConnectionSocket);
    expect((result.Information as ConnectionSocket).SocketContext).toBe("by-irp");
    await turn();
    expect(offered).toEqual([]);
    peer.destroy();
  });

  it("connections that waited before the event was enabled are offered once it is", async () => {
    const { listener, address, offered } = await listeningWith(() => STATUS_SUCCESS);
    const peer = await peerTo(address);
    await turn();
    expect(offered).toEqual([]);
    enable(listener);
    await until(() => offered.length === 1);
    peer.destroy();
  });
});
