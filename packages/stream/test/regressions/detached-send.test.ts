// Sends whose memory the client detaches (transfers away) after the call: the connection carries
// the sends around them, nothing escapes into Node's handlers, and each send completes once. (Today
// each send's bytes are taken at the call, staged or handed to node:net, so all of them arrive.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWskBuf, runIrp, STATUS_INVALID_PARAMETER, STATUS_SUCCESS, type IO_STATUS_BLOCK } from "@wskit/core";
import { captureWarnings } from "../../../core/test/helpers/warnings";
import { closeFixture, connectedToPeer, newFixture, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

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
    const expected = results.flatMap((result, i) => (result.Status === STATUS_SUCCESS ? [Buffer.alloc(result.Information as number, i + 1)] : []));
    const total = expected.reduce((sum, b) => sum + b.length, 0);
    for (let i = 0; i < 400 && chunks.reduce((sum, b) => sum + b.length, 0) < total; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(Buffer.concat(chunks).equals(Buffer.concat(expected))).toBe(true);
    expect(capture.codes).toEqual([]);
  });
});
