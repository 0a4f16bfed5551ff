// Verifier: a send buffer must not change while its IRP is pending. The provider registers the
// WSK_BUF when it takes the IRP; the completion compares the bytes with the copy taken then.
import { WskVerifierError } from "../errors";
import { gatherWskBuf } from "../gatherWskBuf";
import type { IRP } from "../wsk/IRP";
import type { WskBuf } from "../wsk/WskBuf";
import { reportViolation } from "./reportViolation";

const watched = new WeakMap<IRP, { buf: WskBuf; snapshot: Uint8Array }>();
export const watch = { count: 0 };

export function watchSendBuffer(irp: IRP, buf: WskBuf): void {
  if (!watched.has(irp)) watch.count++;
  watched.set(irp, { buf, snapshot: gatherWskBuf(buf) });
}

export function checkSendBuffer(irp: IRP): void {
  const entry = watched.get(irp);
  if (entry === undefined) return;
  watched.delete(irp);
  watch.count--;
  const now = gatherWskBuf(entry.buf);
  for (let i = 0; i < now.byteLength; i++) {
    if (now[i] !== entry.snapshot[i]) {
      reportViolation(new WskVerifierError("ERR_VERIFIER_SEND_BUFFER_MODIFIED", `byte ${i} of ${now.byteLength} changed`));
      return;
    }
  }
}
