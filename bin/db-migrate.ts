/**
 * `npm run db:migrate`: applies the committed migrations (db/migrations) to the Postgres at DATABASE_URL,
 * or, without it, to the embedded PGlite database (PGLITE_DATA_DIR, default .data/pglite).
 */
import { connectPostgres, embeddedDataDir, migrateDatabase, openPglite } from "@/db/client";

async function main() {
  const url = process.env.DATABASE_URL;
  const handle = url ? connectPostgres(url, 1) : await openPglite(embeddedDataDir());
  const where = url ? new URL(url).host + new URL(url).pathname : embeddedDataDir();
  try {
    await migrateDatabase(handle);
    console.log(`Migrations applied to ${handle.kind} (${where}).`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
