import { Observable } from "rxjs";
import { checkOptions, type IRP, type NTSTATUS, type Ref, type SockAddr, type WSK_PROVIDER_BASIC_DISPATCH, type WskBuf, type WskSocketObject } from "@wskit/core";
import type { DatagramIndication } from "./DatagramIndication";
import { checkCount, checkSocket } from "./internal/checkOption";
import { ReceiveLoop } from "./internal/ReceiveLoop";

/** A datagram socket, as {@link wskReceiveFrom} needs it: any socket whose dispatch has WskReceiveFrom. */
export interface ReceiveFromSource extends WskSocketObject {
  readonly Dispatch: WSK_PROVIDER_BASIC_DISPATCH & {
    /** Receives one datagram into the buffer, filling the sender's address. */
    WskReceiveFrom(
      socket: never,
      buffer: WskBuf,
      flags: number,
      remote: SockAddr | null,
      controlLength: Ref<number> | null,
      control: unknown,
      controlFlags: Ref<number> | null,
      irp: IRP,
    ): NTSTATUS;
  };
}

/** Options of {@link wskReceiveFrom}. */
export interface ReceiveFromLoopOptions {
  /** WskReceiveFrom IRPs kept posted (and datagrams retained at once, at most). Default 8. */
  depth?: number;
  /** Bytes per receive buffer; a longer datagram arrives truncated (the page's rule). Default 65,536. */
  bufferSize?: number;
}

/**
 * The datagrams of a socket as an Observable, from a loop of reposted WskReceiveFrom IRPs (pooled:
 * `depth` IRPs and buffers, allocated at subscribe and reused). Each datagram is emitted over its
 * IRP's buffer under the same ownership rule as {@link datagramIndications}: valid during `next`,
 * or until `release()` after `retain()`; a retained datagram keeps its IRP out of the loop, so at
 * most `depth` are retained and the rest wait in the socket's queue. Unsubscribing cancels every
 * pending IRP (IoCancelIrp); WskCloseSocket completes the Observable; a failed receive is an error.
 */
export function wskReceiveFrom(socket: ReceiveFromSource, options: ReceiveFromLoopOptions = {}): Observable<DatagramIndication> {
  checkOptions("wskReceiveFrom", options);
  checkSocket("wskReceiveFrom", socket, "WskReceiveFrom");
  const depth = checkCount("wskReceiveFrom", "depth", options.depth ?? 8);
  const bufferSize = checkCount("wskReceiveFrom", "bufferSize", options.bufferSize ?? 65_536);
  return new Observable<DatagramIndication>((subscriber) => {
    const loop = new ReceiveLoop(
      subscriber,
      (slot) => socket.Dispatch.WskReceiveFrom(socket as never, slot.buffer, 0, slot.remoteToFill(), null, null, null, slot.irp),
      { depth, bufferSize, datagrams: true, endOnEmpty: false },
    );
    loop.start();
    return () => loop.stop();
  });
}
