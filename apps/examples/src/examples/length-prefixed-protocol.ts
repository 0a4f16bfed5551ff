// The WskReceive page's rules at work: a length-prefixed protocol over TCP on loopback. The server
// frames each message with two WSK_FLAG_WAITALL receives (a 4-byte big-endian length, then exactly
// that many bytes), and on a protocol error (a length over the limit) switches to WSK_FLAG_DRAIN to
// discard whatever the peer still sends until it closes. The client is a plain node:net socket.
import { connect } from "node:net";
import {
  AF_INET,
  createWskBuf,
  IPPROTO_TCP,
  ntStatusName,
  registerWskClient,
  runIrp,
  SOCK_STREAM,
  SockAddr,
  STATUS_SUCCESS,
  WSK_FLAG_DRAIN,
  WSK_FLAG_LISTEN_SOCKET,
  WSK_FLAG_WAITALL,
} from "@wskit/core";
import type { ConnectionSocket, ListenSocket } from "@wskit/stream";
import { check } from "../check.js";

const MAX_MESSAGE = 1024;

await using wsk = registerWskClient();
const { Client, Dispatch } = wsk.npi;
const made = await runIrp((irp) => Dispatch.WskSocket(Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET, null, null, null, null, null, irp));
await using listener = made.Information as ListenSocket;
await runIrp((irp) => listener.Dispatch.WskBind(listener, SockAddr.loopback(AF_INET, 0), 0, irp));
const address = new SockAddr();
await runIrp((irp) => listener.Dispatch.WskGetLocalAddress(listener, address, irp));

// The client: three good frames, in many small writes, then a frame whose length is a lie.
const frame = (text: string) => {
  const body = Buffer.from(text);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.byteLength);
  return Buffer.concat([header, body]);
};
const client = connect(address.port, address.address, () => {
  const stream = Buffer.concat([frame("hello"), frame("length-prefixed"), frame("world!")]);
  for (let i = 0; i < stream.byteLength; i += 3) client.write(stream.subarray(i, i + 3));
  const bogus = Buffer.alloc(4);
  bogus.writeUInt32BE(0x7fffffff);
  client.write(bogus);
  client.end(Buffer.alloc(200_000, 0xab)); // junk the server must not keep
});

const accepted = await runIrp((irp) => listener.Dispatch.WskAccept(listener, 0, null, null, null, null, irp));
await using connection = accepted.Information as ConnectionSocket;

const header = new Uint8Array(4);
const body = new Uint8Array(MAX_MESSAGE);
const messages: string[] = [];
let protocolError = "";
let drained = "";
for (;;) {
  // WAITALL: the IRP completes only with all 4 bytes, or at the peer's graceful close.
  const head = await runIrp((irp) => connection.Dispatch.WskReceive(connection, createWskBuf(header), WSK_FLAG_WAITALL, irp));
  if (head.Status !== STATUS_SUCCESS || head.Information === 0) break;
  const length = new DataView(header.buffer).getUint32(0);
  if (length > MAX_MESSAGE) {
    protocolError = `length ${length} > ${MAX_MESSAGE}`;
    // DRAIN: Length 0; everything received is discarded until the peer closes.
    const drain = await runIrp((irp) => connection.Dispatch.WskReceive(connection, { Mdl: null, Offset: 0, Length: 0 }, WSK_FLAG_DRAIN, irp));
    drained = `${ntStatusName(drain.Status)}, ${drain.Information as number} bytes kept`;
    break;
  }
  const message = await runIrp((irp) => connection.Dispatch.WskReceive(connection, createWskBuf(body, 0, length), WSK_FLAG_WAITALL, irp));
  check(message.Status === STATUS_SUCCESS && message.Information === length, "a WAITALL receive fills its buffer exactly");
  messages.push(new TextDecoder().decode(body.subarray(0, length)));
}

console.log(`framed ${messages.length} messages: ${messages.map((m) => JSON.stringify(m)).join(", ")}`);
console.log(`protocol error: ${protocolError}; WSK_FLAG_DRAIN completed with ${drained} when the client closed`);
client.destroy();

check(messages.join("|") === "hello|length-prefixed|world!", "the three messages arrive whole, in order, from 3-byte writes");
check(protocolError !== "", "the bad length is caught");
check(drained === "STATUS_SUCCESS, 0 bytes kept", "DRAIN discards the rest and completes at the peer's close");
