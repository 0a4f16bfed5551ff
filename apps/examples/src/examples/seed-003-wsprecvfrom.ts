// Seed 003, the Winsock provider's WSPRecvFrom, on a wskit datagram socket: two scatter buffers
// filled in order with no holes, MSG_PEEK that leaves the datagram queued, a datagram larger than
// the buffers (first part delivered, rest discarded, WSAEMSGSIZE), an lpFrom too small (WSAEFAULT,
// nothing lost), and an overlapped call whose completion routine runs once, after the call returned.
import { createSocket } from "node:dgram";
import { AF_INET, MSG_PEEK, ref, runIrp, SOCKET_ERROR, SockAddr, WSA_IO_PENDING, WSAEFAULT, WSAEMSGSIZE } from "@wskit/core";
import { getDatagramCounters, newOverlapped, openDatagramSocket, WSPRecvFrom, type WSABUF } from "@wskit/dgram";
import { check } from "../check.js";

await using socket = await openDatagramSocket({ address: "127.0.0.1:0" });
const local = new SockAddr(AF_INET);
await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, local, irp));
const peer = createSocket("udp4");
await new Promise<void>((resolve) => peer.bind(0, "127.0.0.1", resolve));
const send = (text: string) => new Promise<void>((resolve) => peer.send(text, local.port, local.address, () => resolve()));
const waitQueued = async (count: number) => {
  while (getDatagramCounters(socket).queued < count) await new Promise((resolve) => setImmediate(resolve));
};
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

// lpBuffers: two WSABUFs of 4 and 8 bytes.
const first = new Uint8Array(4);
const second = new Uint8Array(8);
const lpBuffers: WSABUF[] = [
  { len: 4, buf: first },
  { len: 8, buf: second },
];
const lpNumberOfBytesRecvd = ref(0);
const lpFlags = ref(0);
const lpFrom = new SockAddr(AF_INET);
const lpFromlen = ref(16);
const lpErrno = ref(0);

await send("scattered!");
await waitQueued(1);
lpFlags.value = MSG_PEEK;
const peeked = WSPRecvFrom(socket, lpBuffers, 2, lpNumberOfBytesRecvd, lpFlags, lpFrom, lpFromlen, null, null, null, lpErrno);
console.log(`MSG_PEEK: returned ${peeked}, ${lpNumberOfBytesRecvd.value} bytes "${decode(first)}" + "${decode(second.subarray(0, 6))}", still queued: ${getDatagramCounters(socket).queued}`);
check(peeked === 0 && lpNumberOfBytesRecvd.value === 10 && getDatagramCounters(socket).queued === 1, "MSG_PEEK copies without removing");

lpFlags.value = 0;
const taken = WSPRecvFrom(socket, lpBuffers, 2, lpNumberOfBytesRecvd, lpFlags, lpFrom, lpFromlen, null, null, null, lpErrno);
console.log(`receive: returned ${taken}, ${lpNumberOfBytesRecvd.value} bytes, from ${lpFrom} (lpFromlen ${lpFromlen.value})`);
check(taken === 0 && decode(first) + decode(second.subarray(0, 6)) === "scattered!", "two buffers filled in order, no holes");
check(lpFrom.port === (peer.address().port as number), "lpFrom holds the sender");

await send("a datagram longer than twelve bytes");
await waitQueued(1);
const truncated = WSPRecvFrom(socket, lpBuffers, 2, lpNumberOfBytesRecvd, lpFlags, lpFrom, lpFromlen, null, null, null, lpErrno);
console.log(`too long: returned ${truncated}, lpErrno ${lpErrno.value} (WSAEMSGSIZE), first ${lpNumberOfBytesRecvd.value} bytes kept: "${decode(first)}${decode(second)}"`);
const [truncError, truncBytes]: number[] = [lpErrno.value, lpNumberOfBytesRecvd.value];
check(truncated === SOCKET_ERROR && truncError === WSAEMSGSIZE && truncBytes === 12, "truncation: WSAEMSGSIZE, rest discarded");

await send("kept");
await waitQueued(1);
const shortFrom = ref(8);
const fault = WSPRecvFrom(socket, lpBuffers, 2, lpNumberOfBytesRecvd, lpFlags, lpFrom, shortFrom, null, null, null, lpErrno);
console.log(`lpFromlen 8: returned ${fault}, lpErrno ${lpErrno.value} (WSAEFAULT); the datagram is still queued: ${getDatagramCounters(socket).queued}`);
const faultError: number = lpErrno.value;
check(fault === SOCKET_ERROR && faultError === WSAEFAULT && getDatagramCounters(socket).queued === 1, "a short lpFrom loses nothing");
WSPRecvFrom(socket, lpBuffers, 2, lpNumberOfBytesRecvd, lpFlags, lpFrom, lpFromlen, null, null, null, lpErrno);

// Overlapped: nothing waiting, so SOCKET_ERROR + WSA_IO_PENDING; the routine runs when one arrives.
const completions: Array<[number, number, number]> = [];
let insideCall = true;
const pending = WSPRecvFrom(socket, lpBuffers, 2, lpNumberOfBytesRecvd, lpFlags, lpFrom, lpFromlen, newOverlapped(), (dwError, cbTransferred, dwFlags) => {
  check(!insideCall, "the completion routine never runs inside the call");
  completions.push([dwError, cbTransferred, dwFlags]);
}, null, lpErrno);
insideCall = false;
console.log(`overlapped: returned ${pending}, lpErrno ${lpErrno.value} (WSA_IO_PENDING)`);
await send("late");
while (completions.length === 0) await new Promise((resolve) => setImmediate(resolve));
console.log(`completion routine: dwError ${completions[0]?.[0]}, cbTransferred ${completions[0]?.[1]}, "${decode(first)}"`);
const pendingError: number = lpErrno.value;
check(pending === SOCKET_ERROR && pendingError === WSA_IO_PENDING, "overlapped returns WSA_IO_PENDING");
check(completions.length === 1 && completions[0]?.[0] === 0 && completions[0]?.[1] === 4, "the routine ran once with the result");
peer.close();
