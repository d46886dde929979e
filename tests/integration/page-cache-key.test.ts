/**
 * The rendered-page cache's key (server/page-cache/key.ts): none without a live session or for an
 * organization the user is not a member of (the request then goes to Next, which answers sign-in or 404), a
 * different key for each user, and a new key after anything a cached page shows changes: the organization's
 * data (its data version), the user's role, memberships, name or second factor, and the day.
 */
import { encode } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, organizations, sessions, users } from "@/db/schema";
import { pageCacheKey, type PageCacheKeyDeps } from "@/server/page-cache/key";
import { cacheableRequest } from "@/server/page-cache/requests";
import { createTin } from "@/server/services/roster/tins";
import { createSession, revokeSession } from "@/server/services/sessions";
import { createSessionCookieDecoder } from "@/server/session-cookie";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { addMembership, createTestTenant, createUser, type TestUser } from "./helpers/tenant";

const SECRET = "page-cache-key-test-secret-0123456789abcdef";
const COOKIE = "next-auth.session-token";
let database: TestDatabase;
let deps: PageCacheKeyDeps;
let today = new Date();

beforeAll(async () => {
  database = await createTestDatabase();
  deps = { db: database.db, cookies: createSessionCookieDecoder(SECRET), cookieName: COOKIE, now: () => today };
});
afterAll(() => database.close());

async function signedIn(user: TestUser) {
  const sessionId = await createSession(database.db, { userId: user.id, ip: "127.0.0.1", userAgent: "vitest" });
  const token = await encode({ token: { sub: user.id, sid: sessionId, email: user.email }, secret: SECRET, maxAge: 3600 });
  return { sessionId, cookie: `other=1; ${COOKIE}=${token}` };
}

function keyFor(cookie: string | undefined, url: string) {
  const headers = { host: "portal.test", "user-agent": "vitest", ...(cookie ? { cookie } : {}) };
  const target = cacheableRequest("GET", url, headers);
  if (!target) throw new Error(`${url} is not cacheable`);
  return pageCacheKey(deps, { url, headers, target });
}

describe("page cache key", () => {
  it("none without a session cookie, with one that does not decode, or for a revoked session", async () => {
    const tenant = await createTestTenant(database.db, "pck-session");
    const url = `/o/${tenant.organization.slug}/dashboard?year=2026`;
    expect(await keyFor(undefined, url)).toBeNull();
    expect(await keyFor(`${COOKIE}=not-a-jwe`, url)).toBeNull();
    const { sessionId, cookie } = await signedIn(tenant.executive);
    expect(await keyFor(cookie, url)).toEqual(expect.any(String));
    await revokeSession(database.db, { userId: tenant.executive.id, sessionId });
    expect(await keyFor(cookie, url)).toBeNull();
  });

  it("none when the request carries two session cookies (Next renders for the last one: the page must not be kept under the first's key)", async () => {
    const tenant = await createTestTenant(database.db, "pck-two-cookies");
    const url = `/o/${tenant.organization.slug}/dashboard`;
    const attacker = await signedIn(tenant.clinician);
    const victim = await signedIn(tenant.admin);
    const token = (cookie: string) => cookie.split(`${COOKIE}=`)[1]!;
    expect(await keyFor(attacker.cookie, url)).toEqual(expect.any(String));
    expect(await keyFor(`${COOKIE}=${token(attacker.cookie)}; ${COOKIE}=${token(victim.cookie)}`, url)).toBeNull();
    expect(await keyFor(`${COOKIE}=${token(victim.cookie)}; ${COOKIE}=${token(attacker.cookie)}`, url)).toBeNull();
  });

  it("none for an organization the user is not a member of, by slug or by id", async () => {
    const mine = await createTestTenant(database.db, "pck-mine");
    const theirs = await createTestTenant(database.db, "pck-theirs");
    const { cookie } = await signedIn(mine.admin);
    expect(await keyFor(cookie, `/o/${mine.organization.slug}/dashboard`)).toEqual(expect.any(String));
    expect(await keyFor(cookie, `/o/${theirs.organization.slug}/dashboard`)).toBeNull();
    expect(await keyFor(cookie, `/o/${theirs.organization.id}/dashboard`)).toBeNull();
    const input = encodeURIComponent(JSON.stringify({ json: { organization: theirs.organization.id, performanceYear: 2026, page: 1, pageSize: 25 } }));
    expect(await keyFor(cookie, `/api/trpc/tins.list?input=${input}`)).toBeNull();
  });

  it("one key per user, shared by the user's sessions, and per URL", async () => {
    const tenant = await createTestTenant(database.db, "pck-users");
    const url = `/o/${tenant.organization.slug}/dashboard?year=2026`;
    const [a1, a2, b] = [await signedIn(tenant.admin), await signedIn(tenant.admin), await signedIn(tenant.executive)];
    const key = await keyFor(a1.cookie, url);
    expect(await keyFor(a2.cookie, url)).toBe(key);
    expect(await keyFor(b.cookie, url)).not.toBe(key);
    expect(await keyFor(a1.cookie, `${url}&page=2`)).not.toBe(key);
  });

  it("a new key after a write to the organization's data, a role, membership, name or second-factor change, and on a new day", async () => {
    const tenant = await createTestTenant(database.db, "pck-changes");
    const { sessionId, cookie } = await signedIn(tenant.executive);
    const url = `/o/${tenant.organization.slug}/dashboard/tins/00000000-0000-4000-8000-000000000000?year=2026`;
    const seen = new Set<string>();
    const next = async (what: string) => {
      const key = await keyFor(cookie, url);
      expect(key, what).toEqual(expect.any(String));
      expect(seen.has(key!), `${what}: the key did not change`).toBe(false);
      seen.add(key!);
      // Asked again with nothing changed: the same key.
      expect(await keyFor(cookie, url)).toBe(key);
    };
    await next("first");
    await createTin(database.db, tenant.adminScope, { tin: "123456789", name: "Key Clinic" });
    await next("a TIN created");
    await database.db.update(memberships).set({ role: "admin" }).where(eq(memberships.userId, tenant.executive.id));
    await next("executive made admin");
    const other = await createTestTenant(database.db, "pck-other");
    await addMembership(database.db, other.organization.id, tenant.executive.id, "executive");
    await next("a membership of another organization (the switcher)");
    await database.db.update(organizations).set({ name: "Renamed other" }).where(eq(organizations.id, other.organization.id));
    await next("another organization renamed");
    await database.db.update(users).set({ name: "New Name" }).where(eq(users.id, tenant.executive.id));
    await next("the user renamed");
    await database.db.update(sessions).set({ twoFactorVerifiedAt: new Date() }).where(eq(sessions.id, sessionId));
    await next("the session passed a second factor");
    // A session of two days (sessions last 8 hours), to ask tomorrow.
    await database.db.update(sessions).set({ expiresAt: new Date(Date.now() + 2 * 86_400_000) }).where(eq(sessions.id, sessionId));
    today = new Date(Date.now() + 86_400_000);
    await next("the next day");
    today = new Date();
  });

  it("a write to another organization of the same user changes nothing for this one", async () => {
    const tenant = await createTestTenant(database.db, "pck-two-a");
    const other = await createTestTenant(database.db, "pck-two-b");
    await addMembership(database.db, other.organization.id, tenant.executive.id, "executive");
    const { cookie } = await signedIn(tenant.executive);
    const url = `/o/${tenant.organization.slug}/dashboard`;
    const key = await keyFor(cookie, url);
    const otherKey = await keyFor(cookie, `/o/${other.organization.slug}/dashboard`);
    await createTin(database.db, other.adminScope, { tin: "555444333", name: "Other's clinic" });
    expect(await keyFor(cookie, url)).toBe(key);
    expect(await keyFor(cookie, `/o/${other.organization.slug}/dashboard`)).not.toBe(otherKey);
  });

  it("a user of another tenant signing in changes nothing for this one", async () => {
    const tenant = await createTestTenant(database.db, "pck-isolated");
    const { cookie } = await signedIn(tenant.executive);
    const url = `/o/${tenant.organization.slug}/dashboard`;
    const key = await keyFor(cookie, url);
    const stranger = await createUser(database.db, "pck-stranger");
    const other = await createTestTenant(database.db, "pck-elsewhere");
    await addMembership(database.db, other.organization.id, stranger.id, "admin");
    await createTin(database.db, other.adminScope, { tin: "987654321", name: "Elsewhere" });
    expect(await keyFor(cookie, url)).toBe(key);
  });
});
