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

const TRAP = "a trap that throws";
const trap = () => {
  throw new Error(TRAP);
};
const hostile = (): object =>
  new Proxy({}, { get: trap, set: trap, has: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap, ownKeys: trap, defineProperty: trap, isExtensible: trap, preventExtensions: trap });
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
    expect(readBrand(hostile(), Symbol.for("@wskit/core.IrpState"))).toBeUndefined();
    expect(isWritableObject(hostile())).toBe(false);
    expect(SockAddr.is(hostile())).toBe(false);
    expect(MDL.is(hostile())).toBe(false);
    expect([isWritableObject({}), isWritableObject(Object.freeze({})), isWritableObject(5), isWritableObject(null)]).toEqual([true, false, false, false]);
  });

  it("error messages show it without running it", () => {
    expect(describeValue(hostile())).toBe("an object");
    expect([describeValue(5), describeValue("x"), describeValue(null), describeValue(undefined), describeValue(Symbol("s")), describeValue(() => 0)]).toEqual(["5", "x", "null", "undefined", "a symbol", "a function"]);
    expect(describeValue(new Uint8Array(1))).toBe("an instance of Uint8Array");
  });

  it("helpers throw their typed errors", () => {
    expect(codeOf(() => createWskBuf(hostile() as never))).toBe("ERR_INVALID_ARG_TYPE");
    expect(codeOf(() => IoAllocateMdl(hostile() as never))).toBe("ERR_INVALID_ARG_TYPE");
    expect(codeOf(() => IoAllocateIrp(hostile() as never, false))).toBe("ERR_OUT_OF_RANGE");
    expect(codeOf(() => IoSetCompletionRoutine(hostile() as never, () => STATUS_SUCCESS, null, true, true, true))).toBe("ERR_INVALID_ARG_TYPE");
    expect(codeOf(() => new BufferPool(8, 2).free(hostile() as never))).toBe("ERR_POOL_FOREIGN_ENTRY");
    expect(codeOf(() => new SockAddr(hostile() as never))).toBe("ERR_INVALID_ADDRESS_FAMILY");
    expect(codeOf(() => runIrp(() => STATUS_SUCCESS, { signal: hostile() as never }))).toBe("ERR_INVALID_ARG_TYPE");
  });

  it("a faithful call refuses it with STATUS_INVALID_PARAMETER", () => {
    expect(WskCaptureProviderNPI(hostile() as never, 0, new WSK_PROVIDER_NPI())).toBe(STATUS_INVALID_PARAMETER);
  });
});
