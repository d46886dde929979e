import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Client } from "pg";
import { syntheticNpi, syntheticTin } from "../../lib/roster/generate";
import { DEMO, signIn } from "./helpers";

// `npm start` on a real Postgres (bin/start.mjs): two server processes sharing the port and the import worker
// beside them. A streamed import is worked by the import worker (the server processes only queue it), a server
// process that dies is replaced, and SIGTERM stops them all.
const serverUrl = process.env.TEST_DATABASE_URL;
const PORT = Number(process.env.E2E_CLUSTER_PORT ?? 3171);
const BASE = `http://127.0.0.1:${PORT}`;
const ROSTER_HEADER = "TIN,TIN name,NPI,First name,Last name,Clinician type,Membership start,Performance year,Allowed charges,Part B beneficiaries";

test.skip(!serverUrl, "needs TEST_DATABASE_URL (a local Postgres): `npm start` runs several processes only on a real database");
test.describe.configure({ mode: "serial" });
test.use({ baseURL: BASE });

const databaseName = `e2e_cluster_${Date.now()}_${randomBytes(4).toString("hex")}`;
let created = false;
let server: ChildProcess | undefined;
let log = "";

async function onServer(statement: string) {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The primary's child processes: [pid, command line]. */
function childrenOf(pid: number): Array<[number, string]> {
  return execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line)!)
    .filter((m) => Number(m[2]) === pid)
    .map((m) => [Number(m[1]), m[3]!]);
}
const serverProcesses = (pid: number) => childrenOf(pid).filter(([, args]) => args.startsWith("next-server"));
const importWorkers = (pid: number) => childrenOf(pid).filter(([, args]) => args.includes("dist/import-worker.cjs"));

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`${BASE}/api/health`)).ok;
  } catch {
    return false;
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const url = new URL(serverUrl!);
  if (!["127.0.0.1", "localhost", "::1"].includes(url.hostname)) throw new Error(`TEST_DATABASE_URL must be a local Postgres, not ${url.hostname}`);
  await onServer(`CREATE DATABASE ${databaseName}`);
  created = true;
  url.pathname = `/${databaseName}`;
  // Migrated and seeded as a deployment does it (the scripts run the TypeScript with tsx).
  for (const script of ["db:migrate", "db:seed"]) execFileSync("npm", ["run", "-s", script], { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: "pipe" });
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_URL: url.toString(), NEXTAUTH_URL: BASE, NEXTAUTH_SECRET: "e2e-cluster-only-secret-0123456789abcdef01", WEB_CONCURRENCY: "2" };
  delete env.MAIL_CATCHER;
  delete env.IMPORT_WORKER;
  server = spawn(process.execPath, ["bin/start.mjs", "-p", String(PORT), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  await expect.poll(healthy, { timeout: 60_000, message: `the server did not answer /api/health:\n${log}` }).toBe(true);
});

test.afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
  if (created) await onServer(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
});

test("npm start on Postgres: two server processes and the import worker, which works the streamed imports", async ({ page }) => {
  expect(serverProcesses(server!.pid!)).toHaveLength(2);
  expect(importWorkers(server!.pid!)).toHaveLength(1);

  const n = Date.now() % 1_000_000;
  await signIn(page, DEMO.lakesideAdmin);
  await page.goto("/o/lakeside/roster-import");
  const streamed = page.getByTestId("streamed-import");
  await streamed.getByLabel(/Roster CSV/).setInputFiles({
    name: `cluster-roster-${n}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(`${ROSTER_HEADER}\n${syntheticTin(860_000_000 + n)},Cluster Practice ${n},${syntheticNpi(86_000_000 + n)},Clu,Ster,MD,2018-01-01,2018,150000,400\n`),
  });
  await streamed.getByRole("button", { name: new RegExp(`Import cluster-roster-${n}\\.csv`) }).click();
  // The import worker works the queue (bin/start.mjs runs the server processes with IMPORT_WORKER=external).
  await expect(streamed.getByText(new RegExp(`Imported cluster-roster-${n}\\.csv: 1 row\\(s\\)`))).toBeVisible({ timeout: 30_000 });
  expect(log).toContain("import worker: working the import-jobs queue");
});

test("a server process that dies is replaced; SIGTERM stops every process", async () => {
  test.setTimeout(60_000);
  const primary = server!.pid!;
  const [victim] = serverProcesses(primary)[0]!;
  process.kill(victim, "SIGKILL");
  await expect
    .poll(() => serverProcesses(primary).filter(([pid]) => pid !== victim).length, { timeout: 30_000, message: `no server process replaced ${victim}:\n${log}` })
    .toBe(2);
  await expect.poll(healthy, { timeout: 30_000 }).toBe(true);
  expect(log).toContain(`server process ${victim} ended (SIGKILL); starting another.`);

  const children = childrenOf(primary).map(([pid]) => pid);
  const exited = new Promise<number | null>((resolve) => server!.once("exit", (code) => resolve(code)));
  server!.kill("SIGTERM");
  expect(await exited).toBe(0);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  expect(children.filter(alive)).toEqual([]);
});
