import { expectTypeOf, test } from "vitest";
import type { WSK_FLAG_DRAIN, WSK_FLAG_WAITALL } from "@wskit/core";
import type { WskReceiveFlags } from "@wskit/stream";

test("WskReceiveFlags takes the page's flags and nothing else", () => {
  expectTypeOf<typeof WSK_FLAG_WAITALL>().toMatchTypeOf<WskReceiveFlags>();
  expectTypeOf<typeof WSK_FLAG_DRAIN>().toMatchTypeOf<WskReceiveFlags>();
  expectTypeOf<0>().toMatchTypeOf<WskReceiveFlags>();
  expectTypeOf<0x100>().not.toMatchTypeOf<WskReceiveFlags>();
  expectTypeOf<number>().not.toMatchTypeOf<WskReceiveFlags>();
});
