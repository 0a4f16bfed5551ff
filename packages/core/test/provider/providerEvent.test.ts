// beginProviderEvent / endProviderEvent: completions queued during a provider event run at its end,
// in order, from the completion queue (never inside the code that completed them), and a routine
// that throws or an event left unbalanced does not stall the queue.
import { describe, expect, it } from "vitest";
import { IoAllocateIrp, IoCompleteRequest, IoMarkIrpPending, IoSetCompletionRoutine, STATUS_MORE_PROCESSING_REQUIRED, STATUS_SUCCESS, type IRP } from "@wskit/core";
import { beginProviderEvent, endProviderEvent } from "@wskit/core/provider";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function pendingIrp(seen: string[], name: string, onRoutine?: () => void): IRP {
  const irp = IoAllocateIrp(1);
  IoSetCompletionRoutine(
    irp,
    () => {
      seen.push(name);
      onRoutine?.();
      return STATUS_MORE_PROCESSING_REQUIRED;
    },
    null,
    true,
    true,
    true,
  );
  IoMarkIrpPending(irp);
  return irp;
}

function complete(irp: IRP): void {
  irp.IoStatus.Status = STATUS_SUCCESS;
  IoCompleteRequest(irp);
}

describe("provider events", () => {
  it("runs what the event completed at its end, in order, and not before", () => {
    const seen: string[] = [];
    beginProviderEvent();
    complete(pendingIrp(seen, "a"));
    complete(pendingIrp(seen, "b"));
    expect(seen).toEqual([]);
    endProviderEvent();
    expect(seen).toEqual(["a", "b"]);
  });

  it("runs completions queued by routines in the same loop, after the ones before them", () => {
    const seen: string[] = [];
    const late = pendingIrp(seen, "late");
    beginProviderEvent();
    complete(
      pendingIrp(seen, "first", () => {
        complete(late);
        // Queued, not run inside this routine.
        expect(seen).toEqual(["first"]);
      }),
    );
    complete(pendingIrp(seen, "second"));
    endProviderEvent();
    expect(seen).toEqual(["first", "second", "late"]);
  });

  it("waits for the outermost of nested events", () => {
    const seen: string[] = [];
    beginProviderEvent();
    beginProviderEvent();
    complete(pendingIrp(seen, "inner"));
    endProviderEvent();
    expect(seen).toEqual([]);
    endProviderEvent();
    expect(seen).toEqual(["inner"]);
  });

  it("goes on past a routine that throws, which becomes a warning", async () => {
    const seen: string[] = [];
    const warnings: string[] = [];
    const onWarning = (warning: Error & { code?: string }) => warnings.push(warning.code ?? "");
    process.on("warning", onWarning);
    beginProviderEvent();
    complete(
      pendingIrp(seen, "thrower", () => {
        throw new Error("a routine's own bug");
      }),
    );
    complete(pendingIrp(seen, "after"));
    expect(() => endProviderEvent()).not.toThrow();
    expect(seen).toEqual(["thrower", "after"]);
    await nextTurn();
    process.off("warning", onWarning);
    expect(warnings).toContain("WSKIT_CALLBACK_THREW");
  });

  it("ignores an end without a begin, and completes through a microtask outside events", async () => {
    expect(() => endProviderEvent()).not.toThrow();
    const seen: string[] = [];
    complete(pendingIrp(seen, "plain"));
    expect(seen).toEqual([]);
    await nextTurn();
    expect(seen).toEqual(["plain"]);
    // After the unbalanced end, an event still holds its completions until it ends.
    beginProviderEvent();
    complete(pendingIrp(seen, "held"));
    await Promise.resolve();
    expect(seen).toEqual(["plain"]);
    endProviderEvent();
    expect(seen).toEqual(["plain", "held"]);
  });
});
