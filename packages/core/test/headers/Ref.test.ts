import { describe, expect, it } from "vitest";
import { ref, type Ref } from "@wskit/core";

describe("Ref", () => {
  it("is an out-parameter the callee writes and the caller reads", () => {
    const fill = (out: Ref<number>) => {
      out.value = 42;
    };
    const bytes = ref(0);
    fill(bytes);
    expect(bytes.value).toBe(42);
  });

  it("holds any type", () => {
    const name = ref<string | null>(null);
    name.value = "udp";
    expect(name).toEqual({ value: "udp" });
  });
});
