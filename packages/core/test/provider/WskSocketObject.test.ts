import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  AF_INET,
  AF_INET6,
  CHANNEL_VERIFIER_VIOLATION,
  disableVerifier,
  enableVerifier,
  IoAllocateIrp,
  IoCancelIrp,
  IoFreeIrp,
  IoSetCompletionRoutine,
  IPPROTO_TCP,
  ref,
  registerWskClient,
  runIrp,
  SO_RCVBUF,
  SO_WSK_EVENT_CALLBACK,
  SOCK_STREAM,
  SOL_SOCKET,
  STATUS_CANCELLED,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_DISABLE,
  WSK_EVENT_DISCONNECT,
  WSK_EVENT_RECEIVE,
  WSK_EVENT_RECEIVE_FROM,
  WSK_FLAG_STREAM_SOCKET,
  WSK_SET_STATIC_EVENT_CALLBACKS,
  WSK_TRANSPORT_LIST_QUERY,
  WskGetOption,
  WskIoctl,
  WskSetOption,
  WskVerifierError,
  type IRP,
  type WSK_TRANSPORT,
  type VerifierViolationMessage,
} from "@wskit/core";
import { watchSocketClose } from "@wskit/core/provider";
import { registerTestProvider, TEST_OPTION, type TestClientDispatch, type TestSocket } from "../helpers/testSocketProvider";
import { captureWarnings } from "../helpers/warnings";
import { subscribe, unsubscribe } from "node:diagnostics_channel";

registerTestProvider();
const wsk = registerWskClient();
afterAll(() => wsk.close());
afterEach(() => disableVerifier());
const { Client, Dispatch } = wsk.npi;
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

const open: TestSocket[] = [];
afterEach(async () => {
  for (const socket of open.splice(0)) await socket[Symbol.asyncDispose]();
});

async function newSocket(dispatch: TestClientDispatch = {}, client = Client): Promise<TestSocket> {
  const { Status, Information } = await runIrp((irp) =>
    Dispatch.WskSocket(client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_STREAM_SOCKET, "ctx", dispatch, null, null, null, irp),
  );
  expect(Status).toBe(STATUS_SUCCESS);
  const socket = Information as TestSocket;
  open.push(socket);
  return socket;
}

const setEvents = (socket: TestSocket, EventMask: number, irp: IRP | null = null) =>
  socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask }, 0, null, null, irp);

const receiveDispatch: TestClientDispatch = { WskReceiveEvent: () => STATUS_SUCCESS, WskDisconnectEvent: () => STATUS_SUCCESS };

describe("a provider's refusal", () => {
  it("returns and completes with the provider's status (a family it does not take)", async () => {
    const result = await runIrp((irp) =>
      Dispatch.WskSocket(Client, AF_INET6, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_STREAM_SOCKET, null, {}, null, null, null, irp),
    );
    expect(result).toEqual({ Status: STATUS_INVALID_PARAMETER, Information: 0 });
  });
});

describe("event callbacks (SO_WSK_EVENT_CALLBACK)", () => {
  it("are disabled on a new socket", async () => {
    expect((await newSocket(receiveDispatch)).events).toBe(0);
  });

  it("take an undefined Irp as no IRP, as a JavaScript caller that leaves it out passes it", async () => {
    const socket = await newSocket(receiveDispatch);
    expect(socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE }, 0, null, null, undefined as never)).toBe(STATUS_SUCCESS);
    expect(socket.events).toBe(WSK_EVENT_RECEIVE);
  });

  it("enable in any combination with no IRP, and disable one at a time", async () => {
    const socket = await newSocket(receiveDispatch);
    expect(setEvents(socket, WSK_EVENT_RECEIVE | WSK_EVENT_DISCONNECT)).toBe(STATUS_SUCCESS);
    expect(socket.events).toBe(WSK_EVENT_RECEIVE | WSK_EVENT_DISCONNECT);
    expect(setEvents(socket, WSK_EVENT_RECEIVE | WSK_EVENT_DISABLE)).toBe(STATUS_SUCCESS);
    expect(socket.events).toBe(WSK_EVENT_DISCONNECT);
    expect(socket.eventsSeen).toEqual([
      [WSK_EVENT_RECEIVE | WSK_EVENT_DISCONNECT, 0],
      [WSK_EVENT_DISCONNECT, WSK_EVENT_RECEIVE | WSK_EVENT_DISCONNECT],
    ]);
  });

  it.each([
    ["two events with WSK_EVENT_DISABLE", WSK_EVENT_RECEIVE | WSK_EVENT_DISCONNECT | WSK_EVENT_DISABLE],
    ["WSK_EVENT_DISABLE alone", WSK_EVENT_DISABLE],
    ["an event the category has not", WSK_EVENT_RECEIVE_FROM],
    ["no event", 0],
  ])("refuse %s with STATUS_INVALID_PARAMETER, changing nothing", async (_name, mask) => {
    const socket = await newSocket(receiveDispatch);
    expect(setEvents(socket, mask)).toBe(STATUS_INVALID_PARAMETER);
    expect(socket.events).toBe(0);
  });

  it("refuse an event whose callback the client dispatch lacks", async () => {
    const socket = await newSocket({ WskDisconnectEvent: () => STATUS_SUCCESS });
    expect(setEvents(socket, WSK_EVENT_RECEIVE)).toBe(STATUS_INVALID_PARAMETER);
    expect(setEvents(socket, WSK_EVENT_DISCONNECT)).toBe(STATUS_SUCCESS);
  });

  it("refuse an IRP: STATUS_INVALID_PARAMETER, returned and completed", async () => {
    const socket = await newSocket(receiveDispatch);
    const result = await runIrp((irp) => setEvents(socket, WSK_EVENT_RECEIVE, irp));
    expect(result.Status).toBe(STATUS_INVALID_PARAMETER);
    expect(socket.events).toBe(0);
  });

  it("WSK_SET_STATIC_EVENT_CALLBACKS enables them on every later socket, and only before the first", async () => {
    await using session = registerWskClient();
    const { Client: client, Dispatch: dispatch } = session.npi;
    const control = (mask: number) => dispatch.WskControlClient(client, WSK_SET_STATIC_EVENT_CALLBACKS, 8, { EventMask: mask }, 0, null, null, null);
    expect(control(WSK_EVENT_RECEIVE | 0x4000)).toBe(STATUS_INVALID_PARAMETER);
    expect(control(WSK_EVENT_RECEIVE)).toBe(STATUS_SUCCESS);
    const socket = await newSocket(receiveDispatch, client);
    expect(socket.events).toBe(WSK_EVENT_RECEIVE);
    expect(control(WSK_EVENT_DISCONNECT)).toBe(STATUS_INVALID_DEVICE_STATE);
    await socket[Symbol.asyncDispose]();
  });
});

describe("other options and IOCTLs", () => {
  it("go to the provider, through the IRP", async () => {
    const socket = await newSocket();
    const output = ref(0);
    const returned = ref(0);
    const result = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskGetOption, TEST_OPTION, SOL_SOCKET, 0, null, 4, output, returned, irp));
    expect(result).toEqual({ Status: STATUS_SUCCESS, Information: 4 });
    expect([output.value, returned.value]).toEqual([42, 4]);
  });

  it("that the provider has not complete with STATUS_NOT_SUPPORTED", async () => {
    const socket = await newSocket();
    const result = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskIoctl, 0x12345678, 0, 0, null, 0, null, null, irp));
    expect(result.Status).toBe(STATUS_NOT_SUPPORTED);
    expect(socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_RCVBUF, SOL_SOCKET, 4, 1024, 0, null, null, null)).toBe(STATUS_NOT_SUPPORTED);
  });
});

describe("WskCloseSocket", () => {
  it("cancels every pending IRP (STATUS_CANCELLED) before the close itself completes", async () => {
    const socket = await newSocket();
    const order: string[] = [];
    const hold = (name: string) => {
      const irp = IoAllocateIrp(1);
      IoSetCompletionRoutine(irp, (_d, done) => (order.push(`${name}:${done.IoStatus.Status === STATUS_CANCELLED ? "cancelled" : done.IoStatus.Status}`), IoFreeIrp(done), STATUS_MORE_PROCESSING_REQUIRED), null, true, true, true);
      expect(socket.Dispatch.WskTestHold(socket, irp)).toBe(STATUS_PENDING);
    };
    hold("a");
    hold("b");
    const closed = runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp)).then((r) => order.push(`close:${r.Status}`));
    await closed;
    expect(order).toEqual(["a:cancelled", "b:cancelled", `close:${STATUS_SUCCESS}`]);
    expect(socket.handleClosed).toBe(true);
  });

  it("a pending IRP cancelled by IoCancelIrp leaves the socket's set", async () => {
    const socket = await newSocket();
    const irp = IoAllocateIrp(1);
    socket.Dispatch.WskTestHold(socket, irp);
    expect(IoCancelIrp(irp)).toBe(true);
    await flush();
    expect(irp.IoStatus.Status).toBe(STATUS_CANCELLED);
    IoFreeIrp(irp);
    expect((await runIrp((close) => socket.Dispatch.WskCloseSocket(socket, close))).Status).toBe(STATUS_SUCCESS);
  });

  it("waits for an event callback in progress when called from inside it", async () => {
    const order: string[] = [];
    let closing: Promise<unknown> | undefined;
    const socket: TestSocket = await newSocket({
      WskReceiveEvent: () => {
        closing = runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp)).then(() => order.push("closed"));
        order.push("callback returns");
        return STATUS_SUCCESS;
      },
    });
    setEvents(socket, WSK_EVENT_RECEIVE);
    socket.indicate({}, () => order.push("after callback, still inside the indication"));
    await closing;
    expect(order).toEqual(["callback returns", "after callback, still inside the indication", "closed"]);
  });

  it("reports indication lists still retained, and gives them back", async () => {
    using capture = captureWarnings();
    const socket = await newSocket({ WskReceiveEvent: () => STATUS_PENDING });
    setEvents(socket, WSK_EVENT_RECEIVE);
    const kept = { Next: null };
    const returned = { Next: null };
    socket.indicate(kept);
    socket.indicate(returned);
    expect(socket.Dispatch.WskRelease(socket, returned)).toBe(STATUS_SUCCESS);
    expect(socket.Dispatch.WskRelease(socket, returned)).toBe(STATUS_INVALID_PARAMETER); // released twice
    await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
    await flush();
    expect(socket.released).toEqual([kept]);
    expect(capture.codes).toContain("WSKIT_RETAINED_AT_CLOSE");
  });

  it("after close, every call returns STATUS_INVALID_HANDLE and leaves the IRP untouched", async () => {
    const socket = await newSocket(receiveDispatch);
    await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
    const irp = IoAllocateIrp(1);
    irp.IoStatus.Status = 0x77;
    expect(socket.Dispatch.WskTestHold(socket, irp)).toBe(STATUS_INVALID_HANDLE);
    expect(socket.Dispatch.WskCloseSocket(socket, irp)).toBe(STATUS_INVALID_HANDLE);
    expect(setEvents(socket, WSK_EVENT_RECEIVE)).toBe(STATUS_INVALID_HANDLE);
    await flush();
    expect(irp.IoStatus.Status).toBe(0x77);
    expect(irp.PendingReturned).toBe(false);
    IoFreeIrp(irp);
  });

  it("ERR_VERIFIER_SOCKET_CLOSED: under the verifier, a call after close is a violation", async () => {
    const socket = await newSocket();
    await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
    const violations: WskVerifierError[] = [];
    enableVerifier({ onViolation: (e) => violations.push(e) });
    const irp = IoAllocateIrp(1);
    expect(socket.Dispatch.WskTestHold(socket, irp)).toBe(STATUS_INVALID_HANDLE);
    expect(socket.Dispatch.WskCloseSocket(socket, irp)).toBe(STATUS_INVALID_HANDLE);
    IoFreeIrp(irp);
    expect(violations.map((v) => v.code)).toEqual(["ERR_VERIFIER_SOCKET_CLOSED", "ERR_VERIFIER_SOCKET_CLOSED"]);
    enableVerifier(); // with no handler, the violation is thrown where it is found
    expect(() => socket.Dispatch.WskTestHold(socket, IoAllocateIrp(1))).toThrow(WskVerifierError);
  });

  it("ERR_VERIFIER_INDICATION_LEAKED: under the verifier, a list retained at close is a violation", async () => {
    using capture = captureWarnings();
    const violations: WskVerifierError[] = [];
    enableVerifier({ onViolation: (e) => violations.push(e) });
    const socket = await newSocket({ WskReceiveEvent: () => STATUS_PENDING });
    setEvents(socket, WSK_EVENT_RECEIVE);
    socket.indicate({ Next: null });
    await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
    expect(violations.map((v) => v.code)).toEqual(["ERR_VERIFIER_INDICATION_LEAKED"]);
    expect(capture.codes).toEqual(["WSKIT_RETAINED_AT_CLOSE"]);
  });

  it("wskit:verifier:violation carries each violation, handler or not (SPEC §10)", async () => {
    using _capture = captureWarnings();
    const published: VerifierViolationMessage[] = [];
    const listener = (message: unknown) => void published.push(message as VerifierViolationMessage);
    subscribe(CHANNEL_VERIFIER_VIOLATION, listener);
    try {
      const violations: WskVerifierError[] = [];
      enableVerifier({ onViolation: (e) => violations.push(e) });
      const socket = await newSocket({ WskReceiveEvent: () => STATUS_PENDING });
      setEvents(socket, WSK_EVENT_RECEIVE);
      socket.indicate({ Next: null });
      await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
      expect(published.map((m) => m.error)).toEqual(violations);
      expect(published[0]?.error.code).toBe("ERR_VERIFIER_INDICATION_LEAKED");
    } finally {
      unsubscribe(CHANNEL_VERIFIER_VIOLATION, listener);
    }
  });

  it("watchSocketClose: a watcher runs once as the close starts, before pending IRPs are cancelled, and may give back what it holds", async () => {
    const socket = await newSocket({ WskReceiveEvent: () => STATUS_PENDING });
    setEvents(socket, WSK_EVENT_RECEIVE);
    const kept = { Next: null };
    socket.indicate(kept);
    const order: string[] = [];
    const irp = IoAllocateIrp(1);
    IoSetCompletionRoutine(irp, (_d, done) => (order.push(`irp:${done.IoStatus.Status === STATUS_CANCELLED ? "cancelled" : "other"}`), STATUS_MORE_PROCESSING_REQUIRED), null, true, true, true);
    socket.Dispatch.WskTestHold(socket, irp);
    watchSocketClose(socket, () => {
      order.push("watcher");
      expect(socket.Dispatch.WskRelease(socket, kept)).toBe(STATUS_SUCCESS);
    });
    const unwatched = watchSocketClose(socket, () => order.push("unwatched"));
    unwatched();
    const violations: WskVerifierError[] = [];
    enableVerifier({ onViolation: (e) => violations.push(e) });
    await runIrp((close) => socket.Dispatch.WskCloseSocket(socket, close));
    expect(order).toEqual(["watcher", "irp:cancelled"]);
    expect(violations).toEqual([]); // nothing retained at close: the watcher gave it back
    IoFreeIrp(irp);
    let late = false;
    watchSocketClose(socket, () => (late = true))();
    expect(late).toBe(false);
  });

  it("await using closes the socket", async () => {
    let kept: TestSocket | undefined;
    {
      await using socket = await newSocket();
      kept = socket;
    }
    expect(kept.handleClosed).toBe(true);
  });
});

describe("WskControlClient", () => {
  it("WSK_TRANSPORT_LIST_QUERY lists the loaded providers' transports, counting entries", () => {
    const transports: WSK_TRANSPORT[] = [];
    const count = ref(0);
    expect(Dispatch.WskControlClient(Client, WSK_TRANSPORT_LIST_QUERY, 0, null, 0, transports, count, null)).toBe(0xc0000023); // STATUS_BUFFER_TOO_SMALL
    expect(count.value).toBe(1);
    expect(Dispatch.WskControlClient(Client, WSK_TRANSPORT_LIST_QUERY, 0, null, count.value, transports, count, null)).toBe(STATUS_SUCCESS);
    expect(transports).toEqual([{ Version: 0x100, SocketType: 1, Protocol: 6, AddressFamily: AF_INET, ProviderId: "test" }]);
  });

  it("refuses an IRP for the synchronous codes, and codes it has not", async () => {
    expect((await runIrp((irp) => Dispatch.WskControlClient(Client, WSK_TRANSPORT_LIST_QUERY, 0, null, 1, [], null, irp))).Status).toBe(STATUS_INVALID_PARAMETER);
    expect(Dispatch.WskControlClient(Client, 4 /* WSK_CACHE_SD */, 0, null, 0, null, null, null)).toBe(STATUS_NOT_SUPPORTED);
    expect(Dispatch.WskControlClient({} as never, WSK_TRANSPORT_LIST_QUERY, 0, null, 0, [], null, null)).toBe(STATUS_INVALID_HANDLE);
  });
});
