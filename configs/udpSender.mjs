// The benchmarks' UDP sender (dgram's and rx's), in its own process: blasts datagrams of one size at a port for a while,
// keeping a bounded number of sends in flight.
import { createSocket } from "node:dgram";

const [port, host, size, seconds] = process.argv.slice(2);
const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
const payload = Buffer.alloc(Number(size), 7);
const end = Date.now() + Number(seconds) * 1000;
let inflight = 0;
const done = () => inflight--;

function pump() {
  for (let i = 0; i < 256 && inflight < 1024; i++) {
    inflight++;
    socket.send(payload, Number(port), host, done);
  }
  if (Date.now() < end) setImmediate(pump);
  else socket.close();
}
pump();
