import { packageBuild } from "../../configs/tsup";

// Two entries: the client's `@wskit/core`, and `@wskit/core/provider` for socket category packages.
export default packageBuild({ entry: ["src/index.ts", "src/provider.ts"] });
