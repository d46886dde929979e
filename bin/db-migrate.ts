/**
 * `npm run db:migrate`: applies the committed migrations (db/migrations) to the Postgres at DATABASE_URL,
 * or, without it, to the embedded PGlite database (PGLITE_DATA_DIR, default .data/pglite). On Postgres it
 * then creates (or updates the grants of) the application role the portal connects as, which cannot change
 * or delete audit entries (db/app-role.ts): APP_DATABASE_ROLE (default pi_portal_app), with
 * APP_DATABASE_PASSWORD as its password when set.
 */
import { ensureAppRole } from "@/db/app-role";
import { connectPostgres, embeddedDataDir, migrateDatabase, openPglite } from "@/db/client";
import { installImportQueue } from "@/server/services/imports/queue";

async function main() {
  const url = process.env.DATABASE_URL;
  const handle = url ? connectPostgres(url, 1) : await openPglite(embeddedDataDir());
  const where = url ? new URL(url).host + new URL(url).pathname : embeddedDataDir();
  try {
    await migrateDatabase(handle);
    console.log(`Migrations applied to ${handle.kind} (${where}).`);
    if (handle.kind === "postgres") {
      const role = await ensureAppRole(handle, { role: process.env.APP_DATABASE_ROLE || undefined, password: process.env.APP_DATABASE_PASSWORD || undefined });
      console.log(`Application role ${role}: reads and writes the tables, only INSERT and SELECT on audit_log. Point the portal's DATABASE_URL at it.`);
      await installImportQueue(url!, role);
      console.log(`Import queue (pg-boss, schema pgboss) ready for ${role}.`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
