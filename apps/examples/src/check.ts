/** Fails the example with a clear line when a result is not what the example promises. */
export function check(condition: boolean, what: string): asserts condition {
  if (!condition) {
    console.error(`✗ ${what}`);
    process.exitCode = 1;
    throw new Error(`check failed: ${what}`);
  }
}
