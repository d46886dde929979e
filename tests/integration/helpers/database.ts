/**
 * Each integration test file gets its own fresh, migrated database: a new database on the Postgres at
 * TEST_DATABASE_URL (CI and `npm test` point it at the local server), or an in-memory PGlite when it is
 * unset. Refuses any server that is not on this machine.
 */
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { connectPostgres, migrateDatabase, openPglite, type DatabaseHandle } from "@/db/client";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to create test databases on ${host}: tests only run against a Postgres on this machine.`);
  }
}

export interface TestDatabase extends DatabaseHandle {
  name: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openPglite("memory://");
    await migrateDatabase(handle);
    return { ...handle, name: "pglite-memory" };
  }
  assertLocalDatabase(serverUrl);
  const name = `test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = connectPostgres(url.toString(), 5);
  await migrateDatabase(handle);
  return {
    ...handle,
    name,
    async close() {
      await handle.close();
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
