// Verifier-only bookkeeping of IRPs and retained indications: where each was allocated, and a
// FinalizationRegistry that reports one collected without IoFreeIrp / WskRelease.
import { WskVerifierError } from "../errors";
import { reportViolation } from "./reportViolation";

interface Tracked {
  kind: "IRP" | "indication";
  site: string;
}

const live = new Map<object, Tracked>();

const collected = new FinalizationRegistry<{ token: object; tracked: Tracked }>(({ token, tracked }) => {
  live.delete(token);
  const rule = tracked.kind === "IRP" ? "ERR_VERIFIER_IRP_LEAKED" : "ERR_VERIFIER_INDICATION_LEAKED";
  reportViolation(new WskVerifierError(rule, `${tracked.kind} collected by the garbage collector`, tracked.site));
});

function allocationSite(): string {
  // Drop the frames of wskit itself so the site starts at the caller's line.
  const lines = (new Error().stack ?? "").split("\n").slice(1);
  const outside = lines.filter((line) => !/[\\/](verifier[\\/]leakTracker|irp[\\/]IoAllocateIrp)\./.test(line));
  return outside.join("\n").trim();
}

/** Tracks an IRP (its state record carries the allocation site) until {@link untrackIrp}. */
export function trackIrp(irp: object, state: { allocationSite: string | undefined }): void {
  const tracked: Tracked = { kind: "IRP", site: allocationSite() };
  state.allocationSite = tracked.site;
  live.set(state, tracked);
  collected.register(irp, { token: state, tracked }, state);
}

export function untrackIrp(state: object): void {
  live.delete(state);
  collected.unregister(state);
}

/** Tracks a retained indication list (the token) until {@link untrackIndication}. */
export function trackIndication(target: object, token: object): void {
  const tracked: Tracked = { kind: "indication", site: allocationSite() };
  live.set(token, tracked);
  collected.register(target, { token, tracked }, token);
}

export function untrackIndication(token: object): void {
  live.delete(token);
  collected.unregister(token);
}

/** The sites of tracked objects not yet freed or released. */
export function liveAllocations(kind?: Tracked["kind"]): string[] {
  const sites: string[] = [];
  for (const tracked of live.values()) if (kind === undefined || tracked.kind === kind) sites.push(tracked.site);
  return sites;
}
