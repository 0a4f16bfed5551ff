// IRP throughput: allocate-or-reuse + complete with a completion routine, against the shipped
// dist/; heap over 10 M completions; and what the verifier's hooks cost when the verifier is off,
// against a build of the same source with the hooks compiled out.
//
//   pnpm bench            (from packages/core; turbo runs it after the build)
import { build } from "esbuild";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as shipped from "@wskit/core";
import { median, result, settledHeap, writeResults, type BenchResult } from "../../../configs/bench";

type Core = typeof shipped;
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const RUNS = 7;
const PER_RUN = 2_000_000;

// The provider side of a request that completes as soon as it is posted.
function completeAtOnce(core: Core, irp: shipped.IRP): void {
  core.IoMarkIrpPending(irp);
  irp.IoStatus.Status = core.STATUS_SUCCESS;
  irp.IoStatus.Information = 64;
  core.IoCompleteRequest(irp, core.IO_NO_INCREMENT);
}

type Loop = (core: Core, total: number) => Promise<void>;

// One IRP, reused for every request from its own completion routine.
const reuseLoop: Loop = (core, total) =>
  new Promise((resolve) => {
    const irp = core.IoAllocateIrp(1, false);
    let done = 0;
    const routine = () => {
      if (++done < total) post();
      else {
        core.IoFreeIrp(irp);
        resolve();
      }
      return core.STATUS_MORE_PROCESSING_REQUIRED;
    };
    const post = () => {
      core.IoReuseIrp(irp, core.STATUS_SUCCESS);
      core.IoSetCompletionRoutine(irp, routine, null, true, true, true);
      completeAtOnce(core, irp);
    };
    post();
  });

// A new IRP per request, freed by its completion routine, as the pages' examples do.
const allocateLoop: Loop = (core, total) =>
  new Promise((resolve) => {
    let done = 0;
    const routine = (_device: null, irp: shipped.IRP) => {
      core.IoFreeIrp(irp);
      if (++done < total) post();
      else resolve();
      return core.STATUS_MORE_PROCESSING_REQUIRED;
    };
    const post = () => {
      const irp = core.IoAllocateIrp(1, false);
      core.IoSetCompletionRoutine(irp, routine, null, true, true, true);
      completeAtOnce(core, irp);
    };
    post();
  });

// IRPs from a lookaside list, given back by the completion routine.
const poolLoop: Loop = (core, total) =>
  new Promise((resolve) => {
    const pool = core.createIrpPool(8);
    let done = 0;
    const routine = (_device: null, irp: shipped.IRP) => {
      pool.free(irp);
      if (++done < total) post();
      else {
        pool.clear();
        resolve();
      }
      return core.STATUS_MORE_PROCESSING_REQUIRED;
    };
    const post = () => {
      const irp = pool.allocate();
      core.IoSetCompletionRoutine(irp, routine, null, true, true, true);
      completeAtOnce(core, irp);
    };
    post();
  });

async function rate(core: Core, loop: Loop, total = PER_RUN): Promise<number> {
  const started = performance.now();
  await loop(core, total);
  return total / ((performance.now() - started) / 1000);
}

async function medianRate(core: Core, loop: Loop): Promise<number> {
  await loop(core, 200_000); // warm up
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) rates.push(await rate(core, loop));
  return median(rates);
}

// Two builds of src/ with the same esbuild settings, one with the verifier hooks compiled out.
async function buildVariant(strip: boolean): Promise<Core> {
  const outfile = join(tmpdir(), `wskit-core-bench-${strip ? "nohooks" : "hooks"}-${process.pid}.mjs`);
  await build({
    entryPoints: [join(packageDir, "src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minifySyntax: true,
    outfile,
    define: strip ? { "process.env.WSKIT_STRIP_VERIFIER": '"1"' } : {},
    logLevel: "error",
  });
  return (await import(pathToFileURL(outfile).href)) as Core;
}

async function heapOver(core: Core, total: number, batch: number): Promise<{ growth: number; rate: number }> {
  await reuseLoop(core, batch);
  const before = settledHeap();
  const started = performance.now();
  for (let done = 0; done < total; done += batch) await reuseLoop(core, batch);
  const seconds = (performance.now() - started) / 1000;
  return { growth: settledHeap() - before, rate: total / seconds };
}

const results: BenchResult[] = [];

const reuse = await medianRate(shipped, reuseLoop);
results.push(result("irp reuse + complete (one IRP, IoReuseIrp)", "IRPs/s", reuse));
const pooled = await medianRate(shipped, poolLoop);
results.push(result("irp pool allocate + complete + free", "IRPs/s", pooled));
const allocated = await medianRate(shipped, allocateLoop);
results.push(result("irp allocate + complete + IoFreeIrp", "IRPs/s", allocated));

const heap = await heapOver(shipped, 10_000_000, 1_000_000);
results.push(result("heap growth over 10 M reused IRPs", "bytes", heap.growth));

const withHooks = await buildVariant(false);
const withoutHooks = await buildVariant(true);
// Alternate the two builds so drift on a noisy machine hits both alike.
const hooked: number[] = [];
const stripped: number[] = [];
for (let i = 0; i < RUNS; i++) {
  hooked.push(await rate(withHooks, reuseLoop));
  stripped.push(await rate(withoutHooks, reuseLoop));
}
results.push(
  result("verifier off: irp reuse + complete, hooks vs build without hooks", "IRPs/s", median(hooked), median(stripped)),
);

shipped.enableVerifier();
const verified = await medianRate(shipped, poolLoop);
shipped.disableVerifier();
results.push(result("verifier on: irp pool allocate + complete + free", "IRPs/s", verified, pooled));

writeResults(packageDir, results);
