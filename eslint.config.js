import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/coverage/**", "**/node_modules/**", "docs/**", "**/build/**", "**/prebuilds/**", "**/.readme-examples/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Plain .mjs helpers (benchmark senders) run on Node.
  { files: ["**/*.mjs"], languageOptions: { globals: globals.node } },
  // The native addon's loader and build script are CommonJS, shipped as written.
  {
    files: ["**/*.cjs"],
    languageOptions: { globals: globals.node, sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Faithful WSK names (WskReceiveFrom, STATUS_PENDING) are the contract, not a style slip.
      camelcase: "off",
      "no-console": "off",
    },
  },
);
