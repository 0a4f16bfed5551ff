// runProviderEvent: completions queued during a provider event run at its end, in order, from the
// completion queue (never inside the code that completed them); a handler or routine that throws
// does not stall the queue.
import { describe, expect, it } from "vitest";
import { IoAllocateIrp, IoCompleteRequest, IoMarkIrpPending, IoSetCompletionRoutine, STATUS_MORE_PROCESSING_REQUIRED, STATUS_SUCCESS, type IRP } from "@wskit/core";
import { runProviderEvent } from "@wskit/core/provider";

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

const event = (body: () => void) => runProviderEvent(body, undefined, undefined, undefined);

describe("runProviderEvent", () => {
  it("runs what the event completed when it returns, in order, and not before", () => {
    const seen: string[] = [];
    event(() => {
      complete(pendingIrp(seen, "a"));
      complete(pendingIrp(seen, "b"));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(["a", "b"]);
  });

  it("hands the handler its arguments", () => {
    const got: unknown[] = [];
    runProviderEvent((a: number, b: string, c: null) => got.push(a, b, c), 1, "two", null);
    expect(got).toEqual([1, "two", null]);
  });

  it("runs completions queued by routines in the same loop, after the ones before them", () => {
    const seen: string[] = [];
    const late = pendingIrp(seen, "late");
    event(() => {
      complete(
        pendingIrp(seen, "first", () => {
          complete(late);
          // Queued, not run inside this routine.
          expect(seen).toEqual(["first"]);
        }),
      );
      complete(pendingIrp(seen, "second"));
    });
    expect(seen).toEqual(["first", "second", "late"]);
  });

  it("waits for the outermost of nested events", () => {
    const seen: string[] = [];
    event(() => {
      event(() => complete(pendingIrp(seen, "inner")));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(["inner"]);
  });

  it("completes what was queued when the handler throws, then throws on", async () => {
    const seen: string[] = [];
    expect(() =>
      event(() => {
        complete(pendingIrp(seen, "before the throw"));
        throw new Error("the handler's own bug");
      }),
    ).toThrow("the handler's own bug");
    expect(seen).toEqual(["before the throw"]);
    // The queue is not left held: a completion outside any event still runs.
    complete(pendingIrp(seen, "later"));
    await nextTurn();
    expect(seen).toEqual(["before the throw", "later"]);
  });

  it("goes on past a routine that throws, which becomes a warning", async () => {
    const seen: string[] = [];
    const warnings: string[] = [];
    const onWarning = (warning: Error & { code?: string }) => warnings.push(warning.code ?? "");
    process.on("warning", onWarning);
    expect(() =>
      event(() => {
        complete(
          pendingIrp(seen, "thrower", () => {
            throw new Error("a routine's own bug");
          }),
        );
        complete(pendingIrp(seen, "after"));
      }),
    ).not.toThrow();
    expect(seen).toEqual(["thrower", "after"]);
    await nextTurn();
    process.off("warning", onWarning);
    expect(warnings).toContain("WSKIT_CALLBACK_THREW");
  });

  it("refuses a handler that is not a function, and changes nothing", async () => {
    for (const bad of [undefined, null, 1, "f", {}]) {
      expect(() => runProviderEvent(bad as never, 0, 0, 0)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    }
    const seen: string[] = [];
    complete(pendingIrp(seen, "plain"));
    expect(seen).toEqual([]);
    await nextTurn();
    expect(seen).toEqual(["plain"]);
  });
});
