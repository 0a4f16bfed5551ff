// Objects whose every trap throws (a Proxy) given where core takes the caller's objects: faithful
// calls refuse them with an NTSTATUS, helpers with a typed ERR_* error, and checks answer "no" —
// never with the Proxy's own exception (SPEC §7). (Found in this stop's probes: brand reads,
// instanceof, Object.isFrozen and String() in error messages ran the traps.)
import { describe, expect, it } from "vitest";
import {
  BufferPool,
  createWskBuf,
  IoAllocateIrp,
  IoAllocateMdl,
  IoSetCompletionRoutine,
  MDL,
  runIrp,
  SockAddr,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  WSK_PROVIDER_NPI,
  WskCaptureProviderNPI,
} from "@wskit/core";
import { describeValue, isWritableObject, readBrand } from "@wskit/core/provider";
import { throwingProxy } from "../helpers/hostile";

const codeOf = (call: () => unknown): unknown => {
  try {
    call();
    return "no throw";
  } catch (error) {
    return (error as { code?: unknown }).code ?? (error as Error).message;
  }
};

describe("core given a Proxy whose traps throw", () => {
  it("brand checks and writability checks answer no", () => {
    expect(readBrand(throwingProxy(), Symbol.for("@wskit/core.IrpState"))).toBeUndefined();
    expect(isWritableObject(throwingProxy())).toBe(false);
    expect(SockAddr.is(throwingProxy())).toBe(false);
    expect(MDL.is(throwingProxy())).toBe(false);
    expect([isWritableObject({}), isWritableObject(Object.freeze({})), isWritableObject(5), isWritableObject(null)]).toEqual([true, false, false, false]);
  });

  it("error messages show it without running it", () => {
    expect(describeValue(throwingProxy())).toBe("an object");
    expect([describeValue(5), describeValue("x"), describeValue(null), describeValue(undefined), describeValue(Symbol("s")), describeValue(() => 0)]).toEqual(["5", "x", "null", "undefined", "a symbol", "a function"]);
    expect(describeValue(new Uint8Array(1))).toBe("an instance of Uint8Array");
  });

  it("helpers throw their typed errors", () => {
    expect(codeOf(() => createWskBuf(throwingProxy() as never))).toBe("ERR_INVALID_ARG_TYPE");
    expect(codeOf(() => IoAllocateMdl(throwingProxy() as never))).toBe("ERR_INVALID_ARG_TYPE");
    expect(codeOf(() => IoAllocateIrp(throwingProxy() as never, false))).toBe("ERR_OUT_OF_RANGE");
    expect(codeOf(() => IoSetCompletionRoutine(throwingProxy() as never, () => STATUS_SUCCESS, null, true, true, true))).toBe("ERR_INVALID_ARG_TYPE");
    expect(codeOf(() => new BufferPool(8, 2).free(throwingProxy() as never))).toBe("ERR_POOL_FOREIGN_ENTRY");
    expect(codeOf(() => new SockAddr(throwingProxy() as never))).toBe("ERR_INVALID_ADDRESS_FAMILY");
    expect(codeOf(() => runIrp(() => STATUS_SUCCESS, { signal: throwingProxy() as never }))).toBe("ERR_INVALID_ARG_TYPE");
  });

  it("a faithful call refuses it with STATUS_INVALID_PARAMETER", () => {
    expect(WskCaptureProviderNPI(throwingProxy() as never, 0, new WSK_PROVIDER_NPI())).toBe(STATUS_INVALID_PARAMETER);
  });
});
