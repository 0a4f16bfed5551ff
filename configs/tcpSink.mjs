// The benchmarks' TCP sink, in its own process: listens on 127.0.0.1, reads and discards whatever
// a connection sends, and prints its port on stdout first. Ends when its parent does.
import { createServer } from "node:net";

const server = createServer((socket) => {
  socket.on("data", () => {});
  socket.on("error", () => {});
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
process.on("disconnect", () => process.exit(0));
