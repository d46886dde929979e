/**
 * `npm run db:seed`: loads the demo data into an empty database (DATABASE_URL, or the embedded one).
 * Refuses a Postgres that is not on this machine: demo logins do not belong in a shared database.
 */
import { connectPostgres, embeddedDataDir, migrateDatabase, openPglite } from "@/db/client";
import { seedDemoIfEmpty } from "@/server/seed/demo";
import { isLocalDatabaseUrl } from "@/db/throwaway";

async function main() {
  const url = process.env.DATABASE_URL;
  if (url && !isLocalDatabaseUrl(url)) {
    console.error(`Refusing to seed demo data into ${new URL(url).hostname}: only a database on this machine can be seeded.`);
    process.exit(1);
  }
  const handle = url ? connectPostgres(url, 1) : await openPglite(embeddedDataDir());
  try {
    await migrateDatabase(handle);
    const seeded = await seedDemoIfEmpty(handle.db);
    console.log(seeded ? "Demo data loaded (logins in README.md)." : "The database already has users; nothing seeded.");
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
