/** The `code` of what `run` throws or rejects with ("untyped <name>" for an error without one), or undefined. */
export async function codeOf(run: () => unknown): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return (error as { code?: string }).code ?? `untyped ${(error as Error).name}`;
  }
  return undefined;
}
