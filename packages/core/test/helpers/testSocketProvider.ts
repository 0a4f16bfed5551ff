// A socket category for core's own tests, built only on the public base class: its sockets hold
// IRPs until cancelled, raise a "receive" event on demand and keep lists the client retains.
// Registered for WSK_FLAG_STREAM_SOCKET, which @wskit/stream owns and core's tests never load.
import {
  AF_INET,
  STATUS_DATA_NOT_ACCEPTED,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_DISCONNECT,
  WSK_EVENT_RECEIVE,
  WSK_FLAG_STREAM_SOCKET,
  WskCloseSocket,
  WskControlSocket,
  WskGetOption,
  WskSocketObject,
  IoRejectRequest,
  IPPROTO_TCP,
  runIrp,
  SOCK_STREAM,
  type IRP,
  type NTSTATUS,
  type Ref,
  type WskClientSession,
} from "@wskit/core";
import {
  callSocketEvent,
  checkSocketCall,
  completeRequestAtOnce,
  releaseSocketList,
  retainSocketList,
  socketClientDispatch,
  socketEvents,
  takeSocketIrp,
  WskRegisterSocketProvider,
  type WskSocketHooks,
  type WskSocketRequest,
} from "@wskit/core/provider";

export const TEST_OPTION = 0x7001;

export interface TestClientDispatch {
  WskReceiveEvent?: (context: unknown, flags: number, list: object | null) => NTSTATUS;
  WskDisconnectEvent?: (context: unknown, flags: number) => NTSTATUS;
}

const TEST_HOOKS: WskSocketHooks<TestSocket> = {
  eventsChanged: (socket, enabled, previous) => socket.eventsSeen.push([enabled, previous]),
  releaseRetained: (socket, list) => socket.released.push(list),
  closeHandle: (socket) => new Promise<void>((resolve) => setImmediate(() => ((socket.handleClosed = true), resolve()))),
  control: (_socket, type, code, _level, _inSize, _input, _outSize, output, returned, irp) => {
    if (code !== TEST_OPTION) return irp === null ? STATUS_NOT_SUPPORTED : IoRejectRequest(irp, STATUS_NOT_SUPPORTED);
    if (irp === null) return STATUS_INVALID_PARAMETER;
    if (type === WskGetOption && returned !== null) returned.value = 4;
    if (typeof output === "object" && output !== null) (output as Ref<number>).value = 42;
    return completeRequestAtOnce(irp, STATUS_SUCCESS, 4);
  },
};

export class TestSocket extends WskSocketObject {
  readonly Dispatch = {
    WskControlSocket,
    WskCloseSocket,
    /** Holds the IRP until it is cancelled (at close, or by IoCancelIrp). */
    WskTestHold: (socket: TestSocket, irp: IRP): NTSTATUS => {
      const status = checkSocketCall(socket, irp, "WskTestHold");
      if (status !== STATUS_SUCCESS) return status;
      takeSocketIrp(socket, irp, () => 0);
      return STATUS_PENDING;
    },
    /** Gives back a retained list. */
    WskRelease: (socket: TestSocket, list: object): NTSTATUS => (releaseSocketList(socket, list) ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER),
  };
  readonly eventsSeen: Array<[number, number]> = [];
  readonly released: object[] = [];
  handleClosed = false;

  constructor(request: WskSocketRequest) {
    super(request, {
      allowedEvents: WSK_EVENT_RECEIVE | WSK_EVENT_DISCONNECT,
      hooks: TEST_HOOKS,
    });
  }

  /** The event callbacks enabled now. */
  get events(): number {
    return socketEvents(this);
  }

  /** Raises a receive indication, as I/O would: the list is kept if the client returns STATUS_PENDING. */
  indicate(list: object | null, during?: () => void): NTSTATUS {
    const dispatch = socketClientDispatch<TestClientDispatch>(this);
    return callSocketEvent(this, () => {
      const status = dispatch?.WskReceiveEvent?.(this.SocketContext, 0, list) ?? STATUS_DATA_NOT_ACCEPTED;
      if (status === STATUS_PENDING && list !== null) retainSocketList(this, list);
      during?.();
      return status;
    }, STATUS_SUCCESS);
  }
}

export function registerTestProvider(): void {
  WskRegisterSocketProvider({
    categories: WSK_FLAG_STREAM_SOCKET,
    packageName: "@wskit/core (tests)",
    transports: [{ Version: 0x100, SocketType: 1, Protocol: 6, AddressFamily: AF_INET, ProviderId: "test" }],
    createSocket: (request) => (request.AddressFamily === AF_INET ? new TestSocket(request) : STATUS_INVALID_PARAMETER),
  });
}

/** A test socket made through `wsk`'s dispatch (registerTestProvider first); pushed onto `open` for the test's cleanup. */
export async function openTestSocket(wsk: WskClientSession, open: TestSocket[]): Promise<TestSocket> {
  const { Client, Dispatch } = wsk.npi;
  const { Information } = await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_STREAM_SOCKET, null, null, null, null, null, irp));
  open.push(Information as TestSocket);
  return Information as TestSocket;
}
