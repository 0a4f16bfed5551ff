// The one benchmark harness every package shares: repeated runs, medians, a printed table, and
// bench/results.json as an array of { name, metric, wskit, baseline, ratio } so figures can be
// compared from one change to the next.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface BenchResult {
  name: string;
  metric: string;
  wskit: number;
  baseline: number | null;
  ratio: number | null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** A result whose ratio is wskit / baseline, rounded for reading. */
export function result(name: string, metric: string, wskit: number, baseline: number | null = null): BenchResult {
  return {
    name,
    metric,
    wskit: round(wskit),
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline === null || baseline === 0 ? null : Math.round((wskit / baseline) * 1000) / 1000,
  };
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}

/**
 * Prints the results as a table and writes them to `<packageDir>/bench/results.json`. With `section`,
 * a second benchmark of the package adds its results to the file: entries whose name starts with
 * `section` are replaced, the others kept.
 */
export function writeResults(packageDir: string, results: readonly BenchResult[], section?: string): void {
  console.table(results.map((r) => ({ ...r, ratio: r.ratio === null ? "" : `${r.ratio}×` })));
  const file = join(packageDir, "bench", "results.json");
  let kept: BenchResult[] = [];
  if (section !== undefined && existsSync(file)) {
    kept = (JSON.parse(readFileSync(file, "utf8")) as BenchResult[]).filter((r) => !r.name.startsWith(section));
  }
  writeFileSync(file, `${JSON.stringify([...kept, ...results], null, 2)}\n`);
  console.log(`wrote ${file}`);
}

/** Heap in use after a full collection (needs node --expose-gc). */
export function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run benchmarks with node --expose-gc");
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
