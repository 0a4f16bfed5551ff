import { WskVerifierError } from "../errors";
import { liveAllocations, trackIndication, untrackIndication } from "./leakTracker";
import { reportedViolations } from "./reportViolation";
import { HOOKS, setVerifierActive, verifier, verifierActive } from "./verifierState";

/** What {@link enableVerifier} turns on. */
export interface VerifierSettings {
  /**
   * Hold each completion for a random number of event-loop turns, from 0 to this (0: no delay),
   * to shake out code that assumes an order the contract does not promise.
   */
  delayTurns?: number;
  /**
   * Receives each violation. Without it, a violation found inside the client's own call is thrown
   * there; one found in an asynchronous step becomes a process warning with the rule's code and is
   * listed by {@link verifierLeaks}, never thrown (the IRP in hand still completes).
   */
  onViolation?: (error: WskVerifierError) => void;
  /** The byte released and freed buffers are filled with (default 0xDE). */
  poisonByte?: number;
}

/**
 * Turns on the verifier (also on at start-up with `WSKIT_VERIFIER=1`): poisoning of freed and
 * released buffers, detection of send buffers modified while pending, IRP and indication leak
 * tracking with the allocation site, and, if asked, random completion delay. Off, it costs one
 * property load per hook.
 */
export function enableVerifier(settings: VerifierSettings = {}): void {
  setVerifierActive(true);
  verifier.options = {
    delayTurns: settings.delayTurns ?? 0,
    onViolation: settings.onViolation,
    poisonByte: settings.poisonByte ?? 0xde,
  };
}

/** Turns the verifier off. Objects it tracked stay tracked until freed. */
export function disableVerifier(): void {
  setVerifierActive(false);
}

/** True while the verifier is on. */
export function isVerifierEnabled(): boolean {
  return verifierActive;
}

/**
 * The leaks the verifier can see now: one ERR_VERIFIER_IRP_LEAKED per IRP allocated under it and
 * not freed, one ERR_VERIFIER_INDICATION_LEAKED per indication retained and not released, each
 * with its allocation site; and, once each, the violations found in asynchronous steps (a
 * completion, a close, the garbage collector) while no `onViolation` handler was set, which were
 * reported as process warnings rather than thrown. Call it where everything should have been given
 * back (a test's end).
 */
export function verifierLeaks(): WskVerifierError[] {
  return [
    ...reportedViolations.splice(0),
    ...liveAllocations("IRP").map((site) => new WskVerifierError("ERR_VERIFIER_IRP_LEAKED", "IRP not freed", site)),
    ...liveAllocations("indication").map(
      (site) => new WskVerifierError("ERR_VERIFIER_INDICATION_LEAKED", "indication not released", site),
    ),
  ];
}

const retainedTokens = new WeakMap<object, object>();

/**
 * Provider side: under the verifier, tracks an indication list a client kept by returning
 * STATUS_PENDING, with where it was retained, until {@link verifierUntrackRetained}. One collected
 * before that is reported as ERR_VERIFIER_INDICATION_LEAKED, and {@link verifierLeaks} lists it.
 */
export function verifierTrackRetained(list: object): void {
  if (!(HOOKS && verifierActive) || retainedTokens.has(list)) return;
  const token = {};
  retainedTokens.set(list, token);
  trackIndication(list, token);
}

/** Provider side: the retained list was given back (WskRelease). */
export function verifierUntrackRetained(list: object): void {
  const token = retainedTokens.get(list);
  if (token === undefined) return;
  retainedTokens.delete(list);
  untrackIndication(token);
}
