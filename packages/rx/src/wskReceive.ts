import { Observable } from "rxjs";
import { checkOptions, type IRP, type NTSTATUS, type WSK_PROVIDER_BASIC_DISPATCH, type WskBuf, type WskSocketObject } from "@wskit/core";
import type { Indication } from "./Indication";
import { checkCount, checkSocket } from "./internal/checkOption";
import { ReceiveLoop } from "./internal/ReceiveLoop";

/** A connection socket, as {@link wskReceive} needs it: any socket whose dispatch has WskReceive. */
export interface ReceiveSource extends WskSocketObject {
  readonly Dispatch: WSK_PROVIDER_BASIC_DISPATCH & {
    /** Receives bytes into the buffer. */
    WskReceive(socket: never, buffer: WskBuf, flags: number, irp: IRP): NTSTATUS;
  };
}

/** Options of {@link wskReceive}. */
export interface ReceiveLoopOptions {
  /** WskReceive IRPs kept posted (they complete in order). Default 2. */
  depth?: number;
  /** Bytes per receive buffer. Default 65,536. */
  bufferSize?: number;
  /** WskReceive flags for every IRP: 0 (any data) or WSK_FLAG_WAITALL (exactly `bufferSize`). Default 0. */
  flags?: number;
}

/**
 * The bytes of a connection as an Observable of indications, from a loop of reposted WskReceive IRPs
 * (`depth` IRPs and buffers, allocated at subscribe and reused), in order. Same ownership rule as
 * {@link connectionIndications}; a retained indication keeps its IRP out of the loop, so the data
 * waits in the socket (and TCP pushes back) once `depth` are retained. Completes at the peer's
 * graceful close (a receive of 0 bytes) once every retained indication is released, or at
 * WskCloseSocket; a reset or failure is an error
 * (STATUS_CONNECTION_RESET, …). Unsubscribing cancels every pending IRP.
 */
export function wskReceive(socket: ReceiveSource, options: ReceiveLoopOptions = {}): Observable<Indication> {
  checkOptions("wskReceive", options);
  checkSocket("wskReceive", socket, "WskReceive");
  const depth = checkCount("wskReceive", "depth", options.depth ?? 2);
  const bufferSize = checkCount("wskReceive", "bufferSize", options.bufferSize ?? 65_536);
  const flags = options.flags ?? 0;
  return new Observable<Indication>((subscriber) => {
    const loop = new ReceiveLoop(subscriber, (slot) => socket.Dispatch.WskReceive(socket as never, slot.buffer, flags, slot.irp), {
      depth,
      bufferSize,
      datagrams: false,
      endOnEmpty: true,
    });
    loop.start();
    return () => loop.stop();
  });
}
