// The verifier's switch and options, read on hot paths as one property load when off.
//
// HOOKS is true in every shipped build. The benchmark builds a copy of core with
// `process.env.WSKIT_STRIP_VERIFIER` defined as "1", which folds HOOKS to false and lets the bundler
// drop every hook, to measure what the hooks cost when the verifier is off.
import type { WskVerifierError } from "../errors";

export const HOOKS = process.env.WSKIT_STRIP_VERIFIER !== "1";

export interface VerifierOptions {
  /** Hold each completion for a random 0..maxTurns event-loop turns (0 turns off the delay). */
  delayTurns: number;
  /** Called for each violation; when absent, one found in the client's call is thrown there, one found later becomes a warning. */
  onViolation: ((error: WskVerifierError) => void) | undefined;
  /** The byte released and freed buffers are filled with. */
  poisonByte: number;
}

// A module-level binding, not an object property: the hot paths test it on every IRP, and a bundled
// build reads it as a plain variable.
export let verifierActive = HOOKS && process.env.WSKIT_VERIFIER === "1";

export function setVerifierActive(on: boolean): void {
  verifierActive = HOOKS && on;
}

export const verifier: { options: VerifierOptions } = {
  options: { delayTurns: 0, onViolation: undefined, poisonByte: 0xde },
};
