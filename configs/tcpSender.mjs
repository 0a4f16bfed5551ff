// The benchmarks' TCP sender (stream's and rx's), in its own process: connects and writes as fast as TCP takes it, for a
// while. "bulk": 64 KiB writes. "frames": 100-byte messages, 655 to a write. "prefixed" / "prefixed1k":
// length-prefixed messages of 100 / 1,024 bytes in all (a 2-byte big-endian length, then the rest), ~64 KiB to a write.
import { connect } from "node:net";

const [port, mode, seconds] = process.argv.slice(2);
function prefixed(size) {
  const count = Math.floor((64 * 1024) / size);
  const buffer = Buffer.alloc(size * count, 1);
  for (let i = 0; i < count; i++) buffer.writeUInt16BE(size - 2, i * size);
  return buffer;
}
const payload =
  mode === "frames" ? Buffer.alloc(100 * 655, 1) : mode === "prefixed" ? prefixed(100) : mode === "prefixed1k" ? prefixed(1024) : Buffer.alloc(64 * 1024, 1);
const socket = connect(Number(port), "127.0.0.1");
const end = Date.now() + Number(seconds) * 1000;
socket.on("error", () => process.exit(0));
socket.on("connect", function pump() {
  while (Date.now() < end) {
    if (!socket.write(payload)) return void socket.once("drain", pump);
  }
  socket.end();
});
