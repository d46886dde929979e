/**
 * `npm run import-worker`: works the pg-boss queue of streamed imports (server/services/imports/queue.ts)
 * in a process of its own, with the heap settings of IMPORT_WORKER_NODE_OPTIONS (a million-row job then
 * peaks at about 230-250 MB RSS: bench:imports). Start the portal with IMPORT_WORKER=external so that
 * its server only queues the jobs; without it the server works the queue itself. Needs DATABASE_URL.
 */
import { connectPostgres } from "@/db/client";
import { startPgBossQueue } from "@/server/services/imports/queue";

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
