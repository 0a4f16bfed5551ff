// Seed 000, "Receiving Data over a Datagram Socket", ported line by line, both ways it shows:
// 1. ReceiveDatagram / ReceiveDatagramComplete: an IRP and completion routine with WskReceiveFrom;
// 2. the WskReceiveFromEvent callback walking the WSK_DATAGRAM_INDICATION list, here keeping the list
//    with STATUS_PENDING and giving it back later with WskRelease, as the page's last paragraph says.
import { createSocket } from "node:dgram";
import {
  AF_INET,
  createWskBuf,
  IoAllocateIrp,
  IoFreeIrp,
  IoSetCompletionRoutine,
  IPPROTO_UDP,
  ntStatusName,
  registerWskClient,
  runIrp,
  SO_WSK_EVENT_CALLBACK,
  SOCK_DGRAM,
  SockAddr,
  SOL_SOCKET,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_RECEIVE_FROM,
  WSK_FLAG_DATAGRAM_SOCKET,
  WskSetOption,
  type DEVICE_OBJECT,
  type IRP,
  type NTSTATUS,
  type PWSK_BUF,
} from "@wskit/core";
import type { DatagramSocket, PWSK_DATAGRAM_INDICATION, WSK_PROVIDER_DATAGRAM_DISPATCH } from "@wskit/dgram";
import { check } from "../check.js";

const completions: Array<{ status: string; byteCount: number; text: string }> = [];

// Function to receive a datagram
function ReceiveDatagram(Socket: DatagramSocket, DatagramBuffer: PWSK_BUF): NTSTATUS {
  // Get pointer to the provider dispatch structure
  const Dispatch = Socket.Dispatch as WSK_PROVIDER_DATAGRAM_DISPATCH;

  // Allocate an IRP
  const Irp = IoAllocateIrp(1, false);

  // Check result
  if (!Irp) {
    // Return error
    return STATUS_INSUFFICIENT_RESOURCES;
  }

  // Set the completion routine for the IRP
  IoSetCompletionRoutine(
    Irp,
    ReceiveDatagramComplete,
    DatagramBuffer, // Use the datagram buffer for the context
    true,
    true,
    true,
  );

  // Initiate the receive operation on the socket
  const Status = Dispatch.WskReceiveFrom(
    Socket,
    DatagramBuffer,
    0, // No flags are specified
    null, // Not interested in the remote address
    null, // Not interested in any associated control information
    null,
    null,
    Irp,
  );

  // Return the status of the call to WskReceiveFrom()
  return Status;
}

// Receive datagram IoCompletion routine
function ReceiveDatagramComplete(DeviceObject: DEVICE_OBJECT, Irp: IRP, Context: PWSK_BUF): NTSTATUS {
  void DeviceObject; // UNREFERENCED_PARAMETER

  // Check the result of the receive operation
  if (Irp.IoStatus.Status === STATUS_SUCCESS) {
    // Get the pointer to the data buffer
    const DataBuffer = Context;

    // Get the number of bytes received
    const ByteCount = Irp.IoStatus.Information as number;

    // Process the received datagram
    const bytes = (DataBuffer.Mdl?.MappedSystemVa ?? new Uint8Array(0)).subarray(DataBuffer.Offset, DataBuffer.Offset + ByteCount);
    completions.push({ status: "STATUS_SUCCESS", byteCount: ByteCount, text: new TextDecoder().decode(bytes) });
  }

  // Error status
  else {
    // Handle error
    completions.push({ status: ntStatusName(Irp.IoStatus.Status), byteCount: 0, text: "" });
  }

  // Free the IRP
  IoFreeIrp(Irp);

  // Always return STATUS_MORE_PROCESSING_REQUIRED to
  // terminate the completion processing of the IRP.
  return STATUS_MORE_PROCESSING_REQUIRED;
}

// The datagrams the event callback walked, and the lists it kept for a later WskRelease.
const indicated: string[] = [];
const retainedLists: PWSK_DATAGRAM_INDICATION[] = [];
let nullListSeen = false;

// A datagram socket's WskReceiveFromEvent
// event callback function
function WskReceiveFromEvent(SocketContext: unknown, Flags: number, DataIndication: PWSK_DATAGRAM_INDICATION | null): NTSTATUS {
  void SocketContext;
  void Flags;
  // Check for a valid data indication
  if (DataIndication !== null) {
    const head = DataIndication;
    // Loop through the list of data indication structures
    while (DataIndication !== null) {
      // Process the data in the data indication structure
      indicated.push(`${new TextDecoder().decode(DataIndication.bytes)} from ${DataIndication.RemoteAddress}`);

      // Move to the next data indication structure
      DataIndication = DataIndication.Next;
    }

    // Keep the list for further processing: it goes back with WskRelease later.
    retainedLists.push(head);
    return STATUS_PENDING;
  }

  // Error
  else {
    // Close the socket
    nullListSeen = true;

    // Return success since no datagrams were indicated
    return STATUS_SUCCESS;
  }
}

// The program around the page's code.
await using wsk = registerWskClient();
const { Client, Dispatch } = wsk.npi;
const created = await runIrp((irp) =>
  Dispatch.WskSocket(Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, null, { WskReceiveFromEvent }, null, null, null, irp),
);
await using socket = created.Information as DatagramSocket;
await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(AF_INET, 0), 0, irp));
const local = new SockAddr();
await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, local, irp));

const peer = createSocket("udp4");
await new Promise<void>((resolve) => peer.bind(0, "127.0.0.1", resolve));
const peerAddress = SockAddr.fromAddressInfo(peer.address());
const send = (text: string) => new Promise<void>((resolve) => peer.send(text, local.port, local.address, () => resolve()));

// 1. The IRP way.
const DatagramBuffer = createWskBuf(new Uint8Array(64));
const status = ReceiveDatagram(socket, DatagramBuffer);
console.log(`ReceiveDatagram returned ${ntStatusName(status)}; sending one datagram to ${local}`);
await send("first, for ReceiveDatagram");
while (completions.length === 0) await new Promise((resolve) => setImmediate(resolve));
console.log(`ReceiveDatagramComplete saw ${JSON.stringify(completions[0])}`);

// 2. The event way: enable WskReceiveFromEvent, send three, keep the list, release it later.
socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
for (const text of ["one", "two", "three"]) await send(text);
while (indicated.length < 3) await new Promise((resolve) => setImmediate(resolve));
console.log(`WskReceiveFromEvent walked ${retainedLists.length} list(s): ${indicated.join("; ")}`);
// The kept buffers still hold their datagrams after the callback returned.
const keptText = retainedLists.flatMap((head) => {
  const out: string[] = [];
  for (let d: PWSK_DATAGRAM_INDICATION | null = head; d !== null; d = d.Next) out.push(new TextDecoder().decode(d.bytes));
  return out;
});
const released = retainedLists.map((head) => ntStatusName(socket.Dispatch.WskRelease(socket, head)));
const releasedTwice = ntStatusName(socket.Dispatch.WskRelease(socket, retainedLists[0] as PWSK_DATAGRAM_INDICATION));
console.log(`kept until now: ${keptText.join(", ")}; WskRelease → ${released.join(", ")}; a second WskRelease → ${releasedTwice}`);
peer.close();

check(status === STATUS_PENDING, "WskReceiveFrom returns STATUS_PENDING");
check(completions.length === 1 && completions[0]?.status === "STATUS_SUCCESS", "ReceiveDatagramComplete ran once with STATUS_SUCCESS");
check(completions[0]?.byteCount === 26 && completions[0]?.text === "first, for ReceiveDatagram", "Information is the datagram's length");
check(indicated.length === 3 && indicated.every((line) => line.endsWith(`from ${peerAddress}`)), "each indication names its sender");
check(keptText.join(",") === "one,two,three", "retained lists stay valid until WskRelease");
check(released.every((s) => s === "STATUS_SUCCESS") && releasedTwice === "STATUS_INVALID_PARAMETER", "WskRelease once, not twice");
check(!nullListSeen, "no null list while the socket works");
