/**
 * db/ sits below server/: a db/ file that imports server/ (as the demo seed once did, making the circle
 * db/client -> db/seed -> server/services -> db/client) is refused by the project's eslint config.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../paths";

const eslint = new ESLint({ cwd: repoRoot });
const restricted = async (code: string, filePath: string) => {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
};

describe("db/ never imports server/", () => {
  it("refuses @/server/..., relative ../server/... and ../../server paths in db/, and names the rule", async () => {
    for (const spec of ["@/server/services/audit", "../server/seed/demo", "../../server/services/roster/tins", "@/server"]) {
      expect(await restricted(`import { x } from "${spec}";\nexport const y = x;\n`, "db/schema/example.ts"), spec).toEqual([expect.stringMatching(/db\/ must not import server\//)]);
    }
    expect(await restricted(`export { seedDemo } from "@/server/seed/demo";\n`, "db/example.ts")).toHaveLength(1);
  });

  it("allows db/ to import lib/ and itself, and server/ to import db/", async () => {
    expect(await restricted(`import { x } from "../../lib/mips/submission";\nimport { t } from "./tenancy";\nexport const y = [x, t];\n`, "db/schema/example.ts")).toEqual([]);
    expect(await restricted(`import { getDatabase } from "@/db/client";\nexport const y = getDatabase;\n`, "server/example.ts")).toEqual([]);
  });

  it("no file under db/ today imports server/ (the demo seed moved to server/seed)", async () => {
    const files = readdirSync(path.join(repoRoot, "db"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(3);
    expect(files.some((f) => f.startsWith("seed"))).toBe(false);
    const results = await eslint.lintFiles(files.map((f) => path.join(repoRoot, "db", f)));
    expect(results.flatMap((r) => r.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => `${r.filePath}: ${m.message}`))).toEqual([]);
    // Dynamic imports are outside no-restricted-imports: none of db/ may name server/ that way either.
    const dynamic = files.filter((f) => /import\(\s*["'][^"']*server\//.test(readFileSync(path.join(repoRoot, "db", f), "utf8")));
    expect(dynamic).toEqual([]);
  });
});
