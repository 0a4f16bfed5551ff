import type { NTSTATUS } from "@wskit/core";

/** One completed send, emitted by {@link wskSendTo} and {@link wskSend}. */
export interface SendCompletion<T> {
  /** The value that was sent. */
  readonly value: T;
  /** The IRP's completion status (a success: a failure is an error notification). */
  readonly status: NTSTATUS;
  /** `IoStatus.Information`: the bytes sent. */
  readonly bytes: number;
}
