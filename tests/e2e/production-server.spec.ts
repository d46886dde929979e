import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { Client } from "pg";
import { syntheticNpi, syntheticTin } from "../../lib/roster/generate";
import { DEMO, signIn, signOut } from "./helpers";

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
/** The spec's own database (set in beforeAll). */
let databaseUrl = "";
let server: ChildProcess | undefined;
let log = "";

async function onServer(statement: string, connectionString = serverUrl) {
  const client = new Client({ connectionString });
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
  databaseUrl = url.toString();
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

test("the rendered-page cache: a dashboard rendered once per data version for its own user, with a fresh nonce, never past the session", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  await signIn(page, DEMO.executive);
  const url = "/o/riverside/dashboard?year=2026";
  const cacheOf = async () => (await page.goto(url))!.headers()["x-page-cache"];
  // Each server process keeps its own pages: one render per process at most, then hits.
  const untilHit = async () => {
    const answers: string[] = [];
    for (let i = 0; i < 6 && answers.at(-1) !== "hit"; i++) answers.push((await cacheOf())!);
    expect(answers.at(-1)).toBe("hit");
    expect(answers.filter((a) => a === "miss").length).toBeLessThanOrEqual(2);
    return answers;
  };
  expect(await cacheOf()).toBe("miss");
  await untilHit();
  await expect(page.getByRole("heading", { name: "Organization dashboard" })).toBeVisible();
  // The kept page runs its scripts under the new nonce (no CSP refusal) and hydrates: a link navigates on the client.
  let documents = 0;
  page.on("request", (r) => r.resourceType() === "document" && documents++);
  await page.getByRole("navigation", { name: "Performance year" }).getByRole("link", { name: "2025", exact: true }).click();
  await expect(page).toHaveURL(/year=2025/);
  await expect(page.getByRole("navigation", { name: "Performance year" }).getByRole("link", { name: "2025", exact: true })).toHaveAttribute("aria-current", "page");
  expect(documents, "the year link loaded a new document: the kept page did not hydrate").toBe(0);
  expect(problems).toEqual([]);

  // A write to the organization's data (here straight in the database, as an import's commit would be): the next request renders again.
  const name = `Cache Check Clinic ${Date.now() % 1_000_000}`;
  await onServer(`INSERT INTO tins (organization_id, tin, name) SELECT id, '${String(870_000_000 + (Date.now() % 1_000_000))}', '${name}' FROM organizations WHERE slug = 'riverside'`, databaseUrl);
  expect(await cacheOf()).toBe("miss");
  await page.goto(`${url}&search=${encodeURIComponent(name)}`);
  await expect(page.getByRole("link", { name })).toBeVisible();

  // Another member of the organization never gets this user's page.
  const other = await browser.newContext({ baseURL: BASE });
  const otherPage = await other.newPage();
  await signIn(otherPage, DEMO.admin);
  expect((await otherPage.goto(url))!.headers()["x-page-cache"]).toBe("miss");
  await other.close();

  // Signed out: the same cookie gets the sign-in page, not the kept dashboard.
  await untilHit();
  const cookies = await page.context().cookies();
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  await signOut(page);
  const replay = await fetch(`${BASE}${url}`, { headers: { cookie: cookieHeader }, redirect: "manual" });
  expect(replay.headers.get("x-page-cache")).toBeNull();
  expect(replay.status).toBe(307);
  expect(replay.headers.get("location")).toContain("/sign-in");
});

test("the rendered-page cache keeps a clinician's own dashboard for that clinician", async ({ page }) => {
  await signIn(page, DEMO.clinician);
  const url = "/o/riverside/dashboard/me?year=2026";
  const answers: string[] = [];
  for (let i = 0; i < 6 && answers.at(-1) !== "hit"; i++) answers.push((await page.goto(url))!.headers()["x-page-cache"]!);
  expect(answers[0]).toBe("miss");
  expect(answers.at(-1)).toBe("hit");
  await expect(page.getByRole("heading", { name: "My dashboard" })).toBeVisible();
});

/** An open connection to the server that has had one answer (so a server process holds it). */
async function openConnection(): Promise<net.Socket> {
  const socket = net.connect(PORT, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("connect", () => socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    socket.once("data", () => resolve());
  });
  return socket;
}

/** Which server process holds each of our open connections: client port -> pid (`ss`, the server side of each). */
function holders(): Map<number, number> {
  const out = execFileSync("ss", ["-tnpH", "state", "established", `( sport = :${PORT} )`], { encoding: "utf8" });
  const map = new Map<number, number>();
  for (const line of out.trim().split("\n")) {
    const m = /:(\d+)\s+users:\(\("[^"]*",pid=(\d+)/.exec(line);
    if (m) map.set(Number(m[1]), Number(m[2]));
  }
  return map;
}

test("each new connection goes to the server process holding the fewest open ones", async () => {
  const pids = serverProcesses(server!.pid!).map(([pid]) => pid);
  const sockets: net.Socket[] = [];
  for (let i = 0; i < 4; i++) sockets.push(await openConnection());
  const count = (pid: number) => sockets.filter((s) => !s.destroyed && holders().get(s.localPort!) === pid).length;
  await expect.poll(() => pids.map(count), { message: "4 connections, 2 to each process" }).toEqual([2, 2]);
  // The first process's two close: the next two both go to it (round robin would give it one, the other process a third).
  const [first] = pids;
  for (const s of sockets.filter((s) => holders().get(s.localPort!) === first)) s.destroy();
  await new Promise((r) => setTimeout(r, 300)); // the closes reach the primary
  for (let i = 0; i < 2; i++) sockets.push(await openConnection());
  await expect.poll(() => pids.map(count)).toEqual([2, 2]);
  for (const s of sockets) s.destroy();
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
