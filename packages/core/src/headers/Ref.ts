/**
 * An out-parameter: what the pages write as `PULONG`, `LPDWORD` or `LPINT`. The callee writes
 * `value`; the caller reads it after the call (or after completion, where the page says so).
 */
export interface Ref<T> {
  /** The value: set by the caller before the call, by the callee during it. */
  value: T;
}

/** A new {@link Ref} holding `value`: `const bytes = ref(0); WSPRecvFrom(s, …, bytes, …)`. */
export function ref<T>(value: T): Ref<T> {
  return { value };
}
