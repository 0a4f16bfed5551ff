import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { firstValueFrom, from, lastValueFrom, NEVER, range, map, toArray, concat, of } from "rxjs";
import { disableVerifier, enableVerifier, SockAddr, verifierLeaks, type NTSTATUS, type WskVerifierError } from "@wskit/core";
import { wskSend, wskSendTo, type SendTarget, type SendToTarget } from "@wskit/rx";
import { tcpPair, turn, udpPair, type TcpPair, type UdpPair } from "../helpers/loopback";

const cleanups: Array<TcpPair | UdpPair> = [];
const violations: WskVerifierError[] = [];
afterEach(async () => {
  disableVerifier();
  violations.length = 0;
  for (const fixture of cleanups.splice(0)) await fixture.close();
});

// The real socket, seen through a dispatch that counts the IRPs posted and not yet completed.
function countingInFlight<S extends { Dispatch: object }>(socket: S, call: "WskSendTo" | "WskSend") {
  const stats = { posted: 0, completed: 0, peak: 0 };
  const dispatch = socket.Dispatch as Record<string, (...args: unknown[]) => NTSTATUS>;
  const target = {
    Dispatch: {
      ...socket.Dispatch,
      [call]: (_socket: unknown, ...rest: unknown[]) => {
        stats.posted++;
        stats.peak = Math.max(stats.peak, stats.posted - stats.completed);
        return (dispatch[call] as (...args: unknown[]) => NTSTATUS)(socket, ...rest);
      },
    },
  };
  return { target, stats };
}

describe("wskSendTo", () => {
  it("sends each value as a datagram with at most maxInFlight IRPs posted, and emits each completion", async () => {
    const udp = await udpPair();
    cleanups.push(udp);
    const receiver = udp.peer;
    const to = SockAddr.from("127.0.0.1", receiver.address().port);
    const got: string[] = [];
    receiver.on("message", (message) => got.push(message.toString()));
    const { target, stats } = countingInFlight(udp.socket, "WskSendTo");
    const completions = await lastValueFrom(
      range(0, 200).pipe(
        map((i) => new TextEncoder().encode(`m${i}`)),
        wskSendTo(target as unknown as SendToTarget, { remote: to, maxInFlight: 4 }),
        map((completion) => {
          stats.completed++;
          return completion.bytes;
        }),
        toArray(),
      ),
    );
    expect(completions).toHaveLength(200);
    expect(stats.peak).toBeLessThanOrEqual(4);
    expect(stats.peak).toBeGreaterThan(1);
    while (got.length < 200) await turn();
    expect(got).toEqual(Array.from({ length: 200 }, (_, i) => `m${i}`));
  });

  it("takes { bytes, remote } values; a refused send is an error notification with its status", async () => {
    const udp = await udpPair();
    cleanups.push(udp);
    const to = SockAddr.from("127.0.0.1", udp.peer.address().port);
    const ok = await firstValueFrom(of({ bytes: new Uint8Array([1, 2, 3]), remote: to }).pipe(wskSendTo(udp.socket)));
    expect(ok.bytes).toBe(3);
    const failure = lastValueFrom(of({ bytes: new Uint8Array(1), remote: SockAddr.from("127.0.0.1", 0) }).pipe(wskSendTo(udp.socket)));
    await expect(failure).rejects.toMatchObject({ code: "STATUS_INVALID_ADDRESS_COMPONENT" });
  });

  it("completes only after the source and every send have completed", async () => {
    const udp = await udpPair();
    cleanups.push(udp);
    const to = SockAddr.from("127.0.0.1", udp.peer.address().port);
    const events: string[] = [];
    await new Promise<void>((resolve, reject) =>
      from([new Uint8Array(8), new Uint8Array(8), new Uint8Array(8)])
        .pipe(wskSendTo(udp.socket, { remote: to, maxInFlight: 1 }))
        .subscribe({ next: (c) => events.push(`sent ${c.bytes}`), error: reject, complete: () => (events.push("complete"), resolve()) }),
    );
    // The source completed synchronously, long before the sends: completion still waits for all three.
    expect(events).toEqual(["sent 8", "sent 8", "sent 8", "complete"]);
    expect(() => wskSendTo(udp.socket, { maxInFlight: 0 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
  });

  it("unsubscribing with a send in flight and values waiting frees every IRP (under the verifier)", async () => {
    enableVerifier({ onViolation: (e) => violations.push(e) });
    const udp = await udpPair();
    cleanups.push(udp);
    const to = SockAddr.from("127.0.0.1", udp.peer.address().port);
    let completions = 0;
    const subscription = concat(from([new Uint8Array(8), new Uint8Array(8), new Uint8Array(8)]), NEVER)
      .pipe(wskSendTo(udp.socket, { remote: to, maxInFlight: 1 }))
      .subscribe(() => completions++);
    subscription.unsubscribe(); // one send in flight, two waiting
    for (let i = 0; i < 5; i++) await turn();
    expect(completions).toBe(0);
    expect(verifierLeaks()).toEqual([]);
    expect(violations).toEqual([]);
  });
});

describe("wskSend", () => {
  it("sends every chunk in order with at most maxInFlight WskSend IRPs posted", async () => {
    const tcp = await tcpPair();
    cleanups.push(tcp);
    const hash = createHash("sha256");
    const chunks = Array.from({ length: 500 }, (_, i) => new Uint8Array(4000).fill(i % 251));
    for (const chunk of chunks) hash.update(chunk);
    const received = createHash("sha256");
    let total = 0;
    tcp.peer.on("data", (data: Buffer) => {
      received.update(data);
      total += data.length;
    });
    const { target, stats } = countingInFlight(tcp.socket, "WskSend");
    const sent = await lastValueFrom(
      from(chunks).pipe(
        wskSend(target as unknown as SendTarget, { maxInFlight: 3 }),
        map((completion) => {
          stats.completed++;
          return completion.bytes;
        }),
        toArray(),
      ),
    );
    expect(sent.reduce((a, b) => a + b, 0)).toBe(500 * 4000);
    expect(stats.peak).toBeLessThanOrEqual(3);
    while (total < 500 * 4000) await turn();
    expect(received.digest("hex")).toBe(hash.digest("hex"));
  });

  it("a send on a closed socket is an error notification (STATUS_INVALID_HANDLE)", async () => {
    const tcp = await tcpPair();
    cleanups.push(tcp);
    await tcp.socket[Symbol.asyncDispose]();
    await expect(lastValueFrom(of(new Uint8Array(1)).pipe(wskSend(tcp.socket)))).rejects.toMatchObject({ code: "STATUS_INVALID_HANDLE" });
  });
});
