// How an error message shows the value it refuses: primitives as they are, objects by kind only.
// Showing an object by String() would run its own code (toString, Symbol.toPrimitive, a Proxy's
// traps), which may throw: the typed error would be lost to the caller's own exception (SPEC §7).

/** `value` for an error message, never throwing: `5`, `abc`, `null`, `a function`, `an instance of Foo`. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "object":
      if (value === null) return "null";
      try {
        const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
        return typeof name === "string" && name !== "" ? `an instance of ${name}` : "an object";
      } catch {
        return "an object";
      }
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default:
      return String(value);
  }
}
