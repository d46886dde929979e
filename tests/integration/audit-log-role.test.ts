/**
 * The audit log is immutable to the application (issue 14): as the application role that
 * `npm run db:migrate` creates, UPDATE, DELETE, TRUNCATE and ALTER TABLE ... DISABLE TRIGGER on audit_log
 * all fail, while INSERT and SELECT (and the other tables) work. Postgres only: PGlite has one user and
 * keeps the append-only trigger (tests/integration/audit-log.test.ts).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { sql } from "drizzle-orm";
import { ensureAppRole } from "@/db/app-role";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { createTestTenant, type TestTenant } from "./helpers/tenant";

const serverUrl = process.env.TEST_DATABASE_URL;
let database: TestDatabase;
let tenant: TestTenant;
let role: string;
let app: Client;

describe.skipIf(!serverUrl)("audit_log as the application role (Postgres)", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await createTestTenant(database.db, "approle");
    await database.db.execute(sql`insert into audit_log (organization_id, action, target_type, target_id) values (${tenant.organization.id}, 'test.seeded', 'test', '1')`);
    role = await ensureAppRole(database, { role: `test_app_${randomBytes(4).toString("hex")}` });
    // Idempotent: a second db:migrate changes nothing and does not fail.
    await ensureAppRole(database, { role });
    const url = new URL(serverUrl!);
    url.pathname = `/${database.name}`;
    url.username = role;
    url.password = "";
    app = new Client({ connectionString: url.toString() });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await database?.close();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  const refused = async (statement: string) => {
    const error = await app.query(statement).then(
      () => null,
      (e: { code?: string }) => e,
    );
    return error?.code ?? "accepted";
  };

  it("is not the table's owner, not a superuser", async () => {
    const { rows } = await app.query<{ owner: string; superuser: boolean }>(
      "select tableowner as owner, (select rolsuper from pg_roles where rolname = current_user) as superuser from pg_tables where tablename = 'audit_log'",
    );
    expect(rows[0]!.owner).not.toBe(role);
    expect(rows[0]!.superuser).toBe(false);
  });

  it("may INSERT and SELECT audit entries, and change the other tables", async () => {
    await app.query("insert into audit_log (organization_id, action, target_type, target_id) values ($1, 'test.by_app', 'test', '2')", [tenant.organization.id]);
    const { rows } = await app.query("select action from audit_log where organization_id = $1 order by id", [tenant.organization.id]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(["test.seeded", "test.by_app"]);
    await app.query("update organizations set name = name where id = $1", [tenant.organization.id]);
  });

  it("may not UPDATE, DELETE, TRUNCATE, or disable the trigger (permission denied, 42501)", async () => {
    const count = async () => (await app.query("select count(*)::int as n from audit_log where organization_id = $1", [tenant.organization.id])).rows[0] as { n: number };
    const before = await count();
    expect(before.n).toBeGreaterThanOrEqual(1); // the seeded entry (and the app's own, when that test ran first)
    expect(await refused("update audit_log set action = 'x'")).toBe("42501");
    expect(await refused("delete from audit_log")).toBe("42501");
    expect(await refused("truncate audit_log")).toBe("42501");
    expect(await refused("alter table audit_log disable trigger audit_log_no_update_delete")).toBe("42501");
    expect(await refused("alter table audit_log disable trigger all")).toBe("42501");
    expect(await refused("drop table audit_log")).toBe("42501");
    expect(await count()).toEqual(before);
  });
});
