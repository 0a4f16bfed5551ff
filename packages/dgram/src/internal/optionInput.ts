// An option's input is the caller's object: reading it may run the caller's code (an accessor, a
// Proxy's trap), which may throw. Such an input is no value, refused as any malformed one (SPEC §7).

/** `parse(input)`, or undefined where reading the caller's object throws. */
export function parseOptionInput<T>(parse: (input: unknown) => T | undefined, input: unknown): T | undefined {
  try {
    return parse(input);
  } catch {
    return undefined;
  }
}
