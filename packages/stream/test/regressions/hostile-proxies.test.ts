// Every argument of every faithful call given a Proxy whose traps all throw: the call refuses it
// with an NTSTATUS (or, for the IRP itself, a typed ERR_* programmer error), never with the
// Proxy's own exception, and the connection still carries data afterwards (SPEC §7).
// (Found in this stop's probes: brand checks, instanceof and Object.isFrozen ran the traps.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWskBuf, IoAllocateIrp, IoFreeIrp, SockAddr, SO_RCVBUF, SOL_SOCKET, WskGetOption, WskSetOption, type IRP } from "@wskit/core";
import { refusalOf, throwingProxy } from "../../../core/test/helpers/hostile";
import { closeFixture, connectedToPeer, newFixture, receive, send, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

describe("faithful connection calls given a Proxy whose traps throw", () => {
  it("refuse it in every argument position, and the connection still works", async () => {
    const { socket, peer } = await connectedToPeer(fixture);
    const D = socket.Dispatch;
    const irps: IRP[] = [];
    const irp = () => {
      const made = IoAllocateIrp(1, false);
      irps.push(made);
      return made;
    };
    const calls: Record<string, () => unknown[]> = {
      WskSend: () => [socket, createWskBuf(new Uint8Array(1)), 0, irp()],
      WskReceive: () => [socket, createWskBuf(new Uint8Array(1)), 0, irp()],
      WskGetLocalAddress: () => [socket, new SockAddr(), irp()],
      WskGetRemoteAddress: () => [socket, new SockAddr(), irp()],
      WskControlSocket: () => [socket, WskSetOption, SO_RCVBUF, SOL_SOCKET, 4, 65_536, 0, null, null, irp()],
      WskControlSocketGet: () => [socket, WskGetOption, SO_RCVBUF, SOL_SOCKET, 0, null, 4, { value: 0 }, { value: 0 }, irp()],
      WskRelease: () => [socket, {}],
    };
    const found: string[] = [];
    for (const [name, make] of Object.entries(calls)) {
      const fn = (D as unknown as Record<string, (...args: unknown[]) => unknown>)[name.replace(/Get$/, "")] as (...args: unknown[]) => unknown;
      const count = make().length;
      for (let at = 0; at < count; at++) {
        const args = make();
        args[at] = throwingProxy();
        const result = refusalOf(() => fn(...args));
        if (result.startsWith("threw") || result.startsWith("returned")) found.push(`${name} argument ${at}: ${result}`);
      }
    }
    expect(found).toEqual([]);
    // Still a working connection, both ways.
    peer.write("ping");
    const { result, buffer } = receive(socket, 4);
    expect((await result).Information).toBe(4);
    expect(new TextDecoder().decode(buffer)).toBe("ping");
    const got = new Promise<string>((resolve) => peer.once("data", (data) => resolve(data.toString())));
    expect((await send(socket, "pong")).Information).toBe(4);
    expect(await got).toBe("pong");
    for (const made of irps) {
      try {
        IoFreeIrp(made);
      } catch {
        // still pending (a receive the hostile call left posted is cancelled at close)
      }
    }
  });
});
