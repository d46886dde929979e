/**
 * The database: real Postgres through node-postgres when DATABASE_URL is set, otherwise an embedded
 * PGlite (Postgres compiled to WASM) persisted under .data/ (gitignored), migrated on start. Same schema
 * and migrations for both; SQL must run on Postgres 15 and PGlite. db/ never imports server/ (eslint
 * no-restricted-imports): the demo seed lives in server/seed and the server seeds an empty embedded
 * database on first use (server/database.ts).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { Pool } from "pg";
import * as schema from "./schema";

export type Schema = typeof schema;
/** A database or a transaction: every service takes one of these (`fn(db | tx, params)`). */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DatabaseKind = "postgres" | "pglite";

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Connects to Postgres at `url` (no migration). */
export function connectPostgres(url: string, maxConnections = 10): DatabaseHandle {
  const pool = new Pool({ connectionString: url, max: maxConnections });
  // An idle client whose connection the server closed (restart, DROP DATABASE ... FORCE in tests) emits
  // 'error' on the pool; without a listener that would crash the process. The pool replaces the client.
  pool.on("error", (error: Error & { code?: string }) => {
    if (error.code !== "57P01") console.error("Postgres pool: idle client error:", error.message);
  });
  const db = drizzlePg({ client: pool, schema, casing: "snake_case" }) as unknown as Db;
  return { db, kind: "postgres", close: () => pool.end() };
}

/** Opens an embedded PGlite at `dataDir` (`memory://` for an in-memory one), no migration. */
export async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (dataDir !== "memory://") mkdirSync(dataDir, { recursive: true });
  const client = dataDir === "memory://" ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

/** Applies the committed migrations (db/migrations) with drizzle's programmatic migrator for the kind. */
export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}

export function embeddedDataDir(): string {
  return process.env.PGLITE_DATA_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

async function openAppDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) return connectPostgres(url);
  // Embedded: migrate on every start (idempotent); server/database.ts seeds it when empty.
  const handle = await openPglite(embeddedDataDir());
  await migrateDatabase(handle);
  return handle;
}

// One client per process, kept across hot reloads in dev (module state is lost, globalThis is not).
const globalForDb = globalThis as unknown as { appDatabase?: Promise<DatabaseHandle> };

/** The application's database, opened (and, when embedded, migrated) once per process. The app reads it through server/database.ts. */
export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.appDatabase ??= openAppDatabase().catch((error: unknown) => {
    globalForDb.appDatabase = undefined;
    throw error;
  });
  return globalForDb.appDatabase;
}
