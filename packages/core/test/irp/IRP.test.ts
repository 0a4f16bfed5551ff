import { describe, expect, it } from "vitest";
import {
  IoAllocateIrp,
  IoCancelIrp,
  IoCompleteRequest,
  IoFreeIrp,
  IoMarkIrpPending,
  IoReuseIrp,
  IoSetCompletionRoutine,
  NTSTATUS,
  STATUS_BUFFER_OVERFLOW,
  STATUS_CANCELLED,
  STATUS_INVALID_PARAMETER,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type IRP,
} from "@wskit/core";
import { completeAtOnce, HeldRequests, refuse } from "../helpers/testProvider";

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function recordCompletions(irp: IRP, onSuccess = true, onError = true, onCancel = true) {
  const seen: Array<{ status: number; information: unknown; pendingReturned: boolean }> = [];
  IoSetCompletionRoutine(
    irp,
    (device, completed, context: typeof seen) => {
      expect(device).toBeNull();
      context.push({ status: completed.IoStatus.Status, information: completed.IoStatus.Information, pendingReturned: completed.PendingReturned });
      return STATUS_MORE_PROCESSING_REQUIRED;
    },
    seen,
    onSuccess,
    onError,
    onCancel,
  );
  return seen;
}

describe("an accepted request", () => {
  it("returns STATUS_PENDING with PendingReturned true, and its routine runs only after the call returned", async () => {
    const irp = IoAllocateIrp(1, false);
    const seen = recordCompletions(irp);
    const status = completeAtOnce(irp, STATUS_SUCCESS, 42);
    expect(status).toBe(STATUS_PENDING);
    expect(irp.PendingReturned).toBe(true);
    expect(seen).toEqual([]); // completed "at once", yet not inside the call
    await Promise.resolve();
    expect(seen).toEqual([{ status: STATUS_SUCCESS, information: 42, pendingReturned: true }]);
    await flush();
    expect(seen).toHaveLength(1);
  });

  it("completes held requests when the provider says, in order", async () => {
    const provider = new HeldRequests();
    const order: number[] = [];
    const irps = [0, 1, 2].map((n) => {
      const irp = IoAllocateIrp(1);
      IoSetCompletionRoutine(irp, () => (order.push(n), STATUS_MORE_PROCESSING_REQUIRED), null, true, true, true);
      expect(provider.take(irp)).toBe(STATUS_PENDING);
      return irp;
    });
    await flush();
    expect(order).toEqual([]);
    for (const irp of irps) provider.complete(irp, STATUS_SUCCESS, 1);
    await flush();
    expect(order).toEqual([0, 1, 2]);
  });
});

describe("a request refused by validation", () => {
  it("returns its status and completes the IRP with it and Information 0: routine once, after the return", async () => {
    const irp = IoAllocateIrp(1);
    irp.IoStatus.Information = 99;
    const seen = recordCompletions(irp);
    expect(refuse(irp, STATUS_INVALID_PARAMETER)).toBe(STATUS_INVALID_PARAMETER);
    expect(seen).toEqual([]);
    await flush();
    expect(seen).toEqual([{ status: STATUS_INVALID_PARAMETER, information: 0, pendingReturned: false }]);
  });
});

describe("IoSetCompletionRoutine's InvokeOn flags", () => {
  it.each([
    // status, cancel, onSuccess, onError, onCancel, runs
    [STATUS_SUCCESS, false, true, false, false, true],
    [STATUS_SUCCESS, false, false, true, true, false],
    [STATUS_BUFFER_OVERFLOW, false, false, true, false, true], // a warning is not NT_SUCCESS
    [STATUS_BUFFER_OVERFLOW, false, true, false, false, false],
    [STATUS_INVALID_PARAMETER, false, false, true, false, true],
    [STATUS_INVALID_PARAMETER, false, true, false, true, false],
    [STATUS_CANCELLED, true, false, false, true, true], // cancelled: InvokeOnCancel alone suffices
    [STATUS_CANCELLED, true, false, true, false, true], // and it is an error status too
    [STATUS_CANCELLED, true, true, false, false, false],
  ])("status 0x%s, cancelled %s, flags %s/%s/%s → runs %s", async (status, cancel, onSuccess, onError, onCancel, runs) => {
    const irp = IoAllocateIrp(1);
    const seen = recordCompletions(irp, onSuccess, onError, onCancel);
    if (cancel) {
      const provider = new HeldRequests();
      provider.take(irp);
      expect(IoCancelIrp(irp)).toBe(true);
    } else {
      completeAtOnce(irp, status);
    }
    await flush();
    expect(seen.length).toBe(runs ? 1 : 0);
  });
});

describe("cancellation", () => {
  it("completes a pending IRP once with STATUS_CANCELLED and the bytes moved so far", async () => {
    const provider = new HeldRequests();
    const irp = IoAllocateIrp(1);
    const seen = recordCompletions(irp);
    provider.take(irp);
    provider.progress.set(irp, 17);
    expect(IoCancelIrp(irp)).toBe(true);
    expect(irp.Cancel).toBe(true);
    expect(IoCancelIrp(irp)).toBe(false); // the cancel routine is taken once
    provider.complete(irp, STATUS_SUCCESS, 99); // too late: cancellation won the race
    await flush();
    expect(seen).toEqual([{ status: STATUS_CANCELLED, information: 17, pendingReturned: true }]);
  });

  it("has no effect on an IRP that completed, or that no call took", async () => {
    const irp = IoAllocateIrp(1);
    const seen = recordCompletions(irp);
    expect(IoCancelIrp(irp)).toBe(false);
    completeAtOnce(irp, STATUS_SUCCESS, 5);
    await flush();
    expect(IoCancelIrp(irp)).toBe(false);
    expect(irp.Cancel).toBe(false);
    expect(seen).toEqual([{ status: STATUS_SUCCESS, information: 5, pendingReturned: true }]);
  });

  it("returns false for a pending IRP whose provider set no cancel routine", () => {
    const irp = IoAllocateIrp(1);
    IoMarkIrpPending(irp);
    expect(IoCancelIrp(irp)).toBe(false);
    expect(irp.Cancel).toBe(true);
  });
});

describe("STATUS_MORE_PROCESSING_REQUIRED", () => {
  it("hands the IRP back: the routine may free it, as the pages' routines do", async () => {
    const irp = IoAllocateIrp(1);
    let freed = false;
    IoSetCompletionRoutine(irp, (_d, completed) => {
      IoFreeIrp(completed);
      freed = true;
      return STATUS_MORE_PROCESSING_REQUIRED;
    }, null, true, true, true);
    completeAtOnce(irp, STATUS_SUCCESS);
    await flush();
    expect(freed).toBe(true);
    expect(() => IoFreeIrp(irp)).toThrow(expect.objectContaining({ code: "ERR_IRP_FREED" }));
  });

  it("hands the IRP back: the owner may reuse it, which resets everything", async () => {
    const irp = IoAllocateIrp(1);
    const seen = recordCompletions(irp);
    const provider = new HeldRequests();
    provider.take(irp);
    IoCancelIrp(irp);
    await flush();
    irp.Tail.Overlay.DriverContext[0] = "stale";
    IoReuseIrp(irp, STATUS_SUCCESS);
    expect(irp.IoStatus).toEqual({ Status: STATUS_SUCCESS, Information: 0 });
    expect([irp.Cancel, irp.PendingReturned, irp.Tail.Overlay.DriverContext[0]]).toEqual([false, false, undefined]);
    // The completion routine went with the reuse: this completion calls nothing.
    completeAtOnce(irp, STATUS_SUCCESS, 3);
    await flush();
    expect(seen).toHaveLength(1);
    expect(irp.IoStatus.Information).toBe(3);
  });
});

describe("a repost loop from the completion routine", () => {
  it("runs 1,000,000 requests, each completing as soon as posted, in constant stack", async () => {
    const total = 1_000_000;
    const irp = IoAllocateIrp(1);
    let completions = 0;
    let depth = 0;
    let maxDepth = 0;
    const stackDepths = new Set<number>();
    const post = (): number => {
      IoReuseIrp(irp, STATUS_SUCCESS);
      IoSetCompletionRoutine(irp, routine, null, true, true, true);
      return completeAtOnce(irp, STATUS_SUCCESS, 1);
    };
    const routine = (): number => {
      depth++;
      maxDepth = Math.max(maxDepth, depth);
      completions++;
      if (completions % 100_000 === 0) stackDepths.add((new Error().stack ?? "").split("\n").length);
      if (completions < total) post();
      depth--;
      return STATUS_MORE_PROCESSING_REQUIRED;
    };
    const done = new Promise<void>((resolve) => {
      const poll = () => (completions === total ? resolve() : setImmediate(poll));
      poll();
    });
    post();
    await done;
    expect(completions).toBe(total);
    expect(maxDepth).toBe(1); // no routine ever ran inside another
    expect(stackDepths.size).toBe(1); // the same stack depth at every 100,000th completion
    IoFreeIrp(irp);
  }, 60_000);
});

describe("IoAllocateIrp", () => {
  it("makes a fresh IRP", () => {
    const irp = IoAllocateIrp(1, false);
    expect(irp.IoStatus).toEqual({ Status: 0, Information: 0 });
    expect([irp.Cancel, irp.PendingReturned]).toEqual([false, false]);
    IoFreeIrp(irp);
  });

  it.each([0, -1, 1.5, 256, Number.NaN])("throws ERR_OUT_OF_RANGE for StackSize %s, never returns null", (size) => {
    expect(() => IoAllocateIrp(size)).toThrow(expect.objectContaining({ code: "ERR_OUT_OF_RANGE", name: "RangeError" }));
  });
});

describe("misuse is a programmer error, thrown at once", () => {
  const pendingIrp = () => {
    const irp = IoAllocateIrp(1);
    new HeldRequests().take(irp);
    return irp;
  };
  const freedIrp = () => {
    const irp = IoAllocateIrp(1);
    IoFreeIrp(irp);
    return irp;
  };
  const queuedForCompletion = () => {
    const irp = IoAllocateIrp(1);
    completeAtOnce(irp, STATUS_SUCCESS);
    return irp;
  };

  it("completing twice → ERR_IRP_ALREADY_COMPLETED (queued, and after the routine ran)", async () => {
    const irp = queuedForCompletion();
    expect(() => IoCompleteRequest(irp)).toThrow(expect.objectContaining({ code: "ERR_IRP_ALREADY_COMPLETED" }));
    await flush();
    expect(() => IoCompleteRequest(irp)).toThrow(expect.objectContaining({ code: "ERR_IRP_ALREADY_COMPLETED" }));
  });

  it("completing an IRP no call took → ERR_IRP_NOT_PENDING", () => {
    expect(() => IoCompleteRequest(IoAllocateIrp(1))).toThrow(expect.objectContaining({ code: "ERR_IRP_NOT_PENDING" }));
  });

  it("completing with STATUS_PENDING → ERR_IRP_COMPLETED_WITH_PENDING", () => {
    const irp = pendingIrp();
    irp.IoStatus.Status = STATUS_PENDING;
    expect(() => IoCompleteRequest(irp)).toThrow(expect.objectContaining({ code: "ERR_IRP_COMPLETED_WITH_PENDING" }));
    expect(() => refuse(IoAllocateIrp(1), STATUS_PENDING)).toThrow(expect.objectContaining({ code: "ERR_IRP_COMPLETED_WITH_PENDING" }));
  });

  it("freeing or reusing a pending IRP → ERR_IRP_PENDING", async () => {
    expect(() => IoFreeIrp(pendingIrp())).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
    expect(() => IoReuseIrp(pendingIrp(), 0)).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
    // Queued for completion is still pending for its owner.
    const queued = queuedForCompletion();
    expect(() => IoFreeIrp(queued)).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
  });

  it("setting a completion routine on a pending IRP → ERR_IRP_PENDING", () => {
    expect(() => IoSetCompletionRoutine(pendingIrp(), () => 0, null, true, true, true)).toThrow(
      expect.objectContaining({ code: "ERR_IRP_PENDING" }),
    );
  });

  it("passing a pending IRP to another call → ERR_IRP_PENDING", () => {
    const irp = pendingIrp();
    expect(() => completeAtOnce(irp, STATUS_SUCCESS)).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
    expect(() => refuse(irp, STATUS_INVALID_PARAMETER)).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
  });

  it.each([
    ["IoFreeIrp", (irp: IRP) => IoFreeIrp(irp)],
    ["IoReuseIrp", (irp: IRP) => IoReuseIrp(irp, 0)],
    ["IoSetCompletionRoutine", (irp: IRP) => IoSetCompletionRoutine(irp, null, null, true, true, true)],
    ["IoCancelIrp", (irp: IRP) => IoCancelIrp(irp)],
    ["IoMarkIrpPending (any call)", (irp: IRP) => IoMarkIrpPending(irp)],
    ["IoRejectRequest (any call)", (irp: IRP) => refuse(irp, STATUS_INVALID_PARAMETER)],
    ["IoCompleteRequest", (irp: IRP) => IoCompleteRequest(irp)],
  ])("using a freed IRP in %s → ERR_IRP_FREED", (_name, use) => {
    expect(() => use(freedIrp())).toThrow(expect.objectContaining({ code: "ERR_IRP_FREED" }));
  });

  it("passing something that is not an IRP → ERR_INVALID_ARG_TYPE", () => {
    expect(() => IoFreeIrp({} as IRP)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE", name: "TypeError" }));
    expect(() => IoCancelIrp(null as unknown as IRP)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });

  it("a non-function completion routine → ERR_INVALID_ARG_TYPE", () => {
    expect(() => IoSetCompletionRoutine(IoAllocateIrp(1), 5 as never, null, true, true, true)).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }),
    );
  });
});

describe("await using", () => {
  it("cancels a pending IRP, waits for its completion, then frees it", async () => {
    const provider = new HeldRequests();
    let status = -1;
    let irpRef: IRP | undefined;
    {
      await using irp = IoAllocateIrp(1);
      irpRef = irp;
      IoSetCompletionRoutine(irp, (_d, done) => ((status = done.IoStatus.Status), STATUS_MORE_PROCESSING_REQUIRED), null, true, true, true);
      provider.take(irp);
    }
    expect(status).toBe(NTSTATUS.STATUS_CANCELLED);
    expect(() => IoFreeIrp(irpRef as IRP)).toThrow(expect.objectContaining({ code: "ERR_IRP_FREED" }));
  });

  it("frees an idle IRP, and leaves alone one its routine freed", async () => {
    let kept: IRP | undefined;
    {
      await using irp = IoAllocateIrp(1);
      kept = irp;
    }
    expect(() => IoReuseIrp(kept as IRP, 0)).toThrow(expect.objectContaining({ code: "ERR_IRP_FREED" }));
    {
      await using irp = IoAllocateIrp(1);
      IoSetCompletionRoutine(irp, (_d, done) => (IoFreeIrp(done), STATUS_MORE_PROCESSING_REQUIRED), null, true, true, true);
      completeAtOnce(irp, STATUS_SUCCESS);
      await flush();
    }
  });
});
