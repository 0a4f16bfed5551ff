import type { NTSTATUS } from "./NTSTATUS";

// The two top bits of an NTSTATUS are its severity: 0 success, 1 informational, 2 warning, 3 error.
const severity = (status: NTSTATUS): number => (status >>> 30) & 0x3;

/**
 * True for the success and informational severities, as the `NT_SUCCESS` macro of `ntdef.h`:
 * `((NTSTATUS)(Status) >= 0)`, the value read as a signed 32-bit number.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/kernel/using-ntstatus-values
 */
export function NT_SUCCESS(status: NTSTATUS): boolean {
  return (status | 0) >= 0;
}

/** True when the severity bits say informational (`0x4xxxxxxx`), as `NT_INFORMATION` of `ntdef.h`. */
export function NT_INFORMATION(status: NTSTATUS): boolean {
  return severity(status) === 1;
}

/** True when the severity bits say warning (`0x8xxxxxxx`), as `NT_WARNING` of `ntdef.h`. */
export function NT_WARNING(status: NTSTATUS): boolean {
  return severity(status) === 2;
}

/** True when the severity bits say error (`0xCxxxxxxx`), as `NT_ERROR` of `ntdef.h`. */
export function NT_ERROR(status: NTSTATUS): boolean {
  return severity(status) === 3;
}
