import { NTSTATUS, type NtStatusName } from "./NTSTATUS";

let namesByValue: Map<number, NtStatusName> | undefined;

/**
 * The name of a status (`ntStatusName(0xC0000120) === "STATUS_CANCELLED"`), or its hex text in the
 * header's spelling (`"0xC0001234"`) when the table has no name for it.
 */
export function ntStatusName(status: NTSTATUS): string {
  namesByValue ??= new Map(Object.entries(NTSTATUS).map(([name, value]) => [value, name as NtStatusName]));
  const value = status >>> 0;
  return namesByValue.get(value) ?? `0x${value.toString(16).toUpperCase().padStart(8, "0")}`;
}
