import { describe, expect, it } from "vitest";
import {
  runIrp,
  STATUS_CANCELLED,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  type IRP,
} from "@wskit/core";
import { completeAtOnce, HeldRequests, refuse } from "../helpers/testProvider";

describe("runIrp", () => {
  it("resolves with the IoStatus of a completed request", async () => {
    await expect(runIrp((irp) => completeAtOnce(irp, STATUS_SUCCESS, 12))).resolves.toEqual({ Status: STATUS_SUCCESS, Information: 12 });
  });

  it("resolves with the status of a refused request", async () => {
    await expect(runIrp((irp) => refuse(irp, STATUS_INVALID_PARAMETER))).resolves.toEqual({ Status: STATUS_INVALID_PARAMETER, Information: 0 });
  });

  it("resolves at once when the call left the IRP untouched (a dead handle)", async () => {
    await expect(runIrp(() => STATUS_INVALID_HANDLE)).resolves.toEqual({ Status: STATUS_INVALID_HANDLE, Information: 0 });
  });

  it("cancels the request when the signal aborts: STATUS_CANCELLED with the bytes so far", async () => {
    const provider = new HeldRequests();
    const controller = new AbortController();
    let taken: IRP | undefined;
    const result = runIrp(
      (irp) => {
        taken = irp;
        provider.progress.set(irp, 3);
        return provider.take(irp);
      },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(result).resolves.toEqual({ Status: STATUS_CANCELLED, Information: 3 });
    expect(taken?.Cancel).toBe(true);
  });

  it("does not start the call for a signal already aborted", async () => {
    let started = false;
    const result = await runIrp(() => ((started = true), STATUS_SUCCESS), { signal: AbortSignal.abort() });
    expect(result).toEqual({ Status: STATUS_CANCELLED, Information: 0 });
    expect(started).toBe(false);
  });

  it("stops listening to the signal once the request completed", async () => {
    const controller = new AbortController();
    await runIrp((irp) => completeAtOnce(irp, STATUS_SUCCESS), { signal: controller.signal });
    controller.abort(); // no IoCancelIrp on a freed IRP: nothing throws
  });

  it("rejects with what the call threw (a programmer error), freeing the IRP", async () => {
    const error = new TypeError("bad");
    await expect(runIrp(() => { throw error; })).rejects.toBe(error);
  });
});
