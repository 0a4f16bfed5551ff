// Buffers and buffer lists whose fields are accessors that throw: a faithful call refuses them with
// STATUS_INVALID_PARAMETER, as any malformed buffer, and nothing of the refused call stays behind.
// (Found in this stop's probes: the user's own exception escaped the call, and a WskSendMessages
// refused that way left its entries behind, to be sent by the next batch.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AF_INET, createWskBuf, runIrp, SockAddr, STATUS_INVALID_PARAMETER, STATUS_SUCCESS, type WskBuf } from "@wskit/core";
import type { WSK_BUF_LIST } from "@wskit/dgram";
import { closeFixture, newFixture, openPeer, openSocket, type Fixture } from "../helpers/sockets";
import { withThrowingAccessor } from "../../../core/test/helpers/hostile";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const throwing = (field: "Mdl" | "Offset" | "Length"): WskBuf => withThrowingAccessor({ Mdl: null, Offset: 0, Length: 0 } as WskBuf, field);

describe("accessors that throw in a WSK_BUF or a WSK_BUF_LIST", () => {
  it("WskSendTo and WskReceiveFrom: STATUS_INVALID_PARAMETER, no throw", async () => {
    const socket = await openSocket(fixture);
    const { address } = await openPeer(fixture);
    for (const field of ["Mdl", "Offset", "Length"] as const) {
      expect((await runIrp((irp) => socket.Dispatch.WskSendTo(socket, throwing(field), 0, address, 0, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
      expect((await runIrp((irp) => socket.Dispatch.WskReceiveFrom(socket, throwing(field), 0, null, null, null, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    }
  });

  it("WskSendMessages refused by a throwing entry leaves nothing for the next batch", async () => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const got: string[] = [];
    peer.on("message", (message) => got.push(message.toString()));
    const good = (text: string) => createWskBuf(new TextEncoder().encode(text));
    const hostileEntry = withThrowingAccessor({ Buffer: good("never"), Next: null } as WSK_BUF_LIST, "Buffer");
    const hostileNext = withThrowingAccessor({ Buffer: good("never"), Next: null } as WSK_BUF_LIST, "Next");
    for (const bad of [{ Buffer: good("stale-1"), Next: hostileEntry }, { Buffer: good("stale-2"), Next: hostileNext }, { Buffer: throwing("Length"), Next: null }]) {
      expect((await runIrp((irp) => socket.Dispatch.WskSendMessages(socket, bad as WSK_BUF_LIST, 0, address, 0, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    }
    const list: WSK_BUF_LIST = { Buffer: good("one"), Next: { Buffer: good("two"), Next: null } };
    expect(await runIrp((irp) => socket.Dispatch.WskSendMessages(socket, list, 0, address, 0, null, irp))).toEqual({ Status: STATUS_SUCCESS, Information: 6 });
    for (let i = 0; i < 200 && got.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(got).toEqual(["one", "two"]);
  });
});

describe("accessors that throw in an address", () => {
  it("WskSendTo, WskBind and WskGetLocalAddress: STATUS_INVALID_PARAMETER", async () => {
    const socket = await openSocket(fixture);
    const unbound = await openSocket(fixture, { bind: false });
    const to = withThrowingAccessor(SockAddr.loopback(AF_INET, 9), "port");
    const out = withThrowingAccessor(new SockAddr(), "address", true);
    expect((await runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(new Uint8Array(1)), 0, to, 0, null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect((await runIrp((irp) => unbound.Dispatch.WskBind(unbound, to, 0, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect((await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, out, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
  });
});
