// A WSK_BUF whose fields are accessors that throw: WskSend, WskReceive and WskDisconnect refuse it
// with STATUS_INVALID_PARAMETER, as any malformed buffer, instead of letting the exception out.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runIrp, STATUS_INVALID_PARAMETER, STATUS_SUCCESS, WSK_FLAG_WAITALL, type WskBuf } from "@wskit/core";
import { closeFixture, connectedToPeer, newFixture, receive, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const throwing = (field: "Mdl" | "Offset" | "Length"): WskBuf => {
  const buffer = { Mdl: null, Offset: 0, Length: 0 } as Record<string, unknown>;
  Object.defineProperty(buffer, field, {
    get() {
      throw new Error(`${field} getter`);
    },
  });
  return buffer as unknown as WskBuf;
};

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
