import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { firstValueFrom, map, take, toArray } from "rxjs";
import { createWskBuf, runIrp, SockAddr, STATUS_SUCCESS, WSK_FLAG_WAITALL } from "@wskit/core";
import { getDatagramCounters } from "@wskit/dgram";
import { wskReceive, wskReceiveFrom, type DatagramIndication, type Indication } from "@wskit/rx";
import { sleep, tcpPair, turn, udpPair, writePattern, type TcpPair, type UdpPair } from "./helpers/loopback";

const cleanups: Array<TcpPair | UdpPair> = [];
afterEach(async () => {
  for (const fixture of cleanups.splice(0)) await fixture.close();
});
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("wskReceiveFrom", () => {
  it("emits datagrams from reposted WskReceiveFrom IRPs, with their senders, in order", async () => {
    const udp = await udpPair();
    cleanups.push(udp);
    const five = firstValueFrom(wskReceiveFrom(udp.socket, { depth: 2 }).pipe(map((d) => `${decode(d.bytes)}@${d.remote.port}`), take(5), toArray()));
    for (let i = 0; i < 5; i++) await udp.send(`d${i}`);
    const port = udp.peer.address().port;
    expect(await five).toEqual([0, 1, 2, 3, 4].map((i) => `d${i}@${port}`));
    expect(getDatagramCounters(udp.socket).toIrps).toBe(5);
  });

  it("a subscriber that freezes a datagram's remote does not end the loop: every datagram arrives, with its sender", async () => {
    // Found probing: the slot's SockAddr, frozen by the subscriber, was refused by the next
    // WskReceiveFrom (STATUS_INVALID_PARAMETER), which ended the stream after one datagram.
    const udp = await udpPair();
    cleanups.push(udp);
    const port = udp.peer.address().port;
    const five = firstValueFrom(
      wskReceiveFrom(udp.socket, { depth: 1 }).pipe(
        map((d) => `${decode(d.bytes)}@${Object.freeze(d.remote).port}`),
        take(5),
        toArray(),
      ),
    );
    for (let i = 0; i < 5; i++) await udp.send(`d${i}`);
    expect(await five).toEqual([0, 1, 2, 3, 4].map((i) => `d${i}@${port}`));
  });

  it("a retained datagram keeps its IRP out of the loop until released: at most `depth` held, the rest wait in the socket", async () => {
    const udp = await udpPair();
    cleanups.push(udp);
    const held: DatagramIndication[] = [];
    const subscription = wskReceiveFrom(udp.socket, { depth: 2 }).subscribe((d) => void held.push(d.retain()));
    for (let i = 0; i < 4; i++) await udp.send(`d${i}`);
    while (getDatagramCounters(udp.socket).queued < 2) await turn();
    expect(held.map((d) => decode(d.bytes))).toEqual(["d0", "d1"]);
    for (const d of held.splice(0)) d.release();
    while (held.length < 2) await turn();
    expect(held.map((d) => decode(d.bytes))).toEqual(["d2", "d3"]);
    subscription.unsubscribe();
    expect(held.every((d) => !d.retained)).toBe(true);
  });

  it("unsubscribing cancels every pending IRP: the next datagram goes to the next WskReceiveFrom", async () => {
    const udp = await udpPair();
    cleanups.push(udp);
    const subscription = wskReceiveFrom(udp.socket, { depth: 4 }).subscribe();
    await turn();
    subscription.unsubscribe();
    await turn();
    const buffer = new Uint8Array(16);
    const receiving = runIrp((irp) => udp.socket.Dispatch.WskReceiveFrom(udp.socket, createWskBuf(buffer), 0, new SockAddr(), null, null, null, irp));
    await udp.send("after");
    const { Status, Information } = await receiving;
    expect(Status).toBe(STATUS_SUCCESS);
    expect(decode(buffer.subarray(0, Information as number))).toBe("after");
  });

  it("a datagram longer than bufferSize arrives truncated (STATUS_BUFFER_OVERFLOW, as the page says), and the loop goes on", async () => {
    const udp = await udpPair();
    cleanups.push(udp);
    const two = firstValueFrom(wskReceiveFrom(udp.socket, { depth: 1, bufferSize: 4 }).pipe(map((d) => decode(d.bytes)), take(2), toArray()));
    await udp.send("truncated");
    await udp.send("ok");
    expect(await two).toEqual(["trun", "ok"]);
    expect(getDatagramCounters(udp.socket).truncated).toBe(1);
  });

  it("WskCloseSocket completes it", async () => {
    const udp = await udpPair();
    cleanups.push(udp);
    let completed = false;
    wskReceiveFrom(udp.socket).subscribe({ complete: () => (completed = true) });
    await runIrp((irp) => udp.socket.Dispatch.WskCloseSocket(udp.socket, irp));
    await turn();
    expect(completed).toBe(true);
  });

  it("refuses a depth or bufferSize that is not a positive integer (ERR_OUT_OF_RANGE)", async () => {
    const udp = await udpPair();
    cleanups.push(udp);
    expect(() => wskReceiveFrom(udp.socket, { depth: 0 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
    expect(() => wskReceiveFrom(udp.socket, { bufferSize: -1 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
  });
});

describe("wskReceive", () => {
  it("emits a connection's bytes in order from reposted WskReceive IRPs and completes at the FIN, after the held ones are released", async () => {
    const tcp = await tcpPair();
    cleanups.push(tcp);
    const hash = createHash("sha256");
    const held: Indication[] = [];
    let total = 0;
    let completed = false;
    wskReceive(tcp.socket, { depth: 3, bufferSize: 8192 }).subscribe({
      next: (indication) => void held.push(indication.retain()),
      complete: () => (completed = true),
    });
    const sending = writePattern(tcp.peer, 2 << 20, 3000);
    while (!completed) {
      await sleep(1);
      expect(held.length).toBeLessThanOrEqual(3); // a retained indication holds its IRP
      for (const indication of held.splice(0)) {
        hash.update(indication.bytes);
        total += indication.bytes.byteLength;
        indication.release();
      }
    }
    expect(total).toBe(2 << 20);
    expect(hash.digest("hex")).toBe(await sending);
  });

  it("with WSK_FLAG_WAITALL, every indication is exactly bufferSize bytes but the last", async () => {
    const tcp = await tcpPair();
    cleanups.push(tcp);
    const sizes = firstValueFrom(wskReceive(tcp.socket, { bufferSize: 100, flags: WSK_FLAG_WAITALL }).pipe(map((i) => i.bytes.byteLength), toArray()));
    await writePattern(tcp.peer, 1050, 7);
    expect(await sizes).toEqual([...Array.from({ length: 10 }, () => 100), 50]);
  });

  it("a reset is an error notification (STATUS_CONNECTION_RESET)", async () => {
    const tcp = await tcpPair();
    cleanups.push(tcp);
    const failure = new Promise<unknown>((resolve) => wskReceive(tcp.socket).subscribe({ error: resolve }));
    await turn();
    tcp.peer.resetAndDestroy();
    expect(await failure).toMatchObject({ code: "STATUS_CONNECTION_RESET" });
  });
});
