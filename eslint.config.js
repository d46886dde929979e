import js from "@eslint/js";
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";
import tenant from "./eslint-rules/index.js";

export default tseslint.config(
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "dist/**", ".scratch*/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { drizzle, "react-hooks": reactHooks },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports", fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Non-null assertions after a check the compiler cannot follow (array index after length check).
      "@typescript-eslint/no-non-null-assertion": "off",
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    // Services are where tenant data is read and written: every query filters on the organization.
    files: ["server/services/**/*.ts"],
    plugins: { tenant },
    rules: { "tenant/require-organization-filter": "error" },
  },
  {
    // The database layer sits below the server: db/ never imports server/ (the demo seed, which writes
    // through the services, lives in server/seed; the server seeds the embedded database).
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/server", "@/server/**", "**/server", "**/server/**"], message: "db/ must not import server/: the server builds on the database, not the other way round (seed code belongs in server/seed)." }] },
      ],
    },
  },
  {
    files: ["**/*.{js,cjs,mjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly" } },
  },
  {
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
