// wskit's counters as Prometheus metrics, with prom-client. Sockets are found through wskit's
// diagnostics channels (wskit:socket:create / :close), so the application needs no change: every
// socket it opens is counted, and what a closed socket counted stays in the totals (a counter
// never goes down). Names follow Prometheus / OpenTelemetry conventions; labels are bounded (a
// category, a drop reason), never a socket.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { Counter, Gauge, type Registry } from "prom-client";
import { CHANNEL_SOCKET_CLOSE, CHANNEL_SOCKET_CREATE, type SocketCategory, type SocketCloseMessage, type SocketCreateMessage } from "@wskit/core";
import { getDatagramCounters, type DatagramCounters, type DatagramSocket } from "@wskit/dgram";
import { getStreamCounters, type StreamCounters } from "@wskit/stream";

const DROP_REASONS = {
  queueFull: "droppedQueueFull",
  retentionLimit: "droppedRetentionLimit",
  notFromRemote: "droppedNotFromRemote",
  shutdown: "droppedShutdown",
  noBuffer: "droppedNoBuffer",
  closed: "droppedClosed",
} as const satisfies Record<string, keyof DatagramCounters>;

/** What one scrape reads: the totals over every socket, open or closed. */
export interface WskitTotals {
  socketsOpen: Map<SocketCategory, number>;
  datagramsReceived: number;
  datagramsSent: number;
  datagramsQueued: number;
  datagramsRetained: number;
  dropped: Map<string, number>;
  connectionsActive: number;
  connectionsAccepted: number;
  connectionsRefused: number;
  bytesReceived: number;
  bytesSent: number;
  pauses: number;
}

/** Metrics for `registry`; `close()` stops following sockets. */
export function registerWskitMetrics(registry: Registry): { totals(): WskitTotals; close(): void } {
  const open = new Map<object, SocketCategory>();
  const closed = { datagramsReceived: 0, datagramsSent: 0, dropped: new Map<string, number>(), connectionsAccepted: 0, connectionsRefused: 0, bytesReceived: 0, bytesSent: 0, pauses: 0 };
  const onCreate = (message: unknown) => {
    const { socket, category } = message as SocketCreateMessage;
    open.set(socket, category);
  };
  const onClose = (message: unknown) => {
    const { socket, counters } = message as SocketCloseMessage;
    const category = open.get(socket);
    open.delete(socket);
    if (counters === null || category === undefined) return;
    if (category === "datagram") addDatagram(closed, counters as DatagramCounters);
    else addStream(closed, counters as StreamCounters);
  };
  subscribe(CHANNEL_SOCKET_CREATE, onCreate);
  subscribe(CHANNEL_SOCKET_CLOSE, onClose);

  // One reading per scrape, shared by every metric (the counters of each socket read once).
  let cached: { at: number; totals: WskitTotals } | null = null;
  const totals = (): WskitTotals => {
    const now = performance.now();
    if (cached !== null && now - cached.at < 50) return cached.totals;
    const sum: WskitTotals = {
      socketsOpen: new Map(),
      datagramsReceived: closed.datagramsReceived,
      datagramsSent: closed.datagramsSent,
      datagramsQueued: 0,
      datagramsRetained: 0,
      dropped: new Map(closed.dropped),
      connectionsActive: 0,
      connectionsAccepted: closed.connectionsAccepted,
      connectionsRefused: closed.connectionsRefused,
      bytesReceived: closed.bytesReceived,
      bytesSent: closed.bytesSent,
      pauses: closed.pauses,
    };
    for (const [socket, category] of open) {
      sum.socketsOpen.set(category, (sum.socketsOpen.get(category) ?? 0) + 1);
      if (category === "datagram") {
        const counters = getDatagramCounters(socket as DatagramSocket);
        addDatagram(sum, counters);
        sum.datagramsQueued += counters.queued;
        sum.datagramsRetained += counters.retained;
      } else {
        addStream(sum, getStreamCounters(socket));
        if (category === "connection" || category === "stream") sum.connectionsActive++;
      }
    }
    cached = { at: now, totals: sum };
    return sum;
  };

  const counter = (name: string, help: string, read: (t: WskitTotals) => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read(totals()));
      },
    });
  const gauge = (name: string, help: string, read: (t: WskitTotals) => number) =>
    new Gauge({ name, help, registers: [registry], collect() { this.set(read(totals())); } });

  counter("wskit_datagrams_received_total", "Datagrams the OS handed to wskit sockets.", (t) => t.datagramsReceived);
  counter("wskit_datagrams_sent_total", "Datagrams wskit sockets handed to the OS.", (t) => t.datagramsSent);
  new Counter({
    name: "wskit_datagrams_dropped_total",
    help: "Datagrams dropped, by reason (the kernel's own drops as reason kernel).",
    labelNames: ["reason"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [reason, count] of totals().dropped) this.inc({ reason }, count);
    },
  });
  gauge("wskit_datagrams_queued", "Datagrams waiting for a receive or the event callback.", (t) => t.datagramsQueued);
  gauge("wskit_datagram_indications_retained", "Datagram indications the client holds (STATUS_PENDING) now.", (t) => t.datagramsRetained);
  new Gauge({
    name: "wskit_sockets_open",
    help: "wskit sockets open, by category.",
    labelNames: ["category"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [category, count] of totals().socketsOpen) this.set({ category }, count);
    },
  });
  gauge("wskit_connections_active", "Connection sockets open.", (t) => t.connectionsActive);
  counter("wskit_connections_accepted_total", "Connections accepted by listening sockets.", (t) => t.connectionsAccepted);
  counter("wskit_connections_refused_total", "Connections closed unaccepted (accept backlog full, or refused by WskAcceptEvent).", (t) => t.connectionsRefused);
  counter("wskit_stream_received_bytes_total", "Bytes read from connection peers.", (t) => t.bytesReceived);
  counter("wskit_stream_sent_bytes_total", "Bytes sent on connections.", (t) => t.bytesSent);
  counter("wskit_connection_flow_control_pauses_total", "Times reading a connection paused because its buffered bytes reached their bound.", (t) => t.pauses);

  return {
    totals,
    close() {
      unsubscribe(CHANNEL_SOCKET_CREATE, onCreate);
      unsubscribe(CHANNEL_SOCKET_CLOSE, onClose);
    },
  };
}

type Sums = Pick<WskitTotals, "datagramsReceived" | "datagramsSent" | "dropped" | "connectionsAccepted" | "connectionsRefused" | "bytesReceived" | "bytesSent" | "pauses">;

function addDatagram(sum: Sums, counters: Readonly<DatagramCounters>): void {
  sum.datagramsReceived += counters.received;
  sum.datagramsSent += counters.sent;
  for (const [reason, field] of Object.entries(DROP_REASONS)) sum.dropped.set(reason, (sum.dropped.get(reason) ?? 0) + (counters[field] as number));
  sum.dropped.set("kernel", (sum.dropped.get("kernel") ?? 0) + (counters.droppedKernel ?? 0));
}

function addStream(sum: Sums, counters: Readonly<StreamCounters>): void {
  sum.bytesReceived += counters.bytesReceived;
  sum.bytesSent += counters.bytesSent;
  sum.connectionsAccepted += counters.connectionsAccepted;
  sum.connectionsRefused += counters.connectionsRefused;
  sum.pauses += counters.pausedByFlowControl;
}
