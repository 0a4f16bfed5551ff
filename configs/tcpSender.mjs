// The benchmarks' TCP sender (stream's and rx's), in its own process: connects and writes as fast as TCP takes it, for a
// while. "bulk": 64 KiB writes. "frames": 100-byte messages, 655 to a write.
import { connect } from "node:net";

const [port, mode, seconds] = process.argv.slice(2);
const payload = mode === "frames" ? Buffer.alloc(100 * 655, 1) : Buffer.alloc(64 * 1024, 1);
const socket = connect(Number(port), "127.0.0.1");
const end = Date.now() + Number(seconds) * 1000;
socket.on("error", () => process.exit(0));
socket.on("connect", function pump() {
  while (Date.now() < end) {
    if (!socket.write(payload)) return void socket.once("drain", pump);
  }
  socket.end();
});
