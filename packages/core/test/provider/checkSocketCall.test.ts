import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  IoAllocateIrp,
  IoFreeIrp,
  IoMarkIrpPending,
  isVerifierEnabled,
  registerWskClient,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
} from "@wskit/core";
import { checkSocketCall } from "@wskit/core/provider";
import { openTestSocket, registerTestProvider, type TestSocket } from "../helpers/testSocketProvider";

registerTestProvider();
const wsk = registerWskClient();
afterAll(() => wsk.close());
const open: TestSocket[] = [];
afterEach(async () => {
  for (const socket of open.splice(0)) await socket[Symbol.asyncDispose]();
});

const newSocket = () => openTestSocket(wsk, open);

describe("checkSocketCall", () => {
  it("lets a held IRP on an open socket through", async () => {
    const irp = IoAllocateIrp(1);
    expect(checkSocketCall(await newSocket(), irp, "Test")).toBe(STATUS_SUCCESS);
    IoFreeIrp(irp);
  });

  it("returns STATUS_INVALID_PARAMETER for no IRP, and STATUS_INVALID_HANDLE for a closed socket", async () => {
    const socket = await newSocket();
    expect(checkSocketCall(socket, null, "Test")).toBe(STATUS_INVALID_PARAMETER);
    open.splice(0);
    await socket[Symbol.asyncDispose]();
    const irp = IoAllocateIrp(1);
    // Under the verifier (WSKIT_VERIFIER=1) a call on a closed socket is a violation, thrown in the call.
    if (isVerifierEnabled()) expect(() => checkSocketCall(socket, irp, "Test")).toThrow(expect.objectContaining({ code: "ERR_VERIFIER_SOCKET_CLOSED" }));
    else expect(checkSocketCall(socket, irp, "Test")).toBe(STATUS_INVALID_HANDLE);
    IoFreeIrp(irp);
  });

  it("throws before anything else for an IRP that is pending, freed, or not an IRP", async () => {
    const socket = await newSocket();
    const pending = IoAllocateIrp(1);
    IoMarkIrpPending(pending);
    expect(() => checkSocketCall(socket, pending, "Test")).toThrow(expect.objectContaining({ code: "ERR_IRP_PENDING" }));
    const freed = IoAllocateIrp(1);
    IoFreeIrp(freed);
    expect(() => checkSocketCall(socket, freed, "Test")).toThrow(expect.objectContaining({ code: "ERR_IRP_FREED" }));
    expect(() => checkSocketCall(socket, {} as never, "Test")).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
  });
});
