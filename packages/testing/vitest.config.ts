import { fileURLToPath } from "node:url";
import { packageTests } from "../../configs/vitest";

export default packageTests(fileURLToPath(new URL(".", import.meta.url)));
