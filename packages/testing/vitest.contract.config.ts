// The contract run: the behaviour tests of @wskit/dgram, @wskit/stream and @wskit/rx that are not
// about the operating system, run unchanged with every socket on the test network (test/contract/),
// so the simulated provider is held to the same contract (SPEC §2, §11) as the real engines.
import { fileURLToPath } from "node:url";
import { mergeConfig } from "vitest/config";
import { packageTests } from "../../configs/vitest";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// What is about the OS or one engine alone: kernel drops and buffers, UDP options and multicast,
// the engines themselves, node:dgram's own errors, Node's process-level checks, and streams (TCP).
const NOT_NETWORK = [
  "../dgram/test/engines/**",
  "../dgram/test/wsk/droppedKernel.test.ts",
  "../dgram/test/udpOptions.test.ts",
  "../dgram/test/diagnostics.test.ts",
];

export default mergeConfig(packageTests(here(".")), {
  resolve: {
    alias: [
      { find: /^node:dgram$/, replacement: here("test/contract/nodeDgram.ts") },
      { find: /^node:net$/, replacement: here("test/contract/nodeNet.ts") },
    ],
  },
  test: {
    root: here(".."),
    include: ["testing/test/contract/*.contract.ts", "dgram/test/**/*.test.ts", "stream/test/**/*.test.ts", "rx/test/**/*.test.ts"],
    exclude: NOT_NETWORK.map((path) => path.replace("../", "")),
    setupFiles: [here("test/contract/setup.ts")],
    typecheck: { enabled: false },
    coverage: { enabled: false },
  },
});
