import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SO_WSK_EVENT_CALLBACK, SOL_SOCKET, STATUS_PENDING, STATUS_SUCCESS, WSK_EVENT_RECEIVE_FROM, WskSetOption } from "@wskit/core";
import { getDatagramCounters, type WskDatagramIndication } from "@wskit/dgram";
import { kDatagram } from "../src/internal/datagramState";
import { closeFixture, localAddressOf, newFixture, openPeer, openSocket, until, type Fixture } from "./helpers/sockets";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

describe("stress: 100,000 datagrams through WskReceiveFromEvent", () => {
  it("accounts for every datagram (received + counted drops = sent) and leaks no buffer", async () => {
    const total = 100_000;
    const seen = new Uint8Array(total);
    let calls = 0;
    const kept: WskDatagramIndication[] = [];
    const socket = await openSocket(fixture, {
      dispatch: {
        WskReceiveFromEvent: (_context, _flags, head) => {
          for (let d = head; d !== null; d = d.Next) {
            const view = d.Buffer.Mdl?.MappedSystemVa as Uint8Array;
            const sequence = new DataView(view.buffer, view.byteOffset, 4).getUint32(0, true);
            seen[sequence] = (seen[sequence] ?? 0) + 1;
          }
          switch (calls++ % 3) {
            case 0:
              return STATUS_SUCCESS;
            case 1:
              if (head !== null) kept.push(head);
              return STATUS_PENDING;
            default:
              // Give back what was kept, from inside a later callback, as a driver's DPC might.
              for (const list of kept.splice(0)) expect(socket.Dispatch.WskRelease(socket, list)).toBe(STATUS_SUCCESS);
              return STATUS_SUCCESS;
          }
        },
      },
    });
    socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
    const { peer } = await openPeer(fixture);
    const local = await localAddressOf(socket);

    // The sender keeps at most a window in flight, so the kernel never drops: every loss is ours and counted.
    const window = 256;
    for (let sent = 0; sent < total; ) {
      const end = Math.min(total, sent + window);
      for (; sent < end; sent++) {
        // A payload of its own per datagram: Node sends it a tick later.
        const payload = new Uint8Array(16);
        new DataView(payload.buffer).setUint32(0, sent, true);
        peer.send(payload, local.port, local.address);
      }
      const target = sent;
      await until(() => getDatagramCounters(socket).received >= target, 100_000);
    }
    await until(() => getDatagramCounters(socket).queued === 0);
    for (const list of kept.splice(0)) socket.Dispatch.WskRelease(socket, list);

    const c = getDatagramCounters(socket);
    const dropped = c.droppedQueueFull + c.droppedRetentionLimit + c.droppedNoBuffer;
    expect(c.received).toBe(total);
    expect(c.indicated + dropped).toBe(total);
    // Each datagram indicated was seen exactly once; the dropped ones never.
    let once = 0;
    for (let i = 0; i < total; i++) {
      expect(seen[i]).toBeLessThanOrEqual(1);
      once += seen[i] as number;
    }
    expect(once).toBe(c.indicated);
    expect(c.retained).toBe(0);
    expect(c.released).toBeGreaterThan(0);
    expect(socket[kDatagram].pool.outstanding).toBe(0);
    expect(c.buffersInUse).toBe(0); // the public view of the same pool
    expect(socket[kDatagram].retainedBytes).toBe(0);
  }, 120_000);
});
