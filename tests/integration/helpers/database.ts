/**
 * Each integration test file gets its own fresh, migrated database: a new database on the Postgres at
 * TEST_DATABASE_URL (CI and `npm test` point it at the local server), or an in-memory PGlite when it is
 * unset. Refuses any server that is not on this machine (db/throwaway.ts).
 */
import { createThrowawayDatabase, type ThrowawayDatabase } from "@/db/throwaway";

export { assertLocalDatabase } from "@/db/throwaway";
export type TestDatabase = ThrowawayDatabase;

export function createTestDatabase(): Promise<TestDatabase> {
  return createThrowawayDatabase({ serverUrl: process.env.TEST_DATABASE_URL, prefix: "test" });
}
