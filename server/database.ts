/**
 * The application's database for the server (tRPC context, sign-in, health): db/client.ts's connection,
 * plus the first-start demo data. When no DATABASE_URL is given the embedded PGlite database is migrated
 * by db/client.ts and, if it has no user yet, seeded here with the demo (server/seed/demo.ts), so
 * `npm install && npm run dev` opens a working portal. A real Postgres is never seeded implicitly
 * (`npm run db:seed` does that, on a local database only).
 */
import { getDatabase, type DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "./seed/demo";

// Kept across hot reloads in dev, like the connection itself.
const globalForSeed = globalThis as unknown as { appDatabaseReady?: Promise<DatabaseHandle> };

export function getAppDatabase(): Promise<DatabaseHandle> {
  globalForSeed.appDatabaseReady ??= (async () => {
    const handle = await getDatabase();
    if (handle.kind === "pglite") await seedDemoIfEmpty(handle.db);
    return handle;
  })().catch((error: unknown) => {
    globalForSeed.appDatabaseReady = undefined;
    throw error;
  });
  return globalForSeed.appDatabaseReady;
}
