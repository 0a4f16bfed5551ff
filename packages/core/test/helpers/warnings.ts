// The process warnings a test causes on purpose (WSKIT_RETAINED_AT_CLOSE, WSKIT_PROVIDER_MISSING,
// WSKIT_CALLBACK_THREW, the verifier's reports): captured where they are emitted, so the test
// asserts them and `pnpm test` does not print them as if something had failed. Any other warning
// still goes to Node as usual.
import { vi } from "vitest";

export interface CapturedWarning {
  code: string;
  message: string;
}

export interface WarningCapture extends Disposable {
  /** The wskit warnings emitted since the capture began, in order. */
  readonly warnings: CapturedWarning[];
  /** Their codes. */
  readonly codes: string[];
  /** Ends the capture. */
  restore(): void;
}

const isWskit = (code: unknown): code is string => typeof code === "string" && (code.startsWith("WSKIT_") || code.startsWith("ERR_VERIFIER_"));

/** Starts capturing wskit's warnings: `using capture = captureWarnings()`, then assert `capture.codes`. */
export function captureWarnings(): WarningCapture {
  const original = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  const warnings: CapturedWarning[] = [];
  const spy = vi.spyOn(process, "emitWarning").mockImplementation(((warning: string | Error, options?: unknown, ...rest: unknown[]) => {
    const code = typeof options === "object" && options !== null ? (options as { code?: unknown }).code : rest[0];
    if (isWskit(code)) warnings.push({ code, message: typeof warning === "string" ? warning : warning.message });
    else original(warning, options, ...rest);
  }) as typeof process.emitWarning);
  const restore = () => spy.mockRestore();
  return {
    warnings,
    get codes() {
      return warnings.map((w) => w.code);
    },
    restore,
    [Symbol.dispose]: restore,
  };
}
