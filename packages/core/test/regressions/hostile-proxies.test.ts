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
  AF_INET,
  IPPROTO_UDP,
  MAKE_WSK_VERSION,
  NI_NUMERICHOST,
  NI_NUMERICSERV,
  SOCK_DGRAM,
  WSK_FLAG_DATAGRAM_SOCKET,
  WSK_NO_WAIT,
  WSK_PROVIDER_NPI,
  WSK_REGISTRATION,
  WskCaptureProviderNPI,
  WskRegister,
  WskReleaseProviderNPI,
} from "@wskit/core";
import { describeValue, isWritableObject, readBrand } from "@wskit/core/provider";
import { refusalOf, throwingProxy } from "../helpers/hostile";

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

  it("the client's calls refuse it in every argument position (WskFreeAddressInfo, which returns nothing, just stops)", () => {
    const registration = new WSK_REGISTRATION();
    expect(WskRegister({ ClientContext: null, Dispatch: { Version: MAKE_WSK_VERSION(1, 0), Reserved: 0, WskClientEvent: null } } as never, registration)).toBe(STATUS_SUCCESS);
    const npi = new WSK_PROVIDER_NPI();
    expect(WskCaptureProviderNPI(registration, WSK_NO_WAIT, npi)).toBe(STATUS_SUCCESS);
    const client = npi.Client;
    const dispatch = npi.Dispatch as unknown as Record<string, (...args: unknown[]) => unknown>;
    const irp = () => IoAllocateIrp(1, false);
    const calls: Record<string, () => unknown[]> = {
      WskSocket: () => [client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, null, null, null, null, null, irp()],
      WskSocketConnect: () => [client, SOCK_DGRAM, IPPROTO_UDP, SockAddr.loopback(AF_INET, 0), SockAddr.loopback(AF_INET, 9), 0, null, null, null, null, null, irp()],
      WskControlClient: () => [client, 0, 0, null, 0, null, null, irp()],
      WskGetAddressInfo: () => [client, "localhost", null, 0, null, {}, { value: null }, null, null, irp()],
      WskGetNameInfo: () => [client, SockAddr.loopback(AF_INET, 9), 16, { value: "" }, { value: "" }, NI_NUMERICHOST | NI_NUMERICSERV, null, null, irp()],
    };
    const found: string[] = [];
    for (const [name, make] of Object.entries(calls)) {
      for (let at = 0; at < make().length; at++) {
        const args = make();
        args[at] = throwingProxy();
        const result = refusalOf(() => dispatch[name]?.(...args));
        if (result.startsWith("threw") || result.startsWith("returned")) found.push(`${name} argument ${at}: ${result}`);
      }
    }
    expect(found).toEqual([]);
    const free = dispatch.WskFreeAddressInfo as (...args: unknown[]) => unknown;
    expect(free(client, throwingProxy())).toBeUndefined();
    WskReleaseProviderNPI(registration);
  });
});
