// Issue 11 (SPEC §7) for the rx layer: an argument that is not a socket (or not an Observable) is a
// coded programmer error at the call, not a TypeError inside a subscription (wskSend(null) used to
// throw from Node's event loop, an unhandled error).
import { of } from "rxjs";
import { describe, expect, it } from "vitest";
import { connectionIndications, datagramIndications, toByteStream, wskReceive, wskReceiveFrom, wskSend, wskSendTo } from "@wskit/rx";
import { codeOf } from "../../../core/test/helpers/codeOf";

describe("rx entry points refuse what is not theirs", () => {
  const notSockets: unknown[] = [null, undefined, 5, {}, { Dispatch: {} }];
  it.each<[string, (socket: never) => unknown]>([
    ["datagramIndications", (s) => datagramIndications(s)],
    ["connectionIndications", (s) => connectionIndications(s)],
    ["wskReceiveFrom", (s) => wskReceiveFrom(s)],
    ["wskReceive", (s) => wskReceive(s)],
    ["wskSendTo", (s) => of(new Uint8Array(1)).pipe(wskSendTo(s))],
    ["wskSend", (s) => of(new Uint8Array(1)).pipe(wskSend(s))],
  ])("%s throws ERR_INVALID_ARG_TYPE at the call for each non-socket", async (_name, make) => {
    for (const socket of notSockets) expect(await codeOf(() => make(socket as never))).toBe("ERR_INVALID_ARG_TYPE");
  });

  it("toByteStream throws ERR_INVALID_ARG_TYPE for what is not an Observable", async () => {
    expect(await codeOf(() => toByteStream(null as never))).toBe("ERR_INVALID_ARG_TYPE");
  });
});
