import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { runIrp, WskError } from "@wskit/core";
import { connectionIndications, type Indication } from "@wskit/rx";
import { sleep, tcpPair, turn, writePattern, type TcpPair } from "./helpers/loopback";

const pairs: TcpPair[] = [];
afterEach(async () => {
  for (const pair of pairs.splice(0)) await pair.close();
});
async function pair(): Promise<TcpPair> {
  const p = await tcpPair();
  pairs.push(p);
  return p;
}

describe("connectionIndications", () => {
  it("emits the connection's bytes in order and completes at the peer's graceful close", async () => {
    const { socket, peer } = await pair();
    const hash = createHash("sha256");
    let bytes = 0;
    const done = new Promise<void>((resolve, reject) =>
      connectionIndications(socket).subscribe({
        next: (indication) => {
          hash.update(indication.bytes);
          bytes += indication.bytes.byteLength;
        },
        error: reject,
        complete: resolve,
      }),
    );
    const sent = await writePattern(peer, 1 << 20, 4096);
    await done;
    expect(bytes).toBe(1 << 20);
    expect(hash.digest("hex")).toBe(sent);
  });

  it("is lossless past maxRetained: the callback refuses (STATUS_DATA_NOT_ACCEPTED), TCP pushes back, and releases resume it", async () => {
    const { socket, peer } = await pair();
    const hash = createHash("sha256");
    const held: Indication[] = [];
    let peakHeld = 0;
    let total = 0;
    let completed = false;
    connectionIndications(socket, { maxRetained: 4 }).subscribe({
      next: (indication) => {
        held.push(indication.retain());
        peakHeld = Math.max(peakHeld, held.length);
      },
      complete: () => (completed = true),
    });
    const sending = writePattern(peer, 4 << 20, 1024);
    // A slow consumer: every few milliseconds it finishes with what it holds, oldest first.
    while (!completed || held.length > 0) {
      await sleep(2);
      for (const indication of held.splice(0, 2)) {
        hash.update(indication.bytes);
        total += indication.bytes.byteLength;
        indication.release();
      }
    }
    expect(total).toBe(4 << 20);
    expect(hash.digest("hex")).toBe(await sending);
    // Refused lists waited in the socket instead of piling up here: held stayed near the bound
    // (checked per list, so one list past it at most).
    expect(peakHeld).toBeLessThan(4 + 64);
  });

  it("completes after every byte when the peer's FIN arrives while the bound holds data back", async () => {
    const { socket, peer } = await pair();
    const held: Indication[] = [];
    const chunks: Uint8Array[] = [];
    let completed = false;
    connectionIndications(socket, { maxRetained: 1 }).subscribe({
      next: (indication) => void held.push(indication.retain()),
      complete: () => (completed = true),
    });
    peer.write("first");
    while (held.length === 0) await turn();
    peer.end("second and last"); // refused while "first" is held; the FIN comes meanwhile
    await sleep(20);
    expect(completed).toBe(false);
    while (!completed) {
      for (const indication of held.splice(0)) {
        chunks.push(indication.bytes.slice());
        indication.release();
      }
      await turn();
    }
    for (const indication of held.splice(0)) {
      chunks.push(indication.bytes.slice());
      indication.release();
    }
    expect(Buffer.concat(chunks).toString()).toBe("firstsecond and last");
  });

  it("a reset by the peer is an error notification (STATUS_CONNECTION_RESET)", async () => {
    const { socket, peer } = await pair();
    const failure = new Promise<unknown>((resolve) => connectionIndications(socket).subscribe({ error: resolve }));
    await turn();
    peer.resetAndDestroy();
    const error = await failure;
    expect(WskError.is(error) && error.code).toBe("STATUS_CONNECTION_RESET");
  });

  it("unsubscribing gives back what is retained and leaves the data to WskReceive; WskCloseSocket completes the Observable", async () => {
    const { socket, peer } = await pair();
    const held: Indication[] = [];
    const subscription = connectionIndications(socket).subscribe((indication) => void held.push(indication.retain()));
    peer.write("abc");
    while (held.length === 0) await turn();
    subscription.unsubscribe();
    expect(held[0]?.retained).toBe(false);
    // The event is disabled: new data waits for a WskReceive.
    peer.write("xyz");
    const buffer = new Uint8Array(3);
    const { createWskBuf } = await import("@wskit/core");
    const result = await runIrp((irp) => socket.Dispatch.WskReceive(socket, createWskBuf(buffer), 0, irp));
    expect(Buffer.from(buffer.subarray(0, result.Information as number)).toString()).toBe("xyz");

    let completed = false;
    connectionIndications(socket).subscribe({ complete: () => (completed = true) });
    await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
    expect(completed).toBe(true);
  });

  it("refuses a maxRetained that is not a positive integer (ERR_OUT_OF_RANGE)", async () => {
    const { socket } = await pair();
    expect(() => connectionIndications(socket, { maxRetained: 1.5 })).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE" }));
  });
});
