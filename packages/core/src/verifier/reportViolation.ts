import type { WskVerifierError } from "../errors";
import { verifier } from "./verifierState";
import { publishVerifierViolation } from "../diagnostics/publish";

// Violations found in asynchronous steps with no handler to take them, until verifierLeaks() reads them.
const MAX_KEPT = 1000;
export const reportedViolations: WskVerifierError[] = [];

/**
 * Hands a violation to the user's handler. Without one, a violation found inside the client's own
 * call (`inCall`) is thrown there, as a bugcheck would stop the caller; one found in an asynchronous
 * step (a completion, a close, a datagram from Node, the garbage collector) is never thrown, since
 * nobody could catch it and the contract must still hold: it becomes a process warning with the
 * rule's code, and verifierLeaks() lists it.
 */
export function reportViolation(error: WskVerifierError, inCall = false): void {
  publishVerifierViolation(error);
  const handler = verifier.options.onViolation;
  if (handler !== undefined) {
    try {
      handler(error);
    } catch (thrown) {
      if (inCall) throw thrown;
      process.emitWarning(`the verifier's onViolation handler threw: ${String(thrown)}`, { code: "WSKIT_CALLBACK_THREW" });
    }
    return;
  }
  if (inCall) throw error;
  if (reportedViolations.length < MAX_KEPT) reportedViolations.push(error);
  process.emitWarning(error.message, { code: error.code });
}
