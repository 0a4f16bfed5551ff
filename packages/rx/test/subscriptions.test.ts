// SPEC §9: one socket never silently serves two subscriptions. A second subscription to a socket's
// indications is refused with ERR_SOCKET_ALREADY_OBSERVED at subscribe time, and the first goes
// on receiving; share() is the way to hand one subscription to many subscribers.
import { afterEach, describe, expect, it } from "vitest";
import { firstValueFrom, map, share, take, toArray } from "rxjs";
import { connectionIndications, datagramIndications, IndicationError } from "@wskit/rx";
import { tcpPair, udpPair } from "./helpers/loopback";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe("a second subscription to one socket (SPEC §9)", () => {
  it("datagramIndications: refused with ERR_SOCKET_ALREADY_OBSERVED; the first still receives everything", async () => {
    const udp = await udpPair();
    cleanups.push(() => udp.close());
    const first = firstValueFrom(datagramIndications(udp.socket).pipe(take(2), toArray()));
    const texts = firstValueFrom(datagramIndications(udp.socket).pipe(toArray())).catch((e: unknown) => e);
    const error = await texts;
    expect(IndicationError.is(error) && error.code).toBe("ERR_SOCKET_ALREADY_OBSERVED");
    expect((error as Error).message).toMatch(/share\(\)/);
    await udp.send("one");
    await udp.send("two");
    expect((await first).length).toBe(2);
  });

  it("datagramIndications: a new subscription is taken once the first ended", async () => {
    const udp = await udpPair();
    cleanups.push(() => udp.close());
    const once = firstValueFrom(datagramIndications(udp.socket).pipe(map((d) => decode(d.bytes))));
    await udp.send("first");
    expect(await once).toBe("first");
    const again = firstValueFrom(datagramIndications(udp.socket).pipe(map((d) => decode(d.bytes))));
    await udp.send("second");
    expect(await again).toBe("second");
  });

  it("datagramIndications with share(): two subscribers see every datagram of one subscription", async () => {
    const udp = await udpPair();
    cleanups.push(() => udp.close());
    const shared = datagramIndications(udp.socket).pipe(share());
    const a: string[] = [];
    const b: string[] = [];
    const subA = shared.subscribe((d) => a.push(decode(d.bytes)));
    const subB = shared.subscribe((d) => b.push(decode(d.bytes)));
    cleanups.push(() => (subA.unsubscribe(), subB.unsubscribe()));
    for (const word of ["x", "y", "z"]) await udp.send(word);
    for (let i = 0; i < 200 && b.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    expect([a, b]).toEqual([
      ["x", "y", "z"],
      ["x", "y", "z"],
    ]);
  });

  it("connectionIndications: refused with ERR_SOCKET_ALREADY_OBSERVED; the first still receives the bytes", async () => {
    const tcp = await tcpPair();
    cleanups.push(() => tcp.close());
    const first = firstValueFrom(connectionIndications(tcp.socket).pipe(map((d) => decode(d.bytes))));
    const error = await firstValueFrom(connectionIndications(tcp.socket)).catch((e: unknown) => e);
    expect(IndicationError.is(error) && error.code).toBe("ERR_SOCKET_ALREADY_OBSERVED");
    tcp.peer.write("hello");
    expect(await first).toBe("hello");
  });
});
