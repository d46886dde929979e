/**
 * Throw-away databases for tests and benchmarks: a new database on a Postgres server on this machine
 * (dropped on close), or an in-memory PGlite when no server URL is given; migrated either way. Refuses a
 * server that is not local, so a test or bench can never create or drop databases on a shared server.
 */
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { connectPostgres, migrateDatabase, openPglite, type DatabaseHandle } from "./client";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function isLocalDatabaseUrl(url: string): boolean {
  return LOCAL_HOSTS.has(new URL(url).hostname);
}

export function assertLocalDatabase(url: string, purpose = "test databases"): void {
  if (!isLocalDatabaseUrl(url)) {
    throw new Error(`Refusing to create ${purpose} on ${new URL(url).hostname}: only a Postgres on this machine is used.`);
  }
}

export interface ThrowawayDatabase extends DatabaseHandle {
  /** The database's name (`pglite-memory` for PGlite). */
  name: string;
  /** "PGlite (in memory)" or "Postgres (host, throw-away database name)", for printed figures. */
  label: string;
}

export async function createThrowawayDatabase(options: {
  /** A Postgres server URL (its database is only used to create and drop ours); none: in-memory PGlite. */
  serverUrl?: string | undefined;
  prefix: string;
  maxConnections?: number;
  /** Another migrations folder (a test of a migration applies the ones before it first). */
  migrationsFolder?: string;
}): Promise<ThrowawayDatabase> {
  const { serverUrl, prefix, maxConnections = 5, migrationsFolder } = options;
  if (!serverUrl) {
    const handle = await openPglite("memory://");
    await migrateDatabase(handle, migrationsFolder);
    return { ...handle, name: "pglite-memory", label: "PGlite (in memory)" };
  }
  assertLocalDatabase(serverUrl, `${prefix} databases`);
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = connectPostgres(url.toString(), maxConnections);
  await migrateDatabase(handle, migrationsFolder);
  return {
    ...handle,
    name,
    label: `Postgres (${url.hostname}, throw-away database ${name})`,
    async close() {
      await handle.close();
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
