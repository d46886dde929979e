/**
 * A server process of `npm start` on Postgres (bin/start.mjs): Next's production server (the same handler
 * `next start` runs, through Next's custom-server API) behind the rendered-page cache
 * (server/page-cache/server.ts). Built to dist/web-server.cjs by `npm run build` (bin/build-worker.mjs).
 * Takes `next start`'s -p/--port and -H/--hostname (default: PORT or 3000, all interfaces).
 * PAGE_CACHE=off: no cache; PAGE_CACHE_MB: the cache's size in this process (default 64).
 */
import http from "node:http";
import type net from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import next from "next";
import { connectPostgres } from "@/db/client";
import { installedAdmission } from "@/server/limits/request-admission";
import { pageCacheKey } from "@/server/page-cache/key";
import { withPageCache } from "@/server/page-cache/server";
import { RenderedPageStore } from "@/server/page-cache/store";
import { createSessionCookieDecoder, secureSessionCookies, sessionCookieName } from "@/server/session-cookie";

function fail(message: string): never {
  console.error(`PI Portal: ${message}`);
  process.exit(2);
}

function options(args: string[]): { port: number; hostname: string | undefined } {
  let port = Number(process.env.PORT ?? 3000);
  let hostname: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    if ((arg === "-p" || arg === "--port") && value !== undefined) {
      port = Number(value);
      i++;
    } else if ((arg === "-H" || arg === "--hostname") && value !== undefined) {
      hostname = value;
      i++;
    } else {
      fail(`unknown argument "${arg}" (npm start takes -p/--port <port> and -H/--hostname <host>).`);
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`the port must be a whole number from 0 to 65535, not "${port}".`);
  return { port, hostname };
}

function megabytes(): number {
  const raw = process.env.PAGE_CACHE_MB ?? "64";
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 4096) fail(`PAGE_CACHE_MB must be a number of megabytes from 1 to 4096, not "${raw}".`);
  return mb;
}

async function main() {
  const { port, hostname } = options(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) fail("DATABASE_URL is not set (this server runs on Postgres; without it `npm start` runs `next start` on the embedded database).");
  const cacheOn = process.env.PAGE_CACHE !== "off";
  const maxBytes = cacheOn ? megabytes() * 1024 * 1024 : 0;
  process.title = "next-server (PI Portal)";
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  let handler = (req: http.IncomingMessage, res: http.ServerResponse) => handle(req, res);
  let store: RenderedPageStore | null = null;
  if (cacheOn) {
    // After prepare: Next has loaded .env files and server/start.ts has validated the environment.
    const { env } = await import("@/server/env");
    const maxEntryBytes = 2 * 1024 * 1024;
    store = new RenderedPageStore({ maxBytes, maxAgeMs: 10 * 60_000, maxEntryBytes });
    const deps = {
      db: connectPostgres(url, 4).db,
      cookies: createSessionCookieDecoder(env.NEXTAUTH_SECRET),
      cookieName: sessionCookieName(secureSessionCookies(env.NODE_ENV, env.NEXTAUTH_URL)),
    };
    let lastError = 0;
    handler = withPageCache(handler, {
      store,
      maxEntryBytes,
      keyOf: (request) => pageCacheKey(deps, request),
      onError(error) {
        // The request is rendered as if there were no cache; say so at most once a minute.
        if (Date.now() - lastError < 60_000) return;
        lastError = Date.now();
        console.error("PI Portal: the page cache could not check a request (rendered without it):", error instanceof Error ? error.message : error);
      },
    });
  }
  const server = http.createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      console.error(`PI Portal: failed to handle ${req.method} ${req.url}:`, error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    });
  });
  const listening = (at: number) => console.log(`PI Portal: listening on http://${hostname ?? "0.0.0.0"}:${at}${cacheOn ? ` (page cache ${maxBytes / 1024 / 1024} MB)` : " (page cache off)"}`);
  const couldNotStart = (message: string) => {
    console.error("PI Portal: the server could not start:", message);
    process.exit(1);
  };
  if (process.env.PI_PORTAL_CONNECTIONS === "primary" && process.send) {
    // Under bin/start.mjs: the primary holds the port and hands each connection to the process with the fewest.
    process.on("message", (message: { type?: string; port?: number; message?: string } | null, socket?: net.Socket) => {
      if (message?.type === "pi-portal:listening") listening(message.port ?? port);
      else if (message?.type === "pi-portal:listen-failed") couldNotStart(message.message ?? "the port could not be opened");
      else if (message?.type === "pi-portal:connection" && socket) {
        // http.Server sets noDelay only on the connections it accepts itself (Nagle's algorithm would hold an
        // answer's last write for the client's delayed ACK, up to 40 ms, when the client sends nothing else).
        socket.setNoDelay(true);
        socket.once("close", () => process.send?.({ type: "pi-portal:closed" }));
        server.emit("connection", socket);
        socket.resume();
      }
    });
    process.send({ type: "pi-portal:listen", port, hostname });
  } else {
    server.on("error", (error) => couldNotStart(error.message));
    server.listen(port, hostname, () => listening(port));
  }
  // How late this process's event loop ran its callbacks (a request that arrives while the loop is busy waits that long before it is even read).
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  // `on`, not `once`: a signal sent to the whole process group (bench:load, Ctrl-C in a terminal) reaches this
  // process twice, from the sender and passed on by the primary, and a second one without a handler ended the
  // process at once, before it had said anything below.
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // Each sample is the 10 ms the sampling timer asked for plus how late it ran: the lateness is printed.
      const lag = (p: number) => Math.max(0, loopDelay.percentile(p) / 1e6 - 10).toFixed(1);
      console.log(`PI Portal: event loop of process ${process.pid}: late p50 ${lag(50)} p95 ${lag(95)} p99 ${lag(99)} ms`);
      if (store) console.log(`PI Portal: page cache of process ${process.pid}: ${store.hits} hits, ${store.misses} misses, ${store.size} pages kept (${(store.storedBytes / 1024 / 1024).toFixed(1)} MB)`);
      // Per tenant, how long requests waited for their turn and were then handled (server/limits/request-admission.ts).
      for (const t of installedAdmission()?.times.summary() ?? []) {
        const ms = (x: number) => x.toFixed(x < 10 ? 1 : 0);
        console.log(`PI Portal: admission of process ${process.pid}: ${t.tenant}: ${t.requests} requests, waited p50 ${ms(t.waited[0])} p95 ${ms(t.waited[1])} ms, handled p50 ${ms(t.handled[0])} p95 ${ms(t.handled[1])} ms`);
      }
      server.close();
      void app.close().finally(() => process.exit(0));
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}

main().catch((error: unknown) => {
  console.error("PI Portal: the server could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
