// SO_WSKIT_SEND_SEGMENTATION, UDP GSO on the native engine: runs of datagrams of one size to one
// destination go out as one segmented message. What a receiver sees must not change: every
// datagram whole, its own boundaries, in order, to its own destination, and each IRP completes with
// its own byte count, with segmentation on and off alike.
import type { Socket } from "node:dgram";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWskBuf, runIrp, SOL_SOCKET, STATUS_INVALID_PARAMETER, STATUS_NOT_SUPPORTED, STATUS_SUCCESS } from "@wskit/core";
import { openDatagramSocket, SO_WSKIT_SEND_SEGMENTATION, type DatagramSocket, type WSK_BUF_LIST } from "@wskit/dgram";
import { nativeBinding } from "../../src/engines/nativeBinding";
import { closeFixture, getSocketOption, newFixture, onEngineByDefault, openPeer, openSocket, setSocketOption, type Fixture } from "../helpers/sockets";

const native = nativeBinding().binding !== null;
let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const setSegmentation = (socket: DatagramSocket, value: unknown) => setSocketOption(socket, SOL_SOCKET, SO_WSKIT_SEND_SEGMENTATION, value);
const segmentation = (socket: DatagramSocket) => getSocketOption(socket, SOL_SOCKET, SO_WSKIT_SEND_SEGMENTATION);

/** Collects what a peer receives until `count` datagrams came (bounded). */
function collect(peer: Socket, count: number): Promise<Buffer[]> {
  const got: Buffer[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${got.length} of ${count} datagrams arrived`)), 5000);
    peer.on("message", (message) => {
      got.push(message);
      if (got.length === count) {
        clearTimeout(timer);
        resolve(got);
      }
    });
  });
}

// Datagram i: `size` bytes, each (i * 31 + k) & 255, so a shifted boundary shows.
const payload = (i: number, size: number) => Buffer.from(Array.from({ length: size }, (_, k) => (i * 31 + k) & 255));

describe.skipIf(!native)("SO_WSKIT_SEND_SEGMENTATION on the native engine", () => {
  onEngineByDefault("native");

  it("is on by default, set at any time, read back; hostile values are refused", async () => {
    const socket = await openSocket(fixture);
    expect(await segmentation(socket)).toBe(1);
    expect((await setSegmentation(socket, 0)).Status).toBe(STATUS_SUCCESS);
    expect(await segmentation(socket)).toBe(0);
    expect((await setSegmentation(socket, 7)).Status).toBe(STATUS_SUCCESS);
    expect(await segmentation(socket)).toBe(1);
    for (const hostile of [-1, 1.5, Number.NaN, "1", null, {}]) expect((await setSegmentation(socket, hostile)).Status).toBe(STATUS_INVALID_PARAMETER);
    const off = await openDatagramSocket({ sendSegmentation: false });
    fixture.sockets.push(off);
    expect(await segmentation(off)).toBe(0);
  });

  for (const on of [true, false]) {
    it(`WskSendMessages of 64 equal datagrams from MDL chains, segmentation ${on ? "on" : "off"}: each arrives whole, in order; Information is the total`, async () => {
      const socket = await openDatagramSocket({ sendSegmentation: on });
      fixture.sockets.push(socket);
      const { peer, address } = await openPeer(fixture);
      const arrived = collect(peer, 64);
      let list: WSK_BUF_LIST | null = null;
      for (let i = 63; i >= 0; i--) {
        // Three buffers per datagram, the first one entered at an offset: vectors of every shape.
        const bytes = payload(i, 100);
        const chain = [Buffer.concat([Buffer.alloc(5, 0xee), bytes.subarray(0, 10)]), bytes.subarray(10, 60), bytes.subarray(60)];
        list = { Next: list, Buffer: createWskBuf(chain, 5, 100) };
      }
      expect(await runIrp((irp) => socket.Dispatch.WskSendMessages(socket, list, 0, address, 0, null, irp))).toEqual({ Status: STATUS_SUCCESS, Information: 6400 });
      expect((await arrived).map((m) => m.toString("hex"))).toEqual(Array.from({ length: 64 }, (_, i) => payload(i, 100).toString("hex")));
    });
  }

  it("WskSendTo calls of one turn, mixed sizes and two destinations: every datagram to its own peer, each IRP its own byte count", async () => {
    const socket = await openSocket(fixture);
    const a = await openPeer(fixture);
    const b = await openPeer(fixture);
    const plan = Array.from({ length: 120 }, (_, i) => ({ i, size: i % 17 === 0 ? 40 : i % 29 === 0 ? 0 : 300, to: i % 5 === 4 ? b : a }));
    const toA = collect(a.peer, plan.filter((p) => p.to === a).length);
    const toB = collect(b.peer, plan.filter((p) => p.to === b).length);
    const results = await Promise.all(plan.map((p) => runIrp((irp) => socket.Dispatch.WskSendTo(socket, createWskBuf(payload(p.i, p.size)), 0, p.to.address, 0, null, irp))));
    expect(results).toEqual(plan.map((p) => ({ Status: STATUS_SUCCESS, Information: p.size })));
    const expected = (peer: typeof a) => plan.filter((p) => p.to === peer).map((p) => payload(p.i, p.size).toString("hex"));
    expect((await toA).map((m) => m.toString("hex"))).toEqual(expected(a));
    expect((await toB).map((m) => m.toString("hex"))).toEqual(expected(b));
  });

  it("a run as large as a datagram can be (64 × 1,000 B) and runs of 1,200 B over IPv6 arrive whole", async () => {
    const socket = await openSocket(fixture);
    const { peer, address } = await openPeer(fixture);
    const arrived = collect(peer, 64);
    let list: WSK_BUF_LIST | null = null;
    for (let i = 63; i >= 0; i--) list = { Next: list, Buffer: createWskBuf(payload(i, 1000)) };
    expect((await runIrp((irp) => socket.Dispatch.WskSendMessages(socket, list, 0, address, 0, null, irp))).Status).toBe(STATUS_SUCCESS);
    expect((await arrived).map((m) => m.toString("hex"))).toEqual(Array.from({ length: 64 }, (_, i) => payload(i, 1000).toString("hex")));

    const v6 = await openSocket(fixture, { family: 23 });
    const peer6 = await openPeer(fixture, 23);
    const arrived6 = collect(peer6.peer, 30);
    let list6: WSK_BUF_LIST | null = null;
    for (let i = 29; i >= 0; i--) list6 = { Next: list6, Buffer: createWskBuf(payload(i, 1200)) };
    expect((await runIrp((irp) => v6.Dispatch.WskSendMessages(v6, list6, 0, peer6.address, 0, null, irp))).Status).toBe(STATUS_SUCCESS);
    expect((await arrived6).map((m) => m.toString("hex"))).toEqual(Array.from({ length: 30 }, (_, i) => payload(i, 1200).toString("hex")));
  });
});

describe("SO_WSKIT_SEND_SEGMENTATION on the node engine", () => {
  onEngineByDefault("node");

  it("answers 0, takes 0 and refuses on with STATUS_NOT_SUPPORTED", async () => {
    const socket = await openSocket(fixture);
    expect(await segmentation(socket)).toBe(0);
    expect((await setSegmentation(socket, 0)).Status).toBe(STATUS_SUCCESS);
    expect((await setSegmentation(socket, 1)).Status).toBe(STATUS_NOT_SUPPORTED);
    await expect(openDatagramSocket({ engine: "node", sendSegmentation: true })).rejects.toMatchObject({ code: "STATUS_NOT_SUPPORTED" });
  });
});
