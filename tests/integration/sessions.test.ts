/**
 * Sessions that end (issue 14): the session cookie names a server-side session, checked on every
 * request; sign-out, "sign out everywhere", a password change, a role change and removal from an
 * organization end it, so a copy of the cookie stops working.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sessions } from "@/db/schema";
import { authOptions } from "@/server/auth";
import { createSession, endSessionOfCookie } from "@/server/services/sessions";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { codeOf } from "./helpers/outcome";
import { callerAs, createTestTenant, TEST_PASSWORD } from "./helpers/tenant";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A session as a sign-in makes it, and a caller holding its cookie (a second caller = a copied cookie). */
async function signedIn(user: { id: string }) {
  return createSession(database.db, { userId: user.id, ip: "10.3.0.1", userAgent: "test browser" });
}

describe("server-side sessions", () => {
  it("an unknown, malformed or expired session id is refused", async () => {
    const t = await createTestTenant(database.db, "sess-unknown");
    expect(await codeOf(callerAs(database.db, t.admin, "00000000-0000-4000-8000-000000000000").account.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(callerAs(database.db, t.admin, "not-a-uuid").account.me())).toBe("UNAUTHORIZED");
    const sid = await signedIn(t.admin);
    await database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sid));
    expect(await codeOf(callerAs(database.db, t.admin, sid).account.me())).toBe("UNAUTHORIZED");
    // Another user's session id does not sign you in as yourself.
    const theirs = await signedIn(t.executive);
    expect(await codeOf(callerAs(database.db, t.admin, theirs).account.me())).toBe("UNAUTHORIZED");
  });

  it("sign-out (next-auth's signOut event) ends the session: a copied cookie stops working, other sessions go on", async () => {
    const t = await createTestTenant(database.db, "sess-out");
    const sid = await signedIn(t.admin);
    const other = await signedIn(t.admin);
    const copy = callerAs(database.db, t.admin, sid);
    expect(await codeOf(copy.account.me())).toBe("OK");
    // What next-auth's signOut event (server/auth.ts) does on POST /api/auth/signout, with the decoded cookie.
    expect(authOptions.events?.signOut).toBeTypeOf("function");
    expect(await endSessionOfCookie(database.db, { sub: t.admin.id, sid })).toBe(true);
    expect(await codeOf(copy.account.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(copy.organizations.mine())).toBe("UNAUTHORIZED");
    expect(await codeOf(callerAs(database.db, t.admin, other).account.me())).toBe("OK");
  });

  it("the sessions page lists your live sessions only; you can end one, or all with sign out everywhere", async () => {
    const t = await createTestTenant(database.db, "sess-list");
    const first = await signedIn(t.clinician);
    const second = await signedIn(t.clinician);
    const mine = callerAs(database.db, t.clinician, first);
    const list = await mine.account.sessions();
    expect(list.map((s) => s.sessionId).sort()).toEqual([first, second].sort());
    expect(list.find((s) => s.sessionId === first)).toMatchObject({ current: true, ip: "10.3.0.1", userAgent: "test browser" });
    // Someone else's session cannot be ended through your account.
    const theirs = await signedIn(t.executive);
    expect(await mine.account.revokeSession({ sessionId: theirs })).toEqual({ revoked: false });
    expect(await codeOf(callerAs(database.db, t.executive, theirs).account.me())).toBe("OK");
    expect(await mine.account.revokeSession({ sessionId: second })).toEqual({ revoked: true });
    expect(await codeOf(callerAs(database.db, t.clinician, second).account.me())).toBe("UNAUTHORIZED");
    const third = await signedIn(t.clinician);
    expect(await mine.account.signOutEverywhere()).toEqual({ revoked: 2 });
    expect(await codeOf(callerAs(database.db, t.clinician, first).account.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(callerAs(database.db, t.clinician, third).account.me())).toBe("UNAUTHORIZED");
  });

  it("a password change ends every session of the user", async () => {
    const t = await createTestTenant(database.db, "sess-pw");
    const elsewhere = await signedIn(t.executive);
    await callerAs(database.db, t.executive).account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "brand-new-password", confirmPassword: "brand-new-password" });
    expect(await codeOf(callerAs(database.db, t.executive, elsewhere).account.me())).toBe("UNAUTHORIZED");
  });

  it("removal from an organization and a role change end the member's sessions", async () => {
    const t = await createTestTenant(database.db, "sess-member");
    const admin = callerAs(database.db, t.admin);
    const members = await admin.members.list({ organization: t.organization.slug });
    const clinicianSession = await signedIn(t.clinician);
    const executiveSession = await signedIn(t.executive);
    const exec = members.find((m) => m.userId === t.executive.id)!;
    await admin.members.changeRole({ organization: t.organization.slug, membershipId: exec.membershipId, role: "clinician", expectedVersion: exec.version });
    expect(await codeOf(callerAs(database.db, t.executive, executiveSession).account.me())).toBe("UNAUTHORIZED");
    const clinician = members.find((m) => m.userId === t.clinician.id)!;
    expect(await codeOf(callerAs(database.db, t.clinician, clinicianSession).account.me())).toBe("OK");
    await admin.members.remove({ organization: t.organization.slug, membershipId: clinician.membershipId });
    expect(await codeOf(callerAs(database.db, t.clinician, clinicianSession).account.me())).toBe("UNAUTHORIZED");
    // The admin's own session is untouched.
    expect(await codeOf(admin.account.me())).toBe("OK");
  });
});
