/**
 * `npm run bench:load`: the production build (.next and dist/, run `npm run build` first), started as `npm start`
 * starts it (bin/start.mjs: WEB_CONCURRENCY server processes, default one per core, and the import worker), on a
 * throw-away Postgres database holding a generated health system (BENCH_TINS x BENCH_CLINICIANS, default 50 x 10,000) and the
 * demo seed (Riverside, the small tenant). Signs in through the sign-in form's own exchange (NextAuth's
 * CSRF token, then the credentials callback, as `signIn("credentials")` posts it), one session per
 * connection (each of the large tenant's sessions a user of its own: the rendered-page cache keeps pages per
 * user), asking for gzip as browsers do, then drives LOAD_CONNECTIONS (50) concurrent sessions for LOAD_SECONDS (60) over the
 * dashboard page, a TIN dashboard page and `tins.list` (autocannon, loopback only), while 5 sessions of
 * the small tenant load its dashboard page. Prints per target: requests, errors (non-2xx, errors,
 * timeouts), p50/p95/p99 and the page's HTML size; the server's peak RSS; the small tenant's p95 alone
 * (before) and under the load; then the same small tenant at a person's pace (LOAD_PACED_RATE, 10 requests a
 * second a session; LOAD_PACED_RATE=0 skips), alone and under the same load, each for LOAD_PACED_SECONDS (30). Before that: each target alone (the server's CPU time per request), and
 * every page of the large tenant once at a time as its administrator (time and HTML size; LOAD_PAGES=0 skips).
 * LOAD_WRITE_MS=<ms>: then the same load again with a write to the large tenant's data every <ms>, each of
 * which makes its cached pages stale. At the end, each server process's page-cache hits and misses, and per tenant
 * how long its requests waited for their turn and were then handled (p50, p95).
 * LOAD_UNCACHED=<n>: n more sessions of the large tenant load a page the cache never keeps (the clinicians list) in both load phases.
 * PAGE_CACHE=off runs the server without the page cache (every request rendered).
 * Takes /tmp/next.lock while the server runs (the .next folder is shared).
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { openSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import superjson from "superjson";
import { createThrowawayDatabase } from "../../db/throwaway";
import { clinicians, memberships, organizationDataVersions, organizations, tins, users } from "../../db/schema";
import { hashPassword } from "../../server/services/passwords";
import { DEMO_PASSWORD, seedDemo } from "../../server/seed/demo";

process.env.BENCH_TINS ??= "50";
process.env.BENCH_CLINICIANS ??= "10000";
const PORT = Number(process.env.LOAD_PORT ?? 3190);
const BASE = `http://127.0.0.1:${PORT}`;
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const SMALL_CONNECTIONS = 5;
const YEAR = 2026;
const PASSWORD = "bench-load-password-1";

interface AutocannonResult {
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonInstance {
  on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
}
type Autocannon = (opts: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

interface RunResult extends AutocannonResult {
  /** Response times in ms, every request. */
  latencies: number[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

/** The processes of a tree (the server's `flock`, its primary and workers), from ps. */
function treePids(rootPid: number): number[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" });
  const rows = out.trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const inTree = new Set([rootPid]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [pid, ppid] of rows) {
      if (inTree.has(ppid) && !inTree.has(pid)) {
        inTree.add(pid);
        changed = true;
      }
    }
  }
  return [...inTree];
}

/** CPU time (user + system, ms) the server's processes have used so far (/proc/<pid>/stat, clock ticks of 10 ms). */
function treeCpuMs(rootPid: number): number {
  let ticks = 0;
  for (const pid of treePids(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended meanwhile
    }
  }
  return ticks * 10;
}

/** Resident memory of the server's processes in MB (/proc/<pid>/statm, 4 kB pages), for the peak. */
function treeRssMb(rootPid: number): number {
  let pages = 0;
  for (const pid of treePids(rootPid)) {
    try {
      pages += Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    } catch {
      // ended meanwhile
    }
  }
  return (pages * 4) / 1024;
}

/** A session cookie, through the sign-in form's exchange (CSRF token, then the credentials callback). */
async function signIn(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, code: "", callbackUrl: BASE, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in as ${email} failed (${res.status})`);
  return `${csrfCookie}; ${session}`;
}

async function waitForServer(server: ChildProcess) {
  // Up to 15 minutes: `next start` waits for /tmp/next.lock while another build or Playwright run holds it.
  for (let i = 0; i < 1800; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not answer /api/health within 15 minutes (is /tmp/next.lock held?)");
}

/** `perConnectionRate`: at most this many requests a second on each connection (a user's pace); unset, each sends its next request as soon as the last is answered. */
function run(path: string, cookies: string[], connections: number, seconds: number, perConnectionRate?: number): Promise<RunResult> {
  let next = 0;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${BASE}${path}`,
        connections,
        duration: seconds,
        ...(perConnectionRate ? { connectionRate: perConnectionRate } : {}),
        timeout: 30,
        // As a browser asks: the answers come gzipped (Next's compression, or the page cache's).
        setupClient: (client: { setHeaders: (h: Record<string, string>) => void }) => client.setHeaders({ cookie: cookies[next++ % cookies.length]!, "accept-encoding": "gzip, deflate, br" }),
      },
      (error, result) => (error ? reject(error) : resolve({ ...result, latencies })),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/**
 * `run` in a process of its own (bin/bench/load-client.mjs): the small tenant's times, measured apart from this
 * process's event loop, which the large tenant's 50 sessions keep busy (it ran late by p95 25 ms and added that
 * to every time it measured).
 */
function runApart(target: string, cookies: string[], connections: number, seconds: number, perConnectionRate?: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const args = JSON.stringify({ url: `${BASE}${target}`, cookies, connections, seconds, rate: perConnectionRate });
    const child = spawn(process.execPath, [path.join(import.meta.dirname, "load-client.mjs"), args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`the small tenant's load client exited with ${code}`));
      const r = JSON.parse(out) as { requests: number; errors: number; timeouts: number; non2xx: number; latencies: number[] };
      resolve({ requests: { total: r.requests }, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, latencies: r.latencies });
    });
  });
}

function line(label: string, r: RunResult, htmlBytes: number | null) {
  const errors = r.errors + r.timeouts + r.non2xx;
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const ms = (p: number) => String(Math.round(percentile(sorted, p))).padStart(6);
  console.log(
    `  ${label.padEnd(30)} ${String(r.requests.total).padStart(7)} requests ${String(errors).padStart(5)} errors   p50 ${ms(50)} ms  p95 ${ms(95)} ms  p99 ${ms(99)} ms${htmlBytes !== null ? `   HTML ${(htmlBytes / 1024).toFixed(0)} kB` : ""}`,
  );
}

function p95(r: RunResult): number {
  return Math.round(percentile([...r.latencies].sort((a, b) => a - b), 95));
}

async function main() {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("set TEST_DATABASE_URL to a local Postgres (the production server needs a real database)");
  const database = await createThrowawayDatabase({ serverUrl, prefix: "bench_load", maxConnections: 4 });
  let server: ChildProcess | undefined;
  try {
    const db = database.db;
    await seedDemo(db);
    const { generateLarge } = await import("./dashboards");
    const scope = await generateLarge(db);
    const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, scope.organizationId));
    const [firstTin] = await db.select({ id: tins.id }).from(tins).where(eq(tins.organizationId, scope.organizationId)).orderBy(tins.name).limit(1);
    // One executive per session of the large tenant: the page cache keeps a page per user, as 50 people would need.
    const passwordHash = await hashPassword(PASSWORD);
    const executives = await db
      .insert(users)
      .values(Array.from({ length: CONNECTIONS }, (_, i) => ({ email: `exec-${i}@bench-load.test`, name: `Bench Executive ${i}`, passwordHash })))
      .returning({ id: users.id });
    await db.insert(memberships).values(executives.map((u) => ({ organizationId: scope.organizationId, userId: u.id, role: "executive" as const })));
    const [admin] = await db.insert(users).values({ email: "admin@bench-load.test", name: "Bench Admin", passwordHash }).returning({ id: users.id });
    await db.insert(memberships).values({ organizationId: scope.organizationId, userId: admin!.id, role: "admin" });
    const [firstClinician] = await db.select({ id: clinicians.id }).from(clinicians).where(eq(clinicians.organizationId, scope.organizationId)).orderBy(clinicians.npi).limit(1);
    await db.execute(sql`ANALYZE`);
    const url = new URL(serverUrl);
    url.pathname = `/${database.name}`;

    const serverLogPath = path.join(tmpdir(), `bench-load-server-${process.pid}.log`);
    const serverLog = openSync(serverLogPath, "w");
    console.log(`(server log: ${serverLogPath})`);
    // LOAD_CPU_PROF=<dir>: the server runs under `node --cpu-prof` and writes its profile there when it stops.
    const profile = process.env.LOAD_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}`] : [];
    server = spawn("flock", ["/tmp/next.lock", process.execPath, ...profile, "bin/start.mjs", "-p", String(PORT), "-H", "127.0.0.1"], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url.toString(), NEXTAUTH_URL: BASE, NEXTAUTH_SECRET: "bench-load-only-secret-0123456789abcdef0123", NEXT_TELEMETRY_DISABLED: "1" },
      // The server's own log goes to a file: requests still in flight when it stops would fill the report.
      stdio: ["ignore", serverLog, serverLog],
      detached: true,
    });
    await waitForServer(server);
    // One after the other: sign-in throttling reserves an attempt per check until it succeeds.
    const big: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) big.push(await signIn(`exec-${i}@bench-load.test`, PASSWORD));
    const small: string[] = [];
    for (let i = 0; i < SMALL_CONNECTIONS; i++) small.push(await signIn("exec@riverside.test", DEMO_PASSWORD));

    const tinsInput = encodeURIComponent(JSON.stringify(superjson.serialize({ organization: org!.slug, performanceYear: YEAR, page: 1, pageSize: 25 })));
    const targets = [
      { label: "dashboard page", path: `/o/${org!.slug}/dashboard?year=${YEAR}` },
      { label: "TIN dashboard page", path: `/o/${org!.slug}/dashboard/tins/${firstTin!.id}?year=${YEAR}` },
      { label: "tins.list (25 a page)", path: `/api/trpc/tins.list?input=${tinsInput}` },
    ];
    const smallPath = `/o/riverside/dashboard?year=${YEAR}`;
    const bodies = await Promise.all(targets.map(async (t) => Buffer.from(await (await fetch(`${BASE}${t.path}`, { headers: { cookie: big[0]! } })).arrayBuffer())));
    const sizes = bodies.map((b) => b.byteLength);
    // LOAD_DUMP_HTML=<dir>: each target's answer saved there (to see what makes a page heavy).
    if (process.env.LOAD_DUMP_HTML) bodies.forEach((b, i) => writeFileSync(path.join(process.env.LOAD_DUMP_HTML!, `target-${i}.html`), b));
    const smallSize = (await (await fetch(`${BASE}${smallPath}`, { headers: { cookie: small[0]! } })).arrayBuffer()).byteLength;

    const serverProcesses = process.env.WEB_CONCURRENCY ?? `${availableParallelism()} (one per core)`;
    console.log(`bench:load on ${database.label}; ${process.env.BENCH_TINS} TINs, ${process.env.BENCH_CLINICIANS} clinicians; ${serverProcesses} server processes; load average ${loadavg().map((x) => x.toFixed(2)).join(", ")}`);
    // What one request of each target costs the server: each alone for LOAD_SOLO_SECONDS (10) with 4
    // sessions, the server's CPU time (every process) divided by the requests answered. Also warms it up.
    const soloSeconds = Number(process.env.LOAD_SOLO_SECONDS ?? 10);
    if (soloSeconds > 0) {
      console.log(`each target alone, 4 sessions for ${soloSeconds} s (server CPU per request = its CPU time / requests):`);
      for (const [i, t] of targets.entries()) {
        const before = treeCpuMs(server.pid!);
        const r = await run(t.path, big.slice(i * 4, i * 4 + 4), 4, soloSeconds);
        const cpu = treeCpuMs(server.pid!) - before;
        line(t.label, r, null);
        console.log(`    ${(r.requests.total / soloSeconds).toFixed(1)} requests/s, server CPU ${(cpu / Math.max(1, r.requests.total)).toFixed(1)} ms a request`);
      }
    }
    // Every page of the large tenant, as its administrator: the median of 3 requests after one to warm up
    // (time to the last byte, one request at a time) and the HTML size. Goal at 50,000 clinicians: <= 1 s, <= 300 kB.
    if (process.env.LOAD_PAGES !== "0") {
      const adminCookie = await signIn("admin@bench-load.test", PASSWORD);
      const o = `/o/${org!.slug}`;
      const pages = [
        o, `${o}/dashboard?year=${YEAR}`, `${o}/dashboard/tins/${firstTin!.id}?year=${YEAR}`, `${o}/dashboard/me?year=${YEAR}`,
        `${o}/tins?year=${YEAR}`, `${o}/tins/${firstTin!.id}?year=${YEAR}`, `${o}/clinicians?year=${YEAR}`, `${o}/clinicians/${firstClinician!.id}?year=${YEAR}`,
        `${o}/data?year=${YEAR}`, `${o}/data/new?year=${YEAR}`, `${o}/data/import`, `${o}/roster-import`, `${o}/hardships?year=${YEAR}`,
        `${o}/virtual-groups?year=${YEAR}`, `${o}/members`, `${o}/audit`, `${o}/deadlines`, "/account",
      ];
      console.log("every page of the large tenant as its administrator, one request at a time (median of 3 after the first, and the first):");
      for (const page of pages) {
        const times: number[] = [];
        let bytes = 0;
        let status = 0;
        for (let i = 0; i < 4; i++) {
          const started = performance.now();
          const res = await fetch(`${BASE}${page}`, { headers: { cookie: adminCookie }, redirect: "manual" });
          bytes = (await res.arrayBuffer()).byteLength;
          status = res.status;
          times.push(performance.now() - started);
        }
        // The first request also computes what later ones find cached (per data version) and warms the code up.
        const first = times.shift()!;
        times.sort((a, b) => a - b);
        console.log(`  ${page.replace(o, "/o/<org>").replace(/[0-9a-f-]{36}/g, "<id>").padEnd(44)} ${String(status).padStart(3)}  ${String(Math.round(times[1]!)).padStart(6)} ms (first ${String(Math.round(first)).padStart(5)} ms)  HTML ${(bytes / 1024).toFixed(0).padStart(4)} kB`);
      }
    }
    const alone = await runApart(smallPath, small, SMALL_CONNECTIONS, 10);
    line("small tenant alone (10 s)", alone, smallSize);

    let peakRss = treeRssMb(server.pid!);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRssMb(server!.pid!))), 500);
    // The load generator (this process) shares the machine's cores with the server and Postgres: what it took.
    const generatorCpu = process.cpuUsage();
    const generatorStarted = performance.now();
    const per = Math.floor(CONNECTIONS / targets.length);
    // The large tenant's sessions split over the targets (the last takes what the split leaves), for `seconds`.
    const largeLoad = (seconds: number) => targets.map((t, i) => run(t.path, big.slice(i * per, i === targets.length - 1 ? CONNECTIONS : (i + 1) * per), i === targets.length - 1 ? CONNECTIONS - per * i : per, seconds));
    // LOAD_UNCACHED=<n>: meanwhile n more sessions of the large tenant's administrator load its clinicians list,
    // a page the page cache never keeps (rendered every time, about 150 ms at 50,000 clinicians).
    const uncachedSessions = Number(process.env.LOAD_UNCACHED ?? 0);
    const uncachedCookies: string[] = [];
    for (let i = 0; i < uncachedSessions; i++) uncachedCookies.push(await signIn("admin@bench-load.test", PASSWORD));
    const uncachedPath = `/o/${org!.slug}/clinicians?year=${YEAR}`;
    const uncachedLoad = (seconds: number) => (uncachedSessions > 0 ? run(uncachedPath, uncachedCookies, uncachedSessions, seconds) : Promise.resolve(null));
    const [results, uncached] = await Promise.all([
      Promise.all([...largeLoad(SECONDS), runApart(smallPath, small, SMALL_CONNECTIONS, SECONDS)]),
      uncachedLoad(SECONDS),
    ]);
    clearInterval(sampler);
    const used = process.cpuUsage(generatorCpu);
    const generatorShare = (used.user + used.system) / 1000 / (performance.now() - generatorStarted);
    console.log(`${CONNECTIONS} sessions of the large tenant for ${SECONDS} s, and ${SMALL_CONNECTIONS} of the small one at the same time (the load generator used ${(generatorShare * 100).toFixed(0)}% of a core):`);
    targets.forEach((t, i) => line(t.label, results[i]!, sizes[i]!));
    if (uncached) line(`clinicians list (uncached, ${uncachedSessions})`, uncached, null);
    line("small tenant under load", results[targets.length]!, smallSize);
    console.log(`  server peak RSS ${peakRss.toFixed(0)} MB; small tenant p95 ${p95(results[targets.length]!)} ms under load vs ${p95(alone)} ms alone; load average ${loadavg().map((x) => x.toFixed(2)).join(", ")}`);

    // The small tenant above sends each next request the moment the last is answered: alone, its 5 sessions
    // keep the whole server busy, so under any fair sharing with a second busy tenant it gets about half of
    // it and waits about twice as long. Its people click at a person's pace: the same 5 sessions at
    // LOAD_PACED_RATE (10) requests a second each, alone and then with the large tenant's same load.
    const pacedRate = Number(process.env.LOAD_PACED_RATE ?? 10);
    const pacedSeconds = Number(process.env.LOAD_PACED_SECONDS ?? 30);
    if (pacedRate > 0 && pacedSeconds > 0) {
      // As long as under load: the same number of requests (1,500 at the defaults), so both p95s are as steady.
      const pacedAlone = await runApart(smallPath, small, SMALL_CONNECTIONS, pacedSeconds, pacedRate);
      // How late this process (the load generator, which also measures the times) ran its callbacks meanwhile.
      const generatorLoop = monitorEventLoopDelay({ resolution: 10 });
      generatorLoop.enable();
      const [paced, pacedUncached] = await Promise.all([
        Promise.all([...largeLoad(pacedSeconds), runApart(smallPath, small, SMALL_CONNECTIONS, pacedSeconds, pacedRate)]),
        uncachedLoad(pacedSeconds),
      ]);
      console.log(`the small tenant's ${SMALL_CONNECTIONS} sessions at ${pacedRate} requests a second each, alone for ${pacedSeconds} s, then for as long with the large tenant's ${CONNECTIONS} sessions as above:`);
      line("small tenant (paced) alone", pacedAlone, smallSize);
      targets.forEach((t, i) => line(t.label, paced[i]!, sizes[i]!));
      if (pacedUncached) line(`clinicians list (uncached, ${uncachedSessions})`, pacedUncached, null);
      line("small tenant (paced) loaded", paced[targets.length]!, smallSize);
      generatorLoop.disable();
      const late = (p: number) => Math.max(0, generatorLoop.percentile(p) / 1e6 - 10).toFixed(1);
      console.log(`  small tenant at a person's pace: p95 ${p95(paced[targets.length]!)} ms under load vs ${p95(pacedAlone)} ms alone; load average ${loadavg().map((x) => x.toFixed(2)).join(", ")}; the load generator's event loop ran late p95 ${late(95)} p99 ${late(99)} ms`);
    }

    // LOAD_WRITE_MS=<ms>: the same load again while the large tenant's data changes every <ms> (a TIN's row
    // updated, as an edit or an import's commit would), so each write makes its cached pages stale.
    const writeEvery = Number(process.env.LOAD_WRITE_MS ?? 0);
    if (writeEvery > 0) {
      const version = async () => (await db.select({ v: organizationDataVersions.version }).from(organizationDataVersions).where(eq(organizationDataVersions.organizationId, scope.organizationId)))[0]?.v ?? 0;
      const versionBefore = await version();
      let writing = true;
      const writer = (async () => {
        while (writing) {
          await new Promise((r) => setTimeout(r, writeEvery));
          if (writing) await db.execute(sql`UPDATE tins SET name = name WHERE id = ${firstTin!.id}`);
        }
      })();
      const written = await Promise.all([
        ...largeLoad(SECONDS),
        runApart(smallPath, small, SMALL_CONNECTIONS, SECONDS),
      ]);
      writing = false;
      await writer;
      console.log(`the same for ${SECONDS} s with a write to the large tenant's data every ${writeEvery} ms (data version ${versionBefore} -> ${await version()}):`);
      targets.forEach((t, i) => line(t.label, written[i]!, sizes[i]!));
      line("small tenant under load", written[targets.length]!, smallSize);
    }
  } finally {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
      // The database is dropped only once the server has let go of it.
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      // What the rendered-page cache of each server process did over the whole run, and per tenant how long requests
      // waited for their turn and were handled (bin/web-server.ts says both when it stops).
      await new Promise((r) => setTimeout(r, 500));
      const stats = readFileSync(path.join(tmpdir(), `bench-load-server-${process.pid}.log`), "utf8").split("\n").filter((l) => l.includes("page cache of process") || l.includes("admission of process") || l.includes("event loop of process"));
      for (const l of stats) console.log(`  ${l.replace("PI Portal: ", "")}`);
    }
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
