// A source that emits values of the wrong kind into an operator gets a typed error notification,
// never an exception thrown into RxJS (which rethrows it as uncaught, and would take the process
// down; vitest fails this file if anything goes uncaught).
import { lastValueFrom, of, toArray, type Observable } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concatMapRetained, copyAndRelease, delimitedFrames, lengthPrefixedFrames, mergeMapRetained, toAsyncIterable, wskSend, wskSendTo, type Indication } from "@wskit/rx";
import { tcpPair, udpPair, type TcpPair, type UdpPair } from "./helpers/loopback";

const hostile: unknown[] = [5, null, undefined, "text", {}, { bytes: 5 }, [1, 2], () => {}];
const typed = (error: unknown) => (error as { code?: string }).code;

let tcp: TcpPair;
let udp: UdpPair;
beforeAll(async () => {
  tcp = await tcpPair();
  udp = await udpPair();
});
afterAll(async () => {
  await tcp.close();
  await udp.close();
});

async function outcome(observable: Observable<unknown>): Promise<string> {
  try {
    await lastValueFrom(observable.pipe(toArray()));
    return "completed";
  } catch (error) {
    return typed(error) ?? `untyped ${String(error)}`;
  }
}

describe("operators given values of the wrong kind", () => {
  it("send operators: ERR_INVALID_ARG_TYPE for a value with no bytes", async () => {
    for (const value of hostile) {
      expect(await outcome(of(value as Uint8Array).pipe(wskSendTo(udp.socket, { remote: udp.local })))).toBe("ERR_INVALID_ARG_TYPE");
      expect(await outcome(of(value as Uint8Array).pipe(wskSend(tcp.socket)))).toBe("ERR_INVALID_ARG_TYPE");
    }
    // The operators still work afterwards.
    expect(await outcome(of(new Uint8Array([1])).pipe(wskSend(tcp.socket)))).toBe("completed");
  });

  it("indication operators: ERR_INVALID_ARG_TYPE for a value that is no indication", async () => {
    for (const value of hostile) {
      const source = of(value as Indication);
      expect(await outcome(source.pipe(copyAndRelease()))).toBe("ERR_INVALID_ARG_TYPE");
      expect(await outcome(source.pipe(mergeMapRetained(async (x) => x)))).toBe("ERR_INVALID_ARG_TYPE");
      expect(await outcome(source.pipe(concatMapRetained(async (x) => x)))).toBe("ERR_INVALID_ARG_TYPE");
      expect(await outcome(source.pipe(lengthPrefixedFrames()))).toBe("ERR_INVALID_ARG_TYPE");
      expect(await outcome(source.pipe(delimitedFrames()))).toBe("ERR_INVALID_ARG_TYPE");
      await expect(toAsyncIterable(source).next()).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    }
  });

  it("a project that is not a function is refused at once", () => {
    for (const project of [5, null, "x", {}]) {
      expect(() => mergeMapRetained(project as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
      expect(() => concatMapRetained(project as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    }
  });
});
