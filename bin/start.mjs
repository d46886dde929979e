#!/usr/bin/env node
/**
 * `npm start`: the production server (`next start`; arguments such as `-p 3000` are passed on).
 *
 * With a real Postgres (DATABASE_URL) it runs WEB_CONCURRENCY server processes (default: one per core) that
 * share the port through node:cluster (each connection goes to one of them): one Node process renders pages
 * on one core only. Streamed imports then run in one more process of their own, the import worker
 * (dist/import-worker.cjs, built from bin/import-worker.ts by `npm run build`, with the bounded heap of server/services/imports/worker-heap.json), and the server
 * processes only queue them (IMPORT_WORKER=external), so a million-row import never grows a process that
 * answers pages. Set IMPORT_WORKER=external yourself to run `npm run import-worker` elsewhere instead.
 *
 * Each server process on Postgres is dist/web-server.cjs (bin/web-server.ts): Next's production server behind
 * the rendered-page cache (server/page-cache). With MAIL_CATCHER=1 (mails kept in the process's memory, read
 * at /dev/mail) there is one such process, imports included. Without DATABASE_URL (the embedded PGlite,
 * which lives inside its process) it is the one `next start` process, imports included.
 *
 * The port is this process's own: it accepts each connection and hands it to the server process holding the
 * fewest open connections (node:cluster's round robin gives a burst of connections to whichever process
 * answers first, and under load that put all five sessions of a small tenant on one process while the other
 * served only the big one: per-process fair admission could then give it only half a process).
 *
 * A server process that ends after it started listening is replaced; one that ends before (a refused
 * configuration, a port in use) stops them all with its exit code. The import worker is restarted 2 s after
 * it ends (its job is taken up again by the queue). SIGTERM or SIGINT stops every process, then this one.
 *
 * `node bin/start.mjs import-worker` (`npm run import-worker`) runs the import worker alone.
 */
import cluster from "node:cluster";
import net from "node:net";
import { setTimeout } from "node:timers";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const workerHeap = require("../server/services/imports/worker-heap.json");

/** The import worker (dist/import-worker.cjs, built by `npm run build`) as a child process with its heap settings. */
const IMPORT_WORKER_SCRIPT = path.join(root, "dist", "import-worker.cjs");

/** A server process on Postgres (dist/web-server.cjs, built by `npm run build`): Next behind the rendered-page cache. */
const WEB_SERVER_SCRIPT = path.join(root, "dist", "web-server.cjs");

function requireBuilt(script) {
  if (existsSync(script)) return;
  console.error(`PI Portal: ${path.relative(root, script)} is missing: run \`npm run build\` first.`);
  process.exit(1);
}

function spawnImportWorker() {
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ""} ${workerHeap.nodeOptions}`.trim();
  return spawn(process.execPath, [IMPORT_WORKER_SCRIPT], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
    stdio: "inherit",
  });
}

function serverProcesses() {
  if (!process.env.DATABASE_URL || process.env.MAIL_CATCHER === "1") return 1;
  const requested = process.env.WEB_CONCURRENCY ? Number(process.env.WEB_CONCURRENCY) : availableParallelism();
  if (!Number.isInteger(requested) || requested < 1) {
    console.error(`PI Portal: WEB_CONCURRENCY must be a whole number of server processes (1 or more), not "${process.env.WEB_CONCURRENCY}".`);
    process.exit(2);
  }
  return requested;
}

if (process.argv[2] === "import-worker") {
  requireBuilt(IMPORT_WORKER_SCRIPT);
  const worker = spawnImportWorker();
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => worker.kill(signal));
  worker.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (cluster.isPrimary && process.env.DATABASE_URL && process.env.MAIL_CATCHER !== "1") {
  const processes = serverProcesses();
  const ownImportWorker = process.env.IMPORT_WORKER !== "external";
  requireBuilt(WEB_SERVER_SCRIPT);
  if (ownImportWorker) requireBuilt(IMPORT_WORKER_SCRIPT);
  // The server processes only queue imports when the import worker (ours or one run elsewhere) works them; they
  // take their connections from this process (PI_PORTAL_CONNECTIONS=primary, bin/web-server.ts).
  const env = { IMPORT_WORKER: "external", PI_PORTAL_CONNECTIONS: "primary" };
  // A young generation of 64 MB semi-spaces (V8's default is 16 on this kind of machine): a page render makes
  // megabytes of short-lived objects, and fewer scavenges served about 15% more requests in bench:load at
  // 10,000 clinicians (113 vs 98.5 a second) for ~100 MB more RSS a process. NODE_OPTIONS can set another.
  const semiSpace = `${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`.includes("--max-semi-space-size") ? [] : ["--max-semi-space-size=64"];
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...semiSpace] });
  let stopping = false;
  let importWorker = null;
  const stop = (signal) => {
    stopping = true;
    balancer?.close();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    importWorker?.kill(signal);
  };
  const allEnded = () => Object.keys(cluster.workers ?? {}).length === 0 && (!importWorker || importWorker.exitCode !== null || importWorker.signalCode !== null);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal));

  const listening = new Set();
  /** Open connections per listening server process (worker id): where the next connection goes. */
  const open = new Map();
  /** The port, once a server process asked for it (each one asks with the -p/-H it was given, all the same). */
  let balancer = null;
  let bound = null;
  const waiting = [];
  const ready = (worker) => {
    listening.add(worker.id);
    open.set(worker.id, 0);
    worker.send({ type: "pi-portal:listening", port: bound.port });
  };
  const leastBusy = () => {
    let best = null;
    for (const [id, count] of open) {
      const worker = cluster.workers?.[id];
      if (worker?.isConnected() && (best === null || count < open.get(best.id))) best = worker;
    }
    return best;
  };
  cluster.on("message", (worker, message) => {
    if (message?.type === "pi-portal:closed") {
      if (open.has(worker.id)) open.set(worker.id, Math.max(0, open.get(worker.id) - 1));
      return;
    }
    if (message?.type !== "pi-portal:listen") return;
    if (bound) return ready(worker);
    waiting.push(worker);
    if (balancer) return;
    // noDelay as Node's own HTTP server sets it: without it, an answer's second write waits for the client's
    // delayed ACK (up to 40 ms on Linux) whenever the client has nothing else to send.
    balancer = net.createServer({ pauseOnConnect: true, noDelay: true }, (socket) => {
      const worker = leastBusy();
      if (!worker) return socket.destroy();
      open.set(worker.id, open.get(worker.id) + 1);
      worker.send({ type: "pi-portal:connection" }, socket, (error) => {
        if (!error) return;
        socket.destroy();
        if (open.has(worker.id)) open.set(worker.id, Math.max(0, open.get(worker.id) - 1));
      });
    });
    balancer.on("error", (error) => {
      // Before listening (a port in use): every waiting process is told, and ends as it would have on its own listen.
      for (const w of waiting.splice(0)) w.send({ type: "pi-portal:listen-failed", message: error.message });
    });
    balancer.listen({ port: message.port, ...(message.hostname ? { host: message.hostname } : {}) }, () => {
      bound = balancer.address();
      for (const w of waiting.splice(0)) if (w.isConnected()) ready(w);
    });
  });
  cluster.on("exit", (worker, code, signal) => {
    open.delete(worker.id);
    if (!stopping && !listening.has(worker.id)) {
      console.error(`PI Portal: a server process ended before it started listening (${signal ?? `exit code ${code}`}); stopping.`);
      process.exitCode = code || 1;
      stop("SIGTERM");
    }
    if (stopping) {
      if (allEnded()) process.exit();
      return;
    }
    console.error(`PI Portal: server process ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another.`);
    cluster.fork(env);
  });
  for (let i = 0; i < processes; i++) cluster.fork(env);

  if (ownImportWorker) {
    const startImportWorker = () => {
      importWorker = spawnImportWorker();
      importWorker.on("exit", (code, signal) => {
        if (stopping) {
          if (allEnded()) process.exit();
          return;
        }
        console.error(`PI Portal: the import worker ended (${signal ?? `exit code ${code}`}); starting it again in 2 s.`);
        setTimeout(() => !stopping && startImportWorker(), 2000).unref();
      });
    };
    startImportWorker();
  }
} else if (process.env.DATABASE_URL) {
  // A server process on Postgres: Next behind the rendered-page cache (dist/web-server.cjs, from bin/web-server.ts).
  requireBuilt(WEB_SERVER_SCRIPT);
  require(WEB_SERVER_SCRIPT);
} else {
  // The embedded database (one process): `next start` with the arguments given.
  process.argv = [process.argv[0], require.resolve("next/dist/bin/next"), "start", ...process.argv.slice(2)];
  require("next/dist/bin/next");
}
