// IRP helpers the socket packages' tests share (dgram and stream import them from here).
import {
  IoAllocateIrp,
  IoSetCompletionRoutine,
  runIrp,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_PENDING,
  type IRP,
  type NTSTATUS,
} from "@wskit/core";

/** Posts a call with a fresh IRP: the status it returned, and the IRP's result once it completed. */
export async function call(post: (irp: IRP) => NTSTATUS): Promise<{ returned: NTSTATUS; Status: NTSTATUS; Information: unknown }> {
  let returned: NTSTATUS = STATUS_PENDING;
  const { Status, Information } = await runIrp((irp) => (returned = post(irp)));
  return { returned, Status, Information };
}

/** Posts a call with the caller's IRP: its result once it completed (the IRP stays the caller's). */
export function postWith(irp: IRP, post: (irp: IRP) => NTSTATUS): Promise<{ Status: NTSTATUS; Information: unknown }> {
  return new Promise((resolve) => {
    IoSetCompletionRoutine(irp, (_d, done) => (resolve({ Status: done.IoStatus.Status, Information: done.IoStatus.Information }), STATUS_MORE_PROCESSING_REQUIRED), null, true, true, true);
    post(irp);
  });
}

/**
 * What a fuzzer watches besides the statuses it checks: IRPs completed more than once or never,
 * exceptions that reached the process, and wskit's own warnings of a caught fault. Everything
 * found lands in `findings`.
 */
export class FuzzWatch {
  readonly findings: string[] = [];
  readonly #completions = new Map<IRP, number>();
  readonly #onWarning = (warning: Error) => {
    const code = (warning as { code?: string }).code ?? "";
    if (code === "WSKIT_INTERNAL_ERROR" || code === "WSKIT_CALLBACK_THREW") this.findings.push(`${code}: ${warning.message}`);
  };
  readonly #onUncaught = (error: unknown) => this.findings.push(`uncaught: ${String(error)}`);

  install(): void {
    process.on("warning", this.#onWarning);
    process.on("uncaughtException", this.#onUncaught);
    process.on("unhandledRejection", this.#onUncaught);
  }

  uninstall(): void {
    process.off("warning", this.#onWarning);
    process.off("uncaughtException", this.#onUncaught);
    process.off("unhandledRejection", this.#onUncaught);
  }

  /** An IRP whose completions are counted: more than one is a finding. */
  trackedIrp(): IRP {
    const irp = IoAllocateIrp(1);
    this.#completions.set(irp, 0);
    IoSetCompletionRoutine(irp, (_d, done) => {
      const count = (this.#completions.get(done) ?? 0) + 1;
      this.#completions.set(done, count);
      if (count > 1) this.findings.push("an IRP completed twice");
      return STATUS_MORE_PROCESSING_REQUIRED;
    }, null, true, true, true);
    return irp;
  }

  /** True once a tracked IRP completed. */
  isCompleted(irp: IRP): boolean {
    return (this.#completions.get(irp) ?? 0) > 0;
  }

  /** Waits (a bounded number of turns) for a tracked IRP to complete; one that never does is a finding. */
  async completed(irp: IRP, turns = 4000): Promise<void> {
    for (let i = 0; i < turns && !this.isCompleted(irp); i++) await new Promise((resolve) => setImmediate(resolve));
    if (!this.isCompleted(irp)) this.findings.push("an accepted IRP never completed");
  }
}
