// Runs every example in sequence, each in its own process with a short header, and fails if any
// fails. This is the README's demo command.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const EXAMPLES: ReadonlyArray<{ file: string; title: string }> = [
  { file: "tour.ts", title: "A tour of @wskit/core and @wskit/dgram" },
  { file: "seed-002-send-datagram.ts", title: "Seed 002: SendDatagram / SendDatagramComplete (WskSendTo)" },
  { file: "seed-000-receive-datagram.ts", title: "Seed 000: ReceiveDatagram / ReceiveDatagramComplete, and the WskReceiveFromEvent list walk" },
  { file: "seed-003-wsprecvfrom.ts", title: "Seed 003: WSPRecvFrom with two scatter buffers, MSG_PEEK, truncation, a short lpFrom, overlapped I/O" },
  { file: "udp-echo.ts", title: "A UDP echo server and client with openDatagramSocket / datagrams() / sendTo / receiveFrom" },
  { file: "rx-metrics-aggregator.ts", title: "@wskit/rx: a live UDP metrics aggregator (statsd lines, 200 ms windows, retention across async work, wskSendTo)" },
  { file: "prometheus-exporter.ts", title: "Operations: wskit's counters on a Prometheus /metrics endpoint (prom-client), scraped during a blast into a slow consumer" },
  { file: "reliable-udp-test-network.ts", title: "@wskit/testing: a reliable request/response protocol over UDP, proved under 20 % loss, reordering and duplication on the virtual clock" },
  { file: "length-prefixed-protocol.ts", title: "Seed 001: a length-prefixed protocol framed with WSK_FLAG_WAITALL, WSK_FLAG_DRAIN after an error" },
];

const failed: string[] = [];
for (const { file, title } of EXAMPLES) {
  console.log(`\n━━ ${title} (${file}) ━━`);
  const path = fileURLToPath(new URL(`./examples/${file}`, import.meta.url));
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", path], { stdio: "inherit", timeout: 60_000 });
  const ms = Math.round(performance.now() - started);
  if (result.status === 0) {
    console.log(`✓ ${file} (${ms} ms)`);
  } else {
    console.log(`✗ ${file} exited with ${result.status ?? result.signal} (${ms} ms)`);
    failed.push(file);
  }
}

console.log(`\n${EXAMPLES.length - failed.length} of ${EXAMPLES.length} examples passed.`);
if (failed.length > 0) process.exit(1);
