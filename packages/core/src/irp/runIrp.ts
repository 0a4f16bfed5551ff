import { checkOptions } from "../checkOptions";
import { programmerError } from "../errors";
import { checkAbortSignal } from "./checkAbortSignal";
import { IrpPhase, kIrpState } from "./irpState";
import { IoAllocateIrp } from "./IoAllocateIrp";
import { IoCancelIrp } from "./IoCancelIrp";
import { IoFreeIrp } from "./IoFreeIrp";
import { IoSetCompletionRoutine } from "./IoSetCompletionRoutine";
import type { IO_STATUS_BLOCK, IRP } from "./IRP";
import { STATUS_CANCELLED, STATUS_MORE_PROCESSING_REQUIRED, type NTSTATUS } from "../headers/NTSTATUS";

/** What {@link runIrp} resolves with: the IRP's final status block, and the error behind a failure. */
export interface RunIrpResult extends IO_STATUS_BLOCK {
  /** The error the provider failed the request for (a Node system error), when it had one. */
  cause?: unknown;
}

/** Options of {@link runIrp}. */
export interface RunIrpOptions {
  /** Aborting it cancels the request (IoCancelIrp): it then completes with STATUS_CANCELLED. */
  signal?: AbortSignal;
}

/**
 * Runs one faithful call as a Promise of its result. `start` receives a fresh IRP and passes it to
 * the call; the Promise resolves with the final `{ Status, Information }` (with the `cause` of a failure, when the provider had one) once the IRP completes, or
 * at once when the call refused the IRP without completing it (a missing IRP or a dead handle).
 * It always resolves: the status is the result, errors included; the IRP is freed afterwards.
 *
 * ```ts
 * const { Status, Information } = await runIrp(
 *   (irp) => socket.Dispatch.WskSendTo(socket, buf, 0, remote, 0, null, irp),
 *   { signal: AbortSignal.timeout(1000) },
 * );
 * ```
 * An already aborted signal resolves with STATUS_CANCELLED without starting the call.
 *
 * @throws ERR_INVALID_ARG_TYPE (at once) when `start` is not a function, or `signal` not an AbortSignal.
 */
export function runIrp(start: (irp: IRP) => NTSTATUS, options: RunIrpOptions = {}): Promise<RunIrpResult> {
  checkOptions("runIrp", options);
  if (typeof start !== "function") throw programmerError("ERR_INVALID_ARG_TYPE", "runIrp: start must be a function that passes the IRP to a call");
  const signal = checkAbortSignal("runIrp", options.signal);
  if (signal?.aborted) return Promise.resolve({ Status: STATUS_CANCELLED, Information: 0 });
  return new Promise<RunIrpResult>((resolve, reject) => {
    const irp = IoAllocateIrp(1, false);
    const onAbort = () => IoCancelIrp(irp);
    const finish = (result: RunIrpResult) => {
      signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    IoSetCompletionRoutine(
      irp,
      (_device, completed) => {
        const { Status, Information } = completed.IoStatus;
        const cause = completed[kIrpState].cause;
        IoFreeIrp(completed);
        finish(cause === undefined ? { Status, Information } : { Status, Information, cause });
        return STATUS_MORE_PROCESSING_REQUIRED;
      },
      undefined,
      true,
      true,
      true,
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    let status: NTSTATUS;
    try {
      status = start(irp);
    } catch (error) {
      signal?.removeEventListener("abort", onAbort);
      if (irp[kIrpState].phase === IrpPhase.Idle) IoFreeIrp(irp);
      reject(error);
      return;
    }
    // A call that left the IRP untouched returned its status and will never complete it.
    if (irp[kIrpState].phase === IrpPhase.Idle) {
      IoFreeIrp(irp);
      finish({ Status: status, Information: 0 });
    }
  });
}
