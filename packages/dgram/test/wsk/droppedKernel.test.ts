import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { AF_INET6, CHANNEL_DATAGRAM_DROP, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, STATUS_SUCCESS, WSK_EVENT_RECEIVE_FROM, WskSetOption, type DatagramDropMessage } from "@wskit/core";
import { getDatagramCounters } from "@wskit/dgram";
import { closeFixture, localAddressOf, newFixture, onEngineByDefault, openSocket, type Fixture } from "../helpers/sockets";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

const linux = process.platform === "linux";

describe.runIf(linux)("droppedKernel (node engine, from the socket's /proc/net/udp row)", () => {
  onEngineByDefault("node");

  it("is 0 for a new bound socket, IPv4 and IPv6", async () => {
    const v4 = await openSocket(fixture);
    const v6 = await openSocket(fixture, { family: AF_INET6 });
    expect([getDatagramCounters(v4).droppedKernel, getDatagramCounters(v6).droppedKernel]).toEqual([0, 0]);
  });

  it("counts what the kernel dropped while the loop was blocked: sent = received + droppedKernel", async () => {
    let received = 0;
    const socket = await openSocket(fixture, {
      dispatch: { WskReceiveFromEvent: (_c, _f, head) => { for (let d = head; d !== null; d = d.Next) received++; return STATUS_SUCCESS; } },
    });
    socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
    const { port } = await localAddressOf(socket);
    const sent = 3000;
    // The sender runs while this process is blocked in execFileSync: the kernel buffer overflows.
    const sender = `const s = require("node:dgram").createSocket("udp4"); const b = Buffer.alloc(1000); let n = 0;
      for (let i = 0; i < ${sent}; i++) s.send(b, ${port}, "127.0.0.1", () => { if (++n === ${sent}) s.close(); });`;
    execFileSync(process.execPath, ["-e", sender]);
    let last = -1;
    for (let i = 0; i < 200 && received !== last; i++) {
      last = received;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const drops: DatagramDropMessage[] = [];
    const onDrop = (message: unknown) => void drops.push(message as DatagramDropMessage);
    subscribe(CHANNEL_DATAGRAM_DROP, onDrop);
    const counters = getDatagramCounters(socket);
    expect(counters.droppedKernel).toBeGreaterThan(0);
    expect(counters.received + (counters.droppedKernel ?? 0)).toBe(sent);
    expect(received).toBe(counters.received);
    // The kernel's drops, reported on wskit:datagram:drop when the counters are read (reason "kernel").
    await new Promise((resolve) => setImmediate(resolve));
    unsubscribe(CHANNEL_DATAGRAM_DROP, onDrop);
    expect(drops.filter((m) => m.socket === socket && m.reason === "kernel").reduce((sum, m) => sum + m.count, 0)).toBe(counters.droppedKernel);
  });
});
