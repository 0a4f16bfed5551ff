import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AF_INET, IPPROTO_TCP, runIrp, SOCK_STREAM, STATUS_NOT_SUPPORTED, WSK_FLAG_STREAM_SOCKET } from "@wskit/core";
import { closeFixture, newFixture, turn, type Fixture } from "../helpers/connections";

let fixture: Fixture;
beforeEach(() => void (fixture = newFixture()));
afterEach(() => closeFixture(fixture));

describe("the stream provider", () => {
  it("does not provide WSK_FLAG_STREAM_SOCKET yet: STATUS_NOT_SUPPORTED, and a warning that says so", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    const { Client, Dispatch } = fixture.wsk.npi;
    const result = await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_STREAM_SOCKET, null, null, null, null, null, irp));
    await turn();
    process.off("warning", onWarning);
    expect(result.Status).toBe(STATUS_NOT_SUPPORTED);
    expect(warnings.some((w) => w.includes("@wskit/stream is installed but does not provide"))).toBe(true);
  });
});
