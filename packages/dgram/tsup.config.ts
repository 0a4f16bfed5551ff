import { packageBuild } from "../../configs/tsup";

// Two entries: `@wskit/dgram`, and `@wskit/dgram/engine` for providers that carry sockets themselves.
export default packageBuild({ entry: ["src/index.ts", "src/engine.ts"] });
