// Seed 002, "Sending Data over a Datagram Socket", ported line by line: SendDatagram allocates an
// IRP, sets SendDatagramComplete as its completion routine with the datagram buffer as context, and
// calls Dispatch->WskSendTo. The routine checks IoStatus, reads the byte count, frees the IRP and
// returns STATUS_MORE_PROCESSING_REQUIRED. A node:dgram peer on loopback receives the datagram.
import { createSocket } from "node:dgram";
import {
  AF_INET,
  createWskBuf,
  IoAllocateIrp,
  IoFreeIrp,
  IoSetCompletionRoutine,
  IPPROTO_UDP,
  registerWskClient,
  runIrp,
  SOCK_DGRAM,
  SockAddr,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_FLAG_DATAGRAM_SOCKET,
  ntStatusName,
  type DEVICE_OBJECT,
  type IRP,
  type NTSTATUS,
  type PWSK_BUF,
} from "@wskit/core";
import type { DatagramSocket, WSK_PROVIDER_DATAGRAM_DISPATCH } from "@wskit/dgram";
import { check } from "../check.js";

const sent: Array<{ status: string; byteCount: number; sameBuffer: boolean }> = [];
// The datagram the program sends; the completion routine gets it back as its Context.
const datagramBufferSent: PWSK_BUF = createWskBuf(new TextEncoder().encode("datagram from SendDatagram"));

// Function to send a datagram
function SendDatagram(Socket: DatagramSocket, DatagramBuffer: PWSK_BUF, RemoteAddress: SockAddr): NTSTATUS {
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
    SendDatagramComplete,
    DatagramBuffer, // Use the datagram buffer for the context
    true,
    true,
    true,
  );

  // Initiate the send operation on the socket
  const Status = Dispatch.WskSendTo(
    Socket,
    DatagramBuffer,
    0, // No flags
    RemoteAddress,
    0,
    null, // No associated control info
    Irp,
  );

  // Return the status of the call to WskSendTo()
  return Status;
}

// Send datagram IoCompletion routine
function SendDatagramComplete(DeviceObject: DEVICE_OBJECT, Irp: IRP, Context: PWSK_BUF): NTSTATUS {
  void DeviceObject; // UNREFERENCED_PARAMETER

  // Check the result of the send operation
  if (Irp.IoStatus.Status === STATUS_SUCCESS) {
    // Get the pointer to the datagram buffer
    const DatagramBuffer = Context;

    // Get the number of bytes sent
    const ByteCount = Irp.IoStatus.Information as number;

    // Re-use or free the datagram buffer
    sent.push({ status: ntStatusName(Irp.IoStatus.Status), byteCount: ByteCount, sameBuffer: DatagramBuffer === datagramBufferSent });
  }

  // Error status
  else {
    // Handle error
    sent.push({ status: ntStatusName(Irp.IoStatus.Status), byteCount: 0, sameBuffer: false });
  }

  // Free the IRP
  IoFreeIrp(Irp);

  // Always return STATUS_MORE_PROCESSING_REQUIRED to
  // terminate the completion processing of the IRP.
  return STATUS_MORE_PROCESSING_REQUIRED;
}

// The program around the page's code: a client, a bound datagram socket, a peer to receive.
await using wsk = registerWskClient();
const { Client, Dispatch } = wsk.npi;
const created = await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET, null, null, null, null, null, irp));
await using socket = created.Information as DatagramSocket;
await runIrp((irp) => socket.Dispatch.WskBind(socket, SockAddr.loopback(AF_INET, 0), 0, irp));

const peer = createSocket("udp4");
await new Promise<void>((resolve) => peer.bind(0, "127.0.0.1", resolve));
const arrived = new Promise<Buffer>((resolve) => peer.once("message", resolve));
const RemoteAddress = SockAddr.fromAddressInfo(peer.address());

const status = SendDatagram(socket, datagramBufferSent, RemoteAddress);
console.log(`SendDatagram returned ${ntStatusName(status)}`);
const payload = await arrived;
console.log(`peer ${RemoteAddress} received ${payload.byteLength} bytes: "${payload.toString()}"`);
console.log(`SendDatagramComplete saw ${JSON.stringify(sent)}`);
peer.close();

check(status === STATUS_PENDING, "WskSendTo returns STATUS_PENDING");
check(sent.length === 1 && sent[0]?.status === "STATUS_SUCCESS", "the completion routine ran once with STATUS_SUCCESS");
check(sent[0]?.byteCount === 26 && sent[0]?.sameBuffer === true, "Information is the bytes sent; Context is the datagram buffer");
check(payload.toString() === "datagram from SendDatagram", "the peer got the datagram");
