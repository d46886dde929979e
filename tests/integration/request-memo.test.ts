/**
 * A page's procedure calls share one session check and one membership lookup (server/trpc.ts, serverApi's
 * per-request memo): the layout names the organization by slug, the page's procedures by id, and both are
 * served by one lookup. The memo never answers for an organization the caller is not a member of.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/routers/_app";
import { createSession } from "@/server/services/sessions";
import { createTrpcContext } from "@/server/trpc";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { codeOf } from "./helpers/outcome";
import { createTestTenant } from "./helpers/tenant";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function pageContext(userId: string) {
  const sessionId = await createSession(database.db, { userId, ip: "127.0.0.1", userAgent: "vitest" });
  return createTrpcContext({ session: { userId, sessionId }, ip: "127.0.0.1", db: database.db, memoizePerRequest: true });
}

describe("per-request membership memo", () => {
  it("a lookup by slug also serves the same organization named by id (one lookup per page)", async () => {
    const tenant = await createTestTenant(database.db, "memo");
    const ctx = await pageContext(tenant.executive.id);
    const api = createCaller(ctx);
    const bySlug = await api.organizations.get({ organization: tenant.organization.slug });
    expect(bySlug).toMatchObject({ role: "executive", organization: { id: tenant.organization.id } });
    const memo = ctx.requestMemo!;
    const slugKey = `membership|${tenant.executive.id}|${tenant.organization.slug}`;
    const idKey = `membership|${tenant.executive.id}|${tenant.organization.id}`;
    expect(memo.get(idKey)).toBeDefined();
    expect(await memo.get(idKey)).toBe(await memo.get(slugKey));
    // The id-named call finds it there and answers as before.
    expect(await api.organizations.memberCounts({ organization: tenant.organization.id })).toEqual(expect.arrayContaining([{ role: "executive", total: 1 }]));
  });

  it("never answers for another organization: a member of one still gets NOT_FOUND for the other's id and slug in the same request", async () => {
    const mine = await createTestTenant(database.db, "memo-mine");
    const theirs = await createTestTenant(database.db, "memo-theirs");
    const ctx = await pageContext(mine.admin.id);
    const api = createCaller(ctx);
    await api.organizations.get({ organization: mine.organization.slug });
    expect(await codeOf(api.organizations.get({ organization: theirs.organization.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.organizations.memberCounts({ organization: theirs.organization.slug }))).toBe("NOT_FOUND");
    // Only the caller's own organization was memoized under its aliases.
    const keys = [...ctx.requestMemo!.keys()].filter((k) => k.startsWith("membership|"));
    expect(keys.filter((k) => k.endsWith(mine.organization.id) || k.endsWith(mine.organization.slug))).toHaveLength(2);
  });

  it("member counts by role: the organization's own members only", async () => {
    const tenant = await createTestTenant(database.db, "memo-counts");
    await createTestTenant(database.db, "memo-other");
    const ctx = await pageContext(tenant.clinician.id);
    const counts = await createCaller(ctx).organizations.memberCounts({ organization: tenant.organization.id });
    expect([...counts].sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { role: "admin", total: 1 },
      { role: "clinician", total: 1 },
      { role: "executive", total: 1 },
    ]);
  });
});
