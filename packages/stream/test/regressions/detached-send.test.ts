// Sends whose memory the client detaches (transfers away) after the call: the connection carries
// the sends around them whole and in order, nothing escapes into Node's handlers, and each send
// completes once. (A small send is staged, copied, at the call; a large one is handed to the
// transport at the call, which sends its bytes then or, if it must hold them, none of them.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWskBuf, isVerifierEnabled, runIrp, STATUS_INVALID_PARAMETER, STATUS_SUCCESS, type IO_STATUS_BLOCK } from "@wskit/core";
import { captureWarnings } from "../../../core/test/helpers/warnings";
import { closeFixture, connectedToPeer, newFixture, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

/** The bytes as runs of one value: [value, length] each. */
function runsOf(bytes: Uint8Array): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const byte of bytes) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[0] === byte) last[1]++;
    else runs.push([byte, 1]);
  }
  return runs;
}

describe("WskSend over memory the client detaches after the call", () => {
  it.each([100, 64 * 1024])("%i-byte sends: the others arrive whole and in order", async (size) => {
    using capture = captureWarnings();
    const { socket, peer } = await connectedToPeer(fixture);
    const chunks: Buffer[] = [];
    peer.on("data", (data: Buffer) => chunks.push(data));
    peer.on("error", () => {}); // the reset when the fixture closes the connection abortively
    const sends: Array<Promise<IO_STATUS_BLOCK>> = [];
    for (let i = 1; i <= 6; i++) {
      const bytes = new Uint8Array(size).fill(i);
      sends.push(runIrp((irp) => socket.Dispatch.WskSend(socket, createWskBuf(bytes), 0, irp)));
      if (i % 2 === 0) structuredClone(bytes.buffer, { transfer: [bytes.buffer as ArrayBuffer] });
    }
    const results = await Promise.all(sends);
    results.forEach((result, i) => {
      if ((i + 1) % 2 === 1) expect(result).toEqual({ Status: STATUS_SUCCESS, Information: size });
      else expect([STATUS_SUCCESS, STATUS_INVALID_PARAMETER]).toContain(result.Status);
    });
    // The good sends arrive whole and in order. A detached send's bytes arrive whole or not at
    // all: a large send is handed to the transport at the call, and if the transport had to hold it
    // (a write still pending), what it writes later is the detached view, which is empty.
    const good = results.flatMap((_, i) => ((i + 1) % 2 === 1 ? [i + 1] : []));
    const goodBytes = () => Buffer.concat(chunks).reduce((count, byte) => count + (good.includes(byte) ? 1 : 0), 0);
    for (let i = 0; i < 400 && goodBytes() < good.length * size; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    const runs = runsOf(Buffer.concat(chunks));
    expect(runs.every(([, length]) => length === size)).toBe(true);
    expect(runs.map(([value]) => value)).toEqual(runs.map(([value]) => value).sort((a, b) => a - b));
    expect(runs.map(([value]) => value).filter((value) => good.includes(value))).toEqual(good);
    // The verifier, when on, reports each detached send once (the buffer changed under its IRP).
    expect(capture.codes).toEqual(isVerifierEnabled() ? ["ERR_VERIFIER_SEND_BUFFER_MODIFIED", "ERR_VERIFIER_SEND_BUFFER_MODIFIED", "ERR_VERIFIER_SEND_BUFFER_MODIFIED"] : []);
  });
});
