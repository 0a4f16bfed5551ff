// The worker's entry: TypeScript sources through tsx, as the tests run them.
import { register } from "tsx/esm/api";

register();
await import("./reusePortWorker.ts");
