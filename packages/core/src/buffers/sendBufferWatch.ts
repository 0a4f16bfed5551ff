// Verifier: a send buffer must not change while its IRP is pending. The provider registers the
// WSK_BUF when it takes the IRP; the completion compares the bytes with the copy taken then.
import { WskVerifierError } from "../errors";
import { gatherWskBuf } from "./gatherWskBuf";
import type { WskBuf } from "./WskBuf";
import { reportViolation } from "../verifier/reportViolation";
import { HOOKS, verifierActive } from "../verifier/verifierState";

// Keyed by the IRP (any object here: buffers sit below IRPs in core's layers).
const watched = new WeakMap<object, { buf: WskBuf; snapshot: Uint8Array }>();
export const watch = { count: 0 };

export function watchSendBuffer(irp: object, buf: WskBuf): void {
  if (!watched.has(irp)) watch.count++;
  watched.set(irp, { buf, snapshot: gatherWskBuf(buf) });
}

export function checkSendBuffer(irp: object): void {
  const entry = watched.get(irp);
  if (entry === undefined) return;
  watched.delete(irp);
  watch.count--;
  // A buffer no longer well formed (its memory detached, its chain or fields changed, an accessor
  // that throws) is a change too: reported, never thrown, so the IRP still completes (SPEC §7).
  let now: Uint8Array;
  try {
    now = gatherWskBuf(entry.buf);
  } catch {
    reportViolation(new WskVerifierError("ERR_VERIFIER_SEND_BUFFER_MODIFIED", "the send buffer is no longer a well-formed WSK_BUF (its memory detached, or its MDLs changed)"));
    return;
  }
  if (now.byteLength !== entry.snapshot.byteLength) {
    reportViolation(new WskVerifierError("ERR_VERIFIER_SEND_BUFFER_MODIFIED", `its length changed from ${entry.snapshot.byteLength} to ${now.byteLength}`));
    return;
  }
  for (let i = 0; i < now.byteLength; i++) {
    if (now[i] !== entry.snapshot[i]) {
      reportViolation(new WskVerifierError("ERR_VERIFIER_SEND_BUFFER_MODIFIED", `byte ${i} of ${now.byteLength} changed`));
      return;
    }
  }
}

/**
 * Provider side: under the verifier, remembers the bytes of a send buffer when its IRP is taken,
 * and reports ERR_VERIFIER_SEND_BUFFER_MODIFIED if they differ when the IRP completes.
 */
export function verifierWatchSendBuffer(irp: object, buffer: WskBuf): void {
  if (HOOKS && verifierActive) watchSendBuffer(irp, buffer);
}
