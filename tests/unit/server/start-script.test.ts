/** bin/start.mjs refuses a WEB_CONCURRENCY that is not a whole number of processes, naming it, before starting anything. */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
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

/** The server process (bin/web-server.ts, dist/web-server.cjs once built) refuses bad arguments and settings before starting Next. */
describe("bin/web-server.ts", () => {
  function webServer(args: string[], env: Record<string, string> = {}) {
    return spawnSync(resolve("node_modules/.bin/tsx"), ["bin/web-server.ts", ...args], {
      env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", ...env },
      encoding: "utf8",
      timeout: 30_000,
    });
  }

  it("refuses an unknown argument, naming it and what it takes", () => {
    const run = webServer(["--turbo"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown argument "--turbo" (npm start takes -p/--port <port> and -H/--hostname <host>).');
  });

  it.each([["-p", "99999"], ["--port", "abc"]])("refuses the port %s %s", (flag, value) => {
    const run = webServer([flag, value]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("the port must be a whole number from 0 to 65535");
  });

  it.each(["abc", "0", "-5", "5000"])("refuses PAGE_CACHE_MB=%s", (value) => {
    const run = webServer(["-p", "0"], { PAGE_CACHE_MB: value });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`PAGE_CACHE_MB must be a number of megabytes from 1 to 4096, not "${value}".`);
  });
});
