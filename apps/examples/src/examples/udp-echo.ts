// A UDP echo server and client with @wskit/dgram's idiomatic helpers: the server iterates
// datagrams() and answers each with sendTo(); the client sends and awaits receiveFrom() with a
// timeout through an AbortSignal. Aborting the server's signal makes its iteration throw the
// signal's reason, as Node's events.on does. `await using` closes both sockets.
import { datagrams, openDatagramSocket, receiveFrom, sendTo } from "@wskit/dgram";
import { check } from "../check.js";

await using server = await openDatagramSocket({ address: "127.0.0.1:0" });
const serverAddress = server.localAddress!;
const stop = new AbortController();
const serving = (async () => {
  let answered = 0;
  try {
    for await (const { bytes, remote } of datagrams(server, { signal: stop.signal })) {
      await sendTo(server, `echo: ${new TextDecoder().decode(bytes)}`, remote);
      answered++;
    }
  } catch (error) {
    if (error !== stop.signal.reason) throw error; // our own stop ends the server; anything else is a failure
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
