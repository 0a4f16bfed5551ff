import { describe, expect, it } from "vitest";
import * as core from "@wskit/core";

// The values SPEC.md §0 fixes, and the rest of wsk.h / ws2def.h / winsock2.h that the calls take.
const EXPECTED: Record<string, number> = {
  WSK_FLAG_LISTEN_SOCKET: 0x1,
  WSK_FLAG_CONNECTION_SOCKET: 0x2,
  WSK_FLAG_DATAGRAM_SOCKET: 0x4,
  WSK_FLAG_STREAM_SOCKET: 0x8,
  WSK_FLAG_WAITALL: 0x2,
  WSK_FLAG_DRAIN: 0x4,
  WSK_FLAG_NODELAY: 0x2,
  WSK_FLAG_ABORTIVE: 0x1,
  WSK_EVENT_RECEIVE_FROM: 0x100,
  WSK_EVENT_ACCEPT: 0x200,
  WSK_EVENT_SEND_BACKLOG: 0x10,
  WSK_EVENT_RECEIVE: 0x40,
  WSK_EVENT_DISCONNECT: 0x80,
  WSK_EVENT_DISABLE: 0x80000000,
  SO_WSK_EVENT_CALLBACK: 0x4002,
  SIO_WSK_SET_REMOTE_ADDRESS: 0x8f000001,
  SIO_WSK_SET_SENDTO_ADDRESS: 0x8f000006,
  SIO_WSK_QUERY_IDEAL_SEND_BACKLOG: 0x4f000003,
  WskSetOption: 0,
  WskGetOption: 1,
  WskIoctl: 2,
  WSK_INFINITE_WAIT: 0xffffffff,
  MSG_PEEK: 0x2,
  MSG_OOB: 0x1,
  MSG_TRUNC: 0x100,
  MSG_PARTIAL: 0x8000,
  AF_INET: 2,
  AF_INET6: 23,
  SOCK_STREAM: 1,
  SOCK_DGRAM: 2,
  IPPROTO_TCP: 6,
  IPPROTO_UDP: 17,
  SOL_SOCKET: 0xffff,
  SO_RCVBUF: 0x1002,
  SOCKET_ERROR: -1,
  WSA_IO_PENDING: 997,
  WSA_OPERATION_ABORTED: 995,
  WSAEFAULT: 10014,
  WSAEINVAL: 10022,
  WSAEWOULDBLOCK: 10035,
  WSAEMSGSIZE: 10040,
  WSAEOPNOTSUPP: 10045,
  WSAECONNRESET: 10054,
  WSAEISCONN: 10056,
  WSAESHUTDOWN: 10058,
};

describe("header constants", () => {
  it.each(Object.entries(EXPECTED))("%s = %i", (name, value) => {
    expect((core as Record<string, unknown>)[name]).toBe(value);
  });

  it("builds the WSK IOCTLs from IOC_WSK as _WSAIOW / _WSAIOR do", () => {
    const IOC_WSK = 0x0f000000;
    const IOC_IN = 0x80000000;
    const IOC_OUT = 0x40000000;
    expect(core.SIO_WSK_SET_REMOTE_ADDRESS).toBe((IOC_IN | IOC_WSK | 1) >>> 0);
    expect(core.SIO_WSK_SET_SENDTO_ADDRESS).toBe((IOC_IN | IOC_WSK | 6) >>> 0);
    expect(core.SIO_WSK_QUERY_RECEIVE_BACKLOG).toBe((IOC_OUT | IOC_WSK | 4) >>> 0);
  });
});
