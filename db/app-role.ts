/**
 * Two roles on Postgres: migrations run as the owner (DATABASE_URL of `npm run db:migrate`); the portal
 * connects as an application role that may read and write the tables but only INSERT and SELECT on
 * audit_log: no UPDATE, DELETE or TRUNCATE, and, not being the owner, it cannot ALTER the table (so it
 * cannot disable the append-only trigger of migration 0001 either). PGlite (one user) keeps the trigger.
 */
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "./client";

export const DEFAULT_APP_ROLE = "pi_portal_app";

/** Postgres identifiers we create: lower-case letters, digits and underscores. */
function assertRoleName(role: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`APP_DATABASE_ROLE must be a plain lower-case identifier, not "${role}".`);
}

/**
 * Creates the application role when missing (LOGIN; with `password` when given), then (re)grants: usage
 * of the schema, SELECT/INSERT/UPDATE/DELETE on every table and the sequences, minus UPDATE, DELETE and
 * TRUNCATE on audit_log; the same by default for tables the owner creates later. Idempotent.
 */
export async function ensureAppRole(handle: DatabaseHandle, options: { role?: string; password?: string } = {}): Promise<string> {
  if (handle.kind !== "postgres") throw new Error("The application role exists only on Postgres; PGlite keeps the audit_log trigger.");
  const role = options.role ?? DEFAULT_APP_ROLE;
  assertRoleName(role);
  const db = handle.db;
  const exists = (await db.execute(sql`select 1 from pg_roles where rolname = ${role}`)) as unknown as { rows: unknown[] };
  if (exists.rows.length === 0) await db.execute(sql.raw(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`));
  if (options.password) await db.execute(sql.raw(`ALTER ROLE ${role} PASSWORD '${options.password.replace(/'/g, "''")}'`));
  for (const statement of [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
  ]) {
    await db.execute(sql.raw(statement));
  }
  return role;
}
