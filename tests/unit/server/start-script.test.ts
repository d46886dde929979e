/** bin/start.mjs refuses a WEB_CONCURRENCY that is not a whole number of processes, naming it, before starting anything. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function start(webConcurrency: string) {
  return spawnSync(process.execPath, ["bin/start.mjs", "-p", "0"], {
    env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", WEB_CONCURRENCY: webConcurrency, MAIL_CATCHER: "" },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("bin/start.mjs", () => {
  it.each(["abc", "0", "1.5", "-2"])("refuses WEB_CONCURRENCY=%s with exit code 2 and a message", (value) => {
    const run = start(value);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`WEB_CONCURRENCY must be a whole number of server processes (1 or more), not "${value}".`);
    expect(run.stdout).not.toContain("Next.js");
  });
});
