// The completion queue: every completion routine runs from here, never inside the call that
// completed its IRP (SPEC §1). One microtask drains the queue in FIFO order (or the end of the
// provider event that queued the completions, see runProviderEvent); a routine that posts a
// request which completes at once only appends to the queue, so a repost loop runs in constant
// stack, and the ring buffer keeps it in constant memory however long the loop runs.
import { programmerError } from "../errors";
import { reportCallbackError } from "../verifier/reportCallbackError";
import { NT_SUCCESS } from "../headers/NT_SUCCESS";
import type { IRP } from "./IRP";
import { checkSendBuffer, watch } from "../buffers/sendBufferWatch";
import { INVOKE_ON_CANCEL, INVOKE_ON_ERROR, INVOKE_ON_SUCCESS, IrpPhase, kIrpState } from "./irpState";
import { HOOKS, verifier, verifierActive } from "../verifier/verifierState";

let ring: Array<IRP | undefined> = new Array<IRP | undefined>(64);
let mask = ring.length - 1;
let head = 0;
let size = 0;
let scheduled = false;
let draining = false;
// Inside a provider event (see runProviderEvent): completions wait for its end, not a microtask.
let eventDepth = 0;
// The drain is a microtask, queued through an already resolved promise: Node's queueMicrotask
// makes an AsyncResource and a bound function per call, which a datagram-per-turn receive loop
// would pay for every datagram.
const resolved = Promise.resolve();

/** Queues the completion of an IRP whose IoStatus the provider has set. */
export function queueCompletion(irp: IRP): void {
  irp[kIrpState].phase = IrpPhase.Completing;
  if (HOOKS && verifierActive && verifier.options.delayTurns > 0) {
    delayCompletion(irp, Math.floor(Math.random() * (verifier.options.delayTurns + 1)));
    return;
  }
  append(irp);
}

function append(irp: IRP): void {
  if (size === ring.length) grow();
  ring[(head + size) & mask] = irp;
  size++;
  if (!scheduled && eventDepth === 0) {
    scheduled = true;
    void resolved.then(drain);
  }
}

// The verifier's delay: the completion waits `turns` turns of the event loop, so code that assumes
// a completion arrives before (or after) some other event shows its bug.
function delayCompletion(irp: IRP, turns: number): void {
  if (turns === 0) append(irp);
  else setImmediate(delayCompletion, irp, turns - 1);
}

function drain(): void {
  scheduled = false;
  if (draining) return;
  runQueued();
}

// FIFO, whoever drains; completions queued meanwhile (a routine reposting) join this loop.
function runQueued(): void {
  draining = true;
  eventDepth++;
  try {
    while (size > 0) {
      const irp = ring[head] as IRP;
      ring[head] = undefined;
      head = (head + 1) & mask;
      size--;
      runCompletion(irp);
    }
  } finally {
    eventDepth--;
    draining = false;
    // Only if something threw past runCompletion: what is left still completes, on a microtask.
    if (size > 0 && !scheduled && eventDepth === 0) {
      scheduled = true;
      void resolved.then(drain);
    }
  }
}

/**
 * Provider side: runs `handler(a, b, c)` as a provider event, for an event-loop callback of the
 * provider's own (a Node 'message' handler), never inside a client call. The completions it queues
 * run when it returns (or throws), in order, from the completion queue, instead of each callback
 * paying a microtask: a datagram-per-callback engine completes a receive per callback. What the
 * handler throws is thrown on, after those completions ran.
 * @throws ERR_INVALID_ARG_TYPE when `handler` is not a function.
 */
export function runProviderEvent<A, B, C>(handler: (a: A, b: B, c: C) => void, a: A, b: B, c: C): void {
  if (typeof handler !== "function") throw programmerError("ERR_INVALID_ARG_TYPE", "runProviderEvent: handler must be a function");
  eventDepth++;
  try {
    handler(a, b, c);
  } finally {
    eventDepth--;
    if (eventDepth === 0 && size > 0 && !draining) runQueued();
  }
}

// IoCompleteRequest's walk up the stack, for the one location a client IRP has: the routine runs
// when its InvokeOn flag matches the result. From here on the client holds the IRP again, so the
// routine may free or reuse it; STATUS_MORE_PROCESSING_REQUIRED (or any other return) ends
// completion, there being no I/O manager above a client-allocated IRP.
function runCompletion(irp: IRP): void {
  const state = irp[kIrpState];
  state.phase = IrpPhase.Completed;
  if (HOOKS && verifierActive && watch.count > 0) checkSendBuffer(irp);
  const routine = state.completionRoutine;
  const invoke =
    routine !== null &&
    ((state.invokeOn & (NT_SUCCESS(irp.IoStatus.Status) ? INVOKE_ON_SUCCESS : INVOKE_ON_ERROR)) !== 0 ||
      (irp.Cancel && (state.invokeOn & INVOKE_ON_CANCEL) !== 0));
  try {
    if (invoke) (routine as (d: null, i: IRP, c: unknown) => number)(null, irp, state.completionContext);
  } catch (error) {
    // A routine that threw keeps its IRP, as STATUS_MORE_PROCESSING_REQUIRED would (SPEC §7); the
    // queue goes on, and nothing reaches the process as an uncaught exception.
    reportCallbackError("callback", "a completion routine", error);
  } finally {
    // Whoever waits for this completion (an IRP being disposed) learns of it after the routine.
    const waiter = state.waiter;
    if (waiter !== null) {
      state.waiter = null;
      waiter();
    }
  }
}

function grow(): void {
  const next = new Array<IRP | undefined>(ring.length * 2);
  for (let i = 0; i < size; i++) next[i] = ring[(head + i) & mask];
  ring = next;
  mask = ring.length - 1;
  head = 0;
}
