// @wskit/testing: a small reliable request/response protocol over UDP, proved on a bad network.
// Each request carries a sequence number; the client keeps 8 in flight and retransmits one that
// is not answered within 40 ms (on the network's clock); the server runs each request once,
// caches its reply, and answers a retransmission or a duplicate from the cache; the client takes
// the first reply of each sequence number and ignores the rest. The network drops 20 %, reorders
// and duplicates 10 %, and delays 5 ± 3 ms, on the virtual clock: seconds of traffic in milliseconds,
// the same every run (seed 7).
import { datagrams, openDatagramSocket, sendTo } from "@wskit/dgram";
import { createTestNetwork, type TestTimer } from "@wskit/testing";
import { check } from "../check.js";

const REQUESTS = 200;
const WINDOW = 8;
const RETRANSMIT_MS = 40;

await using network = createTestNetwork({ seed: 7, clock: "virtual" });
network.impair({ loss: 0.2, reorder: 0.1, duplicate: 0.1, delay: 5, jitter: 3 });

const encode = (sequence: number, text: string) => {
  const body = new TextEncoder().encode(text);
  const bytes = new Uint8Array(4 + body.length);
  new DataView(bytes.buffer).setUint32(0, sequence);
  bytes.set(body, 4);
  return bytes;
};
const decode = (bytes: Uint8Array) => ({ sequence: new DataView(bytes.buffer, bytes.byteOffset).getUint32(0), text: new TextDecoder().decode(bytes.subarray(4)) });

// The server: each request handled exactly once, its reply cached for retransmissions.
await using server = await openDatagramSocket({ network, address: "127.0.0.1:5000" });
const handled = new Map<number, number>();
const replies = new Map<number, Uint8Array>();
const stop = new AbortController();
const serving = (async () => {
  try {
    for await (const { bytes, remote } of datagrams(server, { signal: stop.signal })) {
      const { sequence, text } = decode(bytes);
      let reply = replies.get(sequence);
      if (reply === undefined) {
        handled.set(sequence, (handled.get(sequence) ?? 0) + 1);
        reply = encode(sequence, text.toUpperCase());
        replies.set(sequence, reply);
      }
      await sendTo(server, reply, remote);
    }
  } catch (error) {
    if (error !== stop.signal.reason) throw error;
  }
})();

// The client: a window of requests, a retransmit timer each, the first reply of each kept.
await using client = await openDatagramSocket({ network });
const answers = new Map<number, string>();
const timers = new Map<number, TestTimer>();
let next = 0;
let retransmissions = 0;
let duplicateReplies = 0;
const send = (sequence: number) => {
  void sendTo(client, encode(sequence, `request ${sequence}`), server.localAddress!);
  timers.set(sequence, network.setTimeout(() => {
    retransmissions++;
    send(sequence);
  }, RETRANSMIT_MS));
};
const fill = () => {
  while (next < REQUESTS && timers.size < WINDOW) send(next++);
};
const receiving = (async () => {
  try {
    for await (const { bytes } of datagrams(client, { signal: stop.signal })) {
      const { sequence, text } = decode(bytes);
      if (answers.has(sequence)) {
        duplicateReplies++;
        continue;
      }
      answers.set(sequence, text);
      network.clearTimeout(timers.get(sequence));
      timers.delete(sequence);
      fill();
    }
  } catch (error) {
    if (error !== stop.signal.reason) throw error;
  }
})();

fill();
const took = await network.runUntilIdle();
stop.abort();
await Promise.all([serving, receiving]);

const counters = network.counters();
console.log(`${REQUESTS} requests answered in ${took.toFixed(1)} ms of virtual time: ${retransmissions} retransmissions, ${duplicateReplies} duplicate replies ignored`);
console.log(`network: sent ${counters.sent}, delivered ${counters.delivered}, lost ${counters.dropped.loss}, duplicated ${counters.duplicated}, reordered ${counters.reordered}`);
check(answers.size === REQUESTS, "every request is answered");
check([...answers].every(([sequence, text]) => text === `REQUEST ${sequence}`), "each answer is its own request's");
check(handled.size === REQUESTS && [...handled.values()].every((times) => times === 1), "the server runs each request exactly once");
check(counters.dropped.loss > 0 && counters.duplicated > 0 && counters.reordered > 0 && retransmissions > 0, "the network did lose, duplicate and reorder");
