// Issue 11: exactness under hostile input, the parts that live in core: buffers (3, 16), pool
// bounds and laziness (11, 13), and completion routines that throw (SPEC §7). Each failed on the
// main before the fix.
import { describe, expect, it, onTestFinished, vi } from "vitest";
import {
  BufferPool,
  createWskBuf,
  gatherWskBuf,
  IoAllocateIrp,
  IoAllocateMdl,
  IoRejectRequest,
  IoReuseIrp,
  Fifo,
  LookasideList,
  runIrp,
  SockAddr,
  IoCompleteRequest,
  IoFreeIrp,
  IoMarkIrpPending,
  IoSetCompletionRoutine,
  MDL,
  NS_ALL,
  registerWskClient,
  scatterWskBuf,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  validateWskBuf,
  wskBufViews,
  type WskBuf,
} from "@wskit/core";
import { captureWarnings } from "../helpers/warnings";

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code ?? `untyped ${(error as Error).name}`;
  }
  return undefined;
};

describe("3. an MDL is what IoAllocateMdl made, over memory still of its length", () => {
  it("ByteCount and MappedSystemVa cannot be changed after creation", () => {
    const mdl = IoAllocateMdl(new Uint8Array(24));
    expect(() => void ((mdl as { ByteCount: number }).ByteCount = 100)).toThrow(TypeError);
    expect(() => void ((mdl as { MappedSystemVa: Uint8Array }).MappedSystemVa = new Uint8Array(100))).toThrow(TypeError);
    expect(() => Object.defineProperty(mdl, "ByteCount", { value: 100 })).toThrow(TypeError);
    expect([mdl.ByteCount, mdl.MappedSystemVa.byteLength]).toEqual([24, 24]);
    expect(validateWskBuf({ Mdl: mdl, Offset: 0, Length: 100 })).toBe(STATUS_INVALID_PARAMETER);
  });

  it.each<[string, () => WskBuf]>([
    ["{ Mdl: {} }", () => ({ Mdl: {} as MDL, Offset: 0, Length: 4 })],
    ["Mdl: 5", () => ({ Mdl: 5 as unknown as MDL, Offset: 0, Length: 4 })],
    ["a plain object shaped like an MDL", () => ({ Mdl: { MappedSystemVa: new Uint8Array(8), ByteCount: 8, Next: null } as unknown as MDL, Offset: 0, Length: 8 })],
    ["an object made from MDL.prototype", () => ({ Mdl: Object.create(MDL.prototype) as MDL, Offset: 0, Length: 0 })],
    ["a Next that is not an MDL", () => {
      const mdl = IoAllocateMdl(new Uint8Array(4));
      (mdl as { Next: unknown }).Next = {};
      return { Mdl: mdl, Offset: 0, Length: 4 };
    }],
    ["an MDL over a detached ArrayBuffer", () => {
      const bytes = new Uint8Array(8);
      const mdl = IoAllocateMdl(bytes);
      structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
      return { Mdl: mdl, Offset: 0, Length: 8 };
    }],
  ])("validateWskBuf refuses %s with STATUS_INVALID_PARAMETER", (_name, make) => {
    expect(validateWskBuf(make())).toBe(STATUS_INVALID_PARAMETER);
  });
});

describe("11. BufferPool sizes have documented maxima", () => {
  it.each([
    [1, 2e9],
    [1, 2e8],
    [2 ** 31, 1],
    [1.5, 4],
    [4, Number.NaN],
  ])("new BufferPool(%s, %s) throws ERR_OUT_OF_RANGE, allocating nothing", (size, capacity) => {
    expect(codeOf(() => new BufferPool(size, capacity))).toBe("ERR_OUT_OF_RANGE");
  });
});

describe("13. pools are lazy and give memory back", () => {
  it("a pool sized for 256 MiB holds no slab until used, and about one slab a second after it emptied", () => {
    vi.useFakeTimers();
    onTestFinished(() => void vi.useRealTimers());
    const pool = new BufferPool(2048, 131_072);
    expect(pool.memoryBytes).toBe(0);
    const out = Array.from({ length: 1000 }, () => pool.allocate() as Uint8Array);
    expect(pool.outstanding).toBe(1000);
    expect(pool.memoryBytes).toBeLessThanOrEqual(1000 * 2048 + 16 * 1024);
    for (const buffer of out) pool.free(buffer);
    expect(pool.outstanding).toBe(0);
    // Kept for a second, so a pool that fills and empties with each burst reuses its slabs.
    const again = Array.from({ length: 1000 }, () => pool.allocate() as Uint8Array);
    for (const buffer of again) pool.free(buffer);
    vi.advanceTimersByTime(1000);
    expect(pool.memoryBytes).toBeLessThanOrEqual(16 * 1024);
  });
});

describe("16. buffer helpers throw typed errors, and refuse cycles of any length", () => {
  it("a cyclic chain whose Length fits in fewer laps than any bound is refused", () => {
    const a = IoAllocateMdl(new Uint8Array(12));
    const b = IoAllocateMdl(new Uint8Array(12));
    a.Next = b;
    b.Next = a;
    expect(validateWskBuf({ Mdl: a, Offset: 0, Length: 100 })).toBe(STATUS_INVALID_PARAMETER);
    expect(validateWskBuf({ Mdl: a, Offset: 0, Length: 4 })).toBe(STATUS_INVALID_PARAMETER);
  });

  it.each<[string, () => unknown]>([
    ["validateWskBuf(null)", () => validateWskBuf(null as unknown as WskBuf)],
    ["gatherWskBuf(a malformed WSK_BUF)", () => gatherWskBuf({ Mdl: {} as MDL, Offset: 0, Length: 4 })],
    ["gatherWskBuf(null)", () => gatherWskBuf(null as unknown as WskBuf)],
    ["scatterWskBuf(a malformed WSK_BUF)", () => scatterWskBuf({ Mdl: 5 as unknown as MDL, Offset: 0, Length: 4 }, new Uint8Array(4))],
    ["scatterWskBuf(…, a source that is not bytes)", () => scatterWskBuf(createWskBuf(new Uint8Array(4)), "abcd" as unknown as Uint8Array)],
    ["gatherWskBuf(…, a target that is not bytes)", () => gatherWskBuf(createWskBuf(new Uint8Array(4)), [] as unknown as Uint8Array)],
    ["IoReuseIrp(irp, a status that is no number)", () => IoReuseIrp(IoAllocateIrp(1), "x" as never)],
    ["IoRejectRequest(irp, a status that is no number)", () => IoRejectRequest(IoAllocateIrp(1), Number.NaN)],
    ["new LookasideList(null)", () => new LookasideList(null as never)],
    ["new Fifo(1e12)", () => new Fifo(1e12)],
    ["SockAddr.fromAddressInfo(null)", () => SockAddr.fromAddressInfo(null as never)],
    ["sockAddr.copyFrom(null)", () => new SockAddr().copyFrom(null as never)],
    ["runIrp(5)", () => runIrp(5 as never)],
    ["wskBufViews(a malformed WSK_BUF)", () => wskBufViews({ Mdl: { MappedSystemVa: 5, ByteCount: 4, Next: null } as unknown as MDL, Offset: 0, Length: 4 })],
  ])("%s throws a coded ERR_* error", (_name, run) => {
    expect(codeOf(run)).toMatch(/^ERR_/);
  });

  it("createWskBuf(buffers, offset = the first buffer's length) builds a WSK_BUF validateWskBuf accepts", () => {
    const first = new Uint8Array([1, 2, 3, 4]);
    const second = new Uint8Array([5, 6, 7]);
    const buf = createWskBuf([first, second], 4);
    expect(validateWskBuf(buf)).toBe(STATUS_SUCCESS);
    expect([...gatherWskBuf(buf)]).toEqual([5, 6, 7]);
  });
});

describe("SPEC §7: WskGetAddressInfo checks its arguments before it takes the request", () => {
  it.each<[string, unknown, unknown, unknown]>([
    ["a NodeName that is a number", 5, null, { value: null }],
    ["a ServiceName that is an object", "localhost", {}, { value: null }],
    ["a frozen Result", "127.0.0.1", null, Object.freeze({ value: null })],
  ])("%s: STATUS_INVALID_PARAMETER, returned and completed", async (_name, node, service, result) => {
    const wsk = registerWskClient();
    let returned = 0;
    const { Status } = await runIrp((irp) => (returned = wsk.npi.Dispatch.WskGetAddressInfo(wsk.npi.Client, node as never, service as never, NS_ALL, null, null, result as never, null, null, irp)));
    expect([returned, Status]).toEqual([STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER]);
    await wsk.close();
  });
});

describe("SPEC §7: a completion routine that throws", () => {
  it("is caught and reported; the queue goes on and nothing reaches the process", async () => {
    using capture = captureWarnings();
    const ran: string[] = [];
    const throwing = IoAllocateIrp(1);
    const next = IoAllocateIrp(1);
    IoSetCompletionRoutine(throwing, () => {
      ran.push("throwing");
      throw new Error("client bug");
    }, null, true, true, true);
    IoSetCompletionRoutine(next, () => (ran.push("next"), 0), null, true, true, true);
    for (const irp of [throwing, next]) {
      IoMarkIrpPending(irp);
      irp.IoStatus.Status = STATUS_SUCCESS;
      IoCompleteRequest(irp);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(["throwing", "next"]);
    expect(capture.codes).toContain("WSKIT_CALLBACK_THREW");
    IoFreeIrp(throwing);
    IoFreeIrp(next);
  });
});
