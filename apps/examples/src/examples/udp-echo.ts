// A UDP echo server and client with @wskit/dgram's idiomatic helpers: the server iterates
// datagrams() and answers each with sendTo(); the client sends and awaits receiveFrom() with a
// timeout through an AbortSignal. `await using` closes both sockets.
import { SockAddr, runIrp } from "@wskit/core";
import { datagrams, openDatagramSocket, receiveFrom, sendTo } from "@wskit/dgram";
import { check } from "../check.js";

await using server = await openDatagramSocket({ address: "127.0.0.1:0" });
const serverAddress = new SockAddr();
await runIrp((irp) => server.Dispatch.WskGetLocalAddress(server, serverAddress, irp));
const stop = new AbortController();
const serving = (async () => {
  let answered = 0;
  for await (const { bytes, remote } of datagrams(server, { signal: stop.signal })) {
    await sendTo(server, `echo: ${new TextDecoder().decode(bytes)}`, remote);
    answered++;
  }
  return answered;
})();

await using client = await openDatagramSocket({ address: "127.0.0.1:0" });
const replies: string[] = [];
for (const word of ["one", "two", "three"]) {
  const reply = receiveFrom(client, { signal: AbortSignal.timeout(2000) });
  await sendTo(client, word, serverAddress);
  const { bytes, remote } = await reply;
  replies.push(new TextDecoder().decode(bytes));
  check(remote.equals(serverAddress), "the reply comes from the server");
}
stop.abort();
const answered = await serving;
console.log(`server at ${serverAddress} answered ${answered}: ${replies.join(" | ")}`);
check(replies.join("|") === "echo: one|echo: two|echo: three", "every datagram is echoed, in order");
