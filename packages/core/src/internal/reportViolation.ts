import type { WskVerifierError } from "../errors";
import { verifier } from "./verifierState";

/** Hands a violation to the user's handler, or throws it where it was found, as a bugcheck would. */
export function reportViolation(error: WskVerifierError): void {
  const handler = verifier.options.onViolation;
  if (handler === undefined) throw error;
  handler(error);
}
