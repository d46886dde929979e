import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// Debian's Chromium (Playwright cannot download its own browsers here).
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: existsSync(chromium) ? chromium : undefined,
      // As root in a container, without background calls to Google's hosts (the network is closed).
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Specs that read the demo data as seeded (exact scores, blockers) run first; the others change the
  // demo organization (imports, entries, approvals) and start once those are done.
  projects: [
    { name: "demo-as-seeded", testMatch: /dashboards\.spec\.ts/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", testIgnore: /dashboards\.spec\.ts/, dependencies: ["demo-as-seeded"], use: { ...devices["Desktop Chrome"] } },
  ],
  // The production build on a fresh embedded database with the demo data (bin/e2e-server.sh).
  webServer: {
    command: `bash bin/e2e-server.sh ${PORT}`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
  },
});
