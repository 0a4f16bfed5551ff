import { packageBuild } from "../../configs/tsup";

// Two entries: `@wskit/stream`, and `@wskit/stream/transport` for providers that carry connections themselves.
export default packageBuild({ entry: ["src/index.ts", "src/transport.ts"] });
