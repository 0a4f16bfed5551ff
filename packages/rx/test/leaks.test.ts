// Under the verifier, every IRP the adapters allocate is freed and every list they retain is given
// back, whichever way a subscription ends: unsubscribe with IRPs pending, unsubscribe from inside
// next(), the peer's FIN, an error, WskCloseSocket.
import { afterEach, describe, expect, it } from "vitest";
import { firstValueFrom, lastValueFrom, of, take } from "rxjs";
import { disableVerifier, enableVerifier, SockAddr, verifierLeaks, type WskVerifierError } from "@wskit/core";
import { connectionIndications, datagramIndications, mergeMapRetained, wskReceive, wskReceiveFrom, wskSend, wskSendTo } from "@wskit/rx";
import { sleep, tcpPair, turn, udpPair, writePattern } from "./helpers/loopback";

const violations: WskVerifierError[] = [];
afterEach(() => disableVerifier());
const settle = async () => {
  for (let i = 0; i < 5; i++) await turn();
};

describe("no IRP or indication leaks, under the verifier", () => {
  it("datagram adapters: event Observable, IRP loop, send operator", async () => {
    enableVerifier({ onViolation: (e) => violations.push(e) });
    const udp = await udpPair();
    const to = SockAddr.from("127.0.0.1", udp.local.port);
    // IRP loop: taken from inside next() (take), then unsubscribed with IRPs pending.
    const two = firstValueFrom(wskReceiveFrom(udp.socket, { depth: 4 }).pipe(take(2), mergeMapRetained(async () => sleep(1))));
    await lastValueFrom(of(new Uint8Array(4), new Uint8Array(4)).pipe(wskSendTo(udp.socket, { remote: to, maxInFlight: 1 })));
    await two;
    // Event Observable: one retained at unsubscribe.
    const kept: unknown[] = [];
    const subscription = datagramIndications(udp.socket).subscribe((d) => void kept.push(d.retain()));
    await udp.send("held");
    while (kept.length === 0) await turn();
    subscription.unsubscribe();
    // IRP loop ended by WskCloseSocket.
    wskReceiveFrom(udp.socket).subscribe();
    await udp.close();
    await settle();
    expect(verifierLeaks()).toEqual([]);
    expect(violations).toEqual([]);
  });

  it("connection adapters: event Observable to the FIN past its bound, IRP loop to a reset, send operator", async () => {
    enableVerifier({ onViolation: (e) => violations.push(e) });
    const first = await tcpPair();
    const done = lastValueFrom(connectionIndications(first.socket, { maxRetained: 2 }).pipe(mergeMapRetained(async () => sleep(1), 1)), { defaultValue: undefined });
    await writePattern(first.peer, 1 << 20, 1000);
    await done;
    await lastValueFrom(of(new Uint8Array(100)).pipe(wskSend(first.socket)));
    await first.close();

    const second = await tcpPair();
    const failed = lastValueFrom(wskReceive(second.socket, { depth: 3 })).catch((error: unknown) => error);
    await turn();
    second.peer.resetAndDestroy();
    expect(await failed).toMatchObject({ code: "STATUS_CONNECTION_RESET" });
    await second.close();
    await settle();
    expect(verifierLeaks()).toEqual([]);
    expect(violations).toEqual([]);
  });
});

