// `network.net`: node:net's createServer / connect / createConnection, with sockets and servers of
// the test network, for the plain other end of a test (a raw client of a WSK server under test, a
// raw server for a WSK client). Defaults as node:net's: no half-open, servers read at once.
import type { NetworkTcpServer } from "./NetworkTcpServer";
import type { NetworkTcpSocket } from "./NetworkTcpSocket";

/** The node:net calls a test's own peers make, on the network. */
export interface NetworkNet {
  /** As `net.createServer([options], [connectionListener])`. */
  createServer(options?: { allowHalfOpen?: boolean; pauseOnConnect?: boolean } | ((socket: NetworkTcpSocket) => void), connectionListener?: (socket: NetworkTcpSocket) => void): NetworkTcpServer;
  /** As `net.connect(port, [host], [listener])` or `net.connect({ port, host, localAddress, localPort, allowHalfOpen }, [listener])`. */
  connect(port: number | ConnectOptions, host?: string | (() => void), listener?: () => void): NetworkTcpSocket;
  /** The same as {@link NetworkNet.connect}. */
  createConnection(port: number | ConnectOptions, host?: string | (() => void), listener?: () => void): NetworkTcpSocket;
}

/** Where `network.net.connect` connects. */
export interface ConnectOptions {
  port: number;
  host?: string;
  localAddress?: string;
  localPort?: number;
  allowHalfOpen?: boolean;
}

export function netModule(makeServer: (options: { allowHalfOpen?: boolean; pauseOnConnect?: boolean }, listener?: (socket: NetworkTcpSocket) => void) => NetworkTcpServer, makeSocket: (options: { allowHalfOpen?: boolean }) => NetworkTcpSocket): NetworkNet {
  const connect = (port: number | ConnectOptions, host?: string | (() => void), listener?: () => void): NetworkTcpSocket => {
    const options: ConnectOptions = typeof port === "number" ? { port, ...(typeof host === "string" ? { host } : {}) } : port;
    const done = typeof host === "function" ? host : listener;
    const target = options.host ?? "127.0.0.1";
    const socket = makeSocket({ allowHalfOpen: options.allowHalfOpen === true });
    return socket.connect(
      {
        port: options.port,
        host: target === "localhost" ? "127.0.0.1" : target,
        family: target.includes(":") ? 6 : 4,
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
        ...(options.localPort === undefined ? {} : { localPort: options.localPort }),
      },
      done ?? (() => {}),
    );
  };
  return {
    createServer(options, connectionListener) {
      if (typeof options === "function") return makeServer({}, options);
      return makeServer(options ?? {}, connectionListener);
    },
    connect,
    createConnection: connect,
  };
}
