import { afterAll, afterEach, describe, expect, it } from "vitest";
import { registerWskClient, runIrp, STATUS_PENDING, STATUS_SUCCESS } from "@wskit/core";
import { callSocketEvent } from "@wskit/core/provider";
import { openTestSocket, registerTestProvider, type TestSocket } from "../helpers/testSocketProvider";
import { captureWarnings } from "../helpers/warnings";

registerTestProvider();
const wsk = registerWskClient();
afterAll(() => wsk.close());
const open: TestSocket[] = [];
afterEach(async () => {
  for (const socket of open.splice(0)) await socket[Symbol.asyncDispose]();
});

const newSocket = () => openTestSocket(wsk, open);

describe("callSocketEvent", () => {
  it("returns what the callback returns", async () => {
    expect(callSocketEvent(await newSocket(), () => STATUS_PENDING, STATUS_SUCCESS)).toBe(STATUS_PENDING);
  });

  it("catches a callback that throws: a WSKIT_CALLBACK_THREW warning, and the value given for that case", async () => {
    const socket = await newSocket();
    using capture = captureWarnings();
    const status = callSocketEvent(socket, () => {
      throw new Error("client bug");
    }, STATUS_SUCCESS);
    await new Promise((resolve) => setImmediate(resolve));
    expect(status).toBe(STATUS_SUCCESS);
    expect(capture.codes).toContain("WSKIT_CALLBACK_THREW");
  });

  it("lets a WskCloseSocket made inside the callback wait until it returns", async () => {
    const socket = await newSocket();
    open.splice(0);
    const order: string[] = [];
    let closing: Promise<unknown> = Promise.resolve();
    callSocketEvent(socket, () => {
      closing = runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp)).then(() => order.push("closed"));
      order.push("callback returns");
      return STATUS_SUCCESS;
    }, STATUS_SUCCESS);
    await closing;
    expect(order).toEqual(["callback returns", "closed"]);
  });
});
