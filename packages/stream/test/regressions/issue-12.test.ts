// Issue 12 item 7: WskReceive on a listening socket is STATUS_INVALID_CONNECTION, the AFD result.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWskBuf, runIrp, SockAddr, STATUS_INVALID_CONNECTION, STATUS_SUCCESS, WSK_FLAG_STREAM_SOCKET, SOCK_STREAM, IPPROTO_TCP, AF_INET, type NTSTATUS } from "@wskit/core";
import { WskReceive, type StreamSocket } from "@wskit/stream";
import { closeFixture, listening, newFixture, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

async function receiveOn(socket: Parameters<typeof WskReceive>[0]): Promise<[NTSTATUS, NTSTATUS, unknown]> {
  let returned: NTSTATUS = 0;
  const { Status, Information } = await runIrp((irp) => (returned = WskReceive(socket, createWskBuf(new Uint8Array(8)), 0, irp)));
  return [returned, Status, Information];
}

describe("7. WskReceive on a listening socket", () => {
  it("is STATUS_INVALID_CONNECTION on a listening socket", async () => {
    const { listener } = await listening(fixture);
    expect(await receiveOn(listener as never)).toEqual([STATUS_INVALID_CONNECTION, STATUS_INVALID_CONNECTION, 0]);
  });

  it("is STATUS_INVALID_CONNECTION on a stream socket after WskListen", async () => {
    const { Client, Dispatch } = fixture.wsk.npi;
    const created = await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_STREAM_SOCKET, null, null, null, null, null, irp));
    const socket = created.Information as StreamSocket;
    fixture.sockets.push(socket as never);
    expect((await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(), 0, irp))).Status).toBe(STATUS_SUCCESS);
    expect((await runIrp((irp) => socket.Dispatch.WskListen(socket, irp))).Status).toBe(STATUS_SUCCESS);
    expect(await receiveOn(socket)).toEqual([STATUS_INVALID_CONNECTION, STATUS_INVALID_CONNECTION, 0]);
  });
});
