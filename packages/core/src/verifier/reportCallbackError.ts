import { WskVerifierError } from "../errors";
import { reportViolation } from "./reportViolation";
import { HOOKS, verifierActive } from "./verifierState";

/**
 * Provider side: reports an exception that must not reach Node's event handlers. A client
 * callback or completion routine that threw (`"callback"`) becomes a process warning with code
 * WSKIT_CALLBACK_THREW and, under the verifier, an ERR_VERIFIER_CALLBACK_THREW violation; an
 * exception of wskit's own on a path from Node I/O (`"internal"`) becomes a warning with code
 * WSKIT_INTERNAL_ERROR. Neither is rethrown: the caller goes on as the contract says (an event callback
 * that threw counts as STATUS_SUCCESS, a completion routine as STATUS_MORE_PROCESSING_REQUIRED).
 */
export function reportCallbackError(kind: "callback" | "internal", where: string, error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const detail = error instanceof Error ? error.stack : undefined;
  if (kind === "callback") {
    process.emitWarning(`${where} threw: ${text}`, { code: "WSKIT_CALLBACK_THREW", ...(detail === undefined ? {} : { detail }) });
    if (HOOKS && verifierActive) reportViolation(new WskVerifierError("ERR_VERIFIER_CALLBACK_THREW", `${where}: ${text}`));
  } else {
    process.emitWarning(`wskit: ${where} failed: ${text}`, { code: "WSKIT_INTERNAL_ERROR", ...(detail === undefined ? {} : { detail }) });
  }
}
