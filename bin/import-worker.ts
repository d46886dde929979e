/**
 * The import worker: works the pg-boss queue of streamed imports (server/services/imports/queue.ts) in a
 * process of its own, with the heap settings of server/services/imports/worker-heap.json (a million-row job
 * then peaks at about 230-250 MB RSS: bench:imports). `npm start` on Postgres runs it beside the server
 * processes (bin/start.mjs); `npm run import-worker` runs it alone, for a portal started with
 * IMPORT_WORKER=external. Built to dist/import-worker.cjs by `npm run build` (bin/build-worker.mjs), so no
 * TypeScript loader runs in production. Needs DATABASE_URL.
 */
import { connectPostgres } from "@/db/client";
import { startPgBossQueue } from "@/server/services/imports/queue";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("import worker: DATABASE_URL is not set (the queue needs a Postgres server; the embedded demo runs its imports in the portal's process).");
    process.exit(2);
  }
  const handle = connectPostgres(url, 5);
  const queue = await startPgBossQueue(handle.db, url);
  console.log("import worker: working the import-jobs queue (Ctrl-C to stop after the running job).");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void (async () => {
        await queue.stop();
        await handle.close();
        process.exit(0);
      })();
    });
  }
}

main().catch((error: unknown) => {
  console.error("import worker: could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
