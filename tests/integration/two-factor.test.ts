/**
 * TOTP two-factor (issue 14): enrolment with a QR code, a first code turns it on and shows 10 recovery
 * codes once (stored hashed); sign-in then asks for a code after the password; a code works once; a
 * recovery code works once; wrong codes are throttled like passwords; "admins must use two-factor";
 * sign-in events in the user's history and each organization's audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { generate } from "otplib";
import { auditLog, recoveryCodes, twoFactorCredentials } from "@/db/schema";
import { createSession } from "@/server/services/sessions";
import { signInWithPassword } from "@/server/services/sign-in-flow";
import { MAX_FAILURES_PER_EMAIL_AND_IP } from "@/server/services/sign-in";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { codeOf } from "./helpers/outcome";
import { callerAs, createTestTenant, TEST_PASSWORD, type TestUser } from "./helpers/tenant";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** The code an authenticator shows `stepsAhead` periods from now. */
function codeAt(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/** Enrols `user` through the procedures; returns the secret, the recovery codes and the enrolling session. */
async function enrol(user: TestUser) {
  const sessionId = await createSession(database.db, { userId: user.id, ip: "10.9.0.1" });
  const api = callerAs(database.db, user, sessionId);
  const started = await api.account.startTwoFactor();
  const { recoveryCodes: codes } = await api.account.confirmTwoFactor({ code: await codeAt(started.secret) });
  return { secret: started.secret, codes, sessionId, api, started };
}

describe("two-factor enrolment", () => {
  it("a QR code and secret, then a first code turns it on and answers 10 recovery codes, stored hashed; the secret is encrypted", async () => {
    const t = await createTestTenant(database.db, "tfa-enrol");
    const sessionId = await createSession(database.db, { userId: t.admin.id, ip: "10.9.0.1" });
    const api = callerAs(database.db, t.admin, sessionId);
    const started = await api.account.startTwoFactor();
    expect(started.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(started.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(started.otpauthUri).toContain("issuer=PI%20Portal");
    // Not on until confirmed; a wrong first code is refused.
    expect(await api.account.twoFactorStatus()).toMatchObject({ enabled: false });
    expect(await codeOf(api.account.confirmTwoFactor({ code: "000000" }))).toBe("BAD_REQUEST");
    const { recoveryCodes: codes } = await api.account.confirmTwoFactor({ code: await codeAt(started.secret) });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await api.account.twoFactorStatus()).toEqual({ enabled: true, recoveryCodesLeft: 10, sessionVerified: true });
    const stored = await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, t.admin.id));
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ""));
    const [credential] = await database.db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, t.admin.id));
    expect(credential!.secretEncrypted).not.toContain(started.secret);
    const audited = await database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, t.organization.id), eq(auditLog.action, "user.two_factor_enabled")));
    expect(audited).toHaveLength(1);
    // A second enrolment while on is refused.
    expect(await codeOf(api.account.startTwoFactor())).toBe("CONFLICT");
  });
});

describe("signing in with two-factor", () => {
  it("after the right password the code is asked for; a right code signs in (session marked verified); the same code does not work twice", async () => {
    const t = await createTestTenant(database.db, "tfa-signin");
    const { secret } = await enrol(t.executive);
    const base = { email: t.executive.email, password: TEST_PASSWORD, ip: "10.9.1.1" };
    expect(await signInWithPassword(database.db, { ...base, password: "wrong-password" })).toEqual({ kind: "invalid" });
    expect(await signInWithPassword(database.db, base)).toEqual({ kind: "two_factor_required" });
    expect(await signInWithPassword(database.db, { ...base, code: "123456" })).toEqual({ kind: "two_factor_invalid" });
    const code = await codeAt(secret, 1);
    const outcome = await signInWithPassword(database.db, { ...base, code });
    expect(outcome).toMatchObject({ kind: "signed_in", twoFactor: true });
    if (outcome.kind !== "signed_in") throw new Error("not signed in");
    expect(await callerAs(database.db, t.executive, outcome.sessionId).account.twoFactorStatus()).toMatchObject({ sessionVerified: true });
    // Replay of the same code (same step) is refused.
    expect(await signInWithPassword(database.db, { ...base, code })).toEqual({ kind: "two_factor_invalid" });
  });

  it("a recovery code works once, case and dashes aside", async () => {
    const t = await createTestTenant(database.db, "tfa-recovery");
    const { codes } = await enrol(t.clinician);
    const base = { email: t.clinician.email, password: TEST_PASSWORD, ip: "10.9.2.1" };
    const code = codes[3]!;
    expect(await signInWithPassword(database.db, { ...base, code: code.toLowerCase().replace(/-/g, " ") })).toMatchObject({ kind: "signed_in" });
    expect(await signInWithPassword(database.db, { ...base, code })).toEqual({ kind: "two_factor_invalid" });
    expect(await callerAs(database.db, t.clinician).account.twoFactorStatus()).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it(`wrong codes are throttled like passwords: after ${MAX_FAILURES_PER_EMAIL_AND_IP}, even the right code is refused`, async () => {
    const t = await createTestTenant(database.db, "tfa-throttle");
    const { secret } = await enrol(t.admin);
    const base = { email: t.admin.email, password: TEST_PASSWORD, ip: "10.9.3.1" };
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL_AND_IP; i++) {
      expect(await signInWithPassword(database.db, { ...base, code: String(100000 + i) })).toEqual({ kind: "two_factor_invalid" });
    }
    await expect(signInWithPassword(database.db, { ...base, code: await codeAt(secret, 1) })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("turning it off needs the password and a code; sign-in then asks for no code", async () => {
    const t = await createTestTenant(database.db, "tfa-off");
    const { secret, api } = await enrol(t.executive);
    expect(await codeOf(api.account.disableTwoFactor({ password: "wrong-password", code: await codeAt(secret, 1) }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.account.disableTwoFactor({ password: TEST_PASSWORD, code: "999999" }))).toBe("BAD_REQUEST");
    await api.account.disableTwoFactor({ password: TEST_PASSWORD, code: await codeAt(secret, 1) });
    expect(await signInWithPassword(database.db, { email: t.executive.email, password: TEST_PASSWORD, ip: "10.9.4.1" })).toMatchObject({ kind: "signed_in", twoFactor: false });
  });
});

describe("admins must use two-factor", () => {
  it("an admin without a second factor is refused in the organization (the layout still learns why); with it, allowed; clinicians unaffected", async () => {
    const t = await createTestTenant(database.db, "tfa-policy");
    const organization = t.organization.slug;
    // Turning it on needs a second factor yourself.
    expect(await codeOf(callerAs(database.db, t.admin).organizations.setAdminTwoFactorPolicy({ organization, required: true }))).toBe("BAD_REQUEST");
    const { api: verifiedAdmin } = await enrol(t.admin);
    await verifiedAdmin.organizations.setAdminTwoFactorPolicy({ organization, required: true });
    expect(await codeOf(verifiedAdmin.members.list({ organization }))).toBe("OK");
    // The same admin in a session without the second factor (e.g. signed in before enrolling).
    const unverified = callerAs(database.db, t.admin, await createSession(database.db, { userId: t.admin.id, ip: "10.9.5.1" }));
    expect(await codeOf(unverified.members.list({ organization }))).toBe("FORBIDDEN");
    expect(await unverified.organizations.get({ organization })).toMatchObject({ twoFactorRequired: true, role: "admin" });
    // Not admins: unaffected.
    expect(await codeOf(callerAs(database.db, t.clinician).clinicians.list({ organization }))).not.toBe("FORBIDDEN");
    const entries = await database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, t.organization.id), eq(auditLog.action, "organization.two_factor_policy_changed")));
    expect(entries).toHaveLength(1);
  });
});

describe("sign-in events", () => {
  it("successes, failures, lockouts and second-factor failures are in your history and in each organization's audit log", async () => {
    const t = await createTestTenant(database.db, "tfa-events");
    const other = await createTestTenant(database.db, "tfa-events-2");
    const { addMembership } = await import("./helpers/tenant");
    await addMembership(database.db, other.organization.id, t.clinician.id, "clinician");
    const base = { email: t.clinician.email, ip: "10.9.6.1" };
    await signInWithPassword(database.db, { ...base, password: TEST_PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL_AND_IP; i++) await signInWithPassword(database.db, { ...base, password: `wrong-${i}` });
    await expect(signInWithPassword(database.db, { ...base, password: TEST_PASSWORD })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const history = await callerAs(database.db, t.clinician).account.signIns();
    expect(history.map((e) => e.kind)).toEqual(["locked_out", ...Array(MAX_FAILURES_PER_EMAIL_AND_IP).fill("password_failed"), "signed_in"]);
    expect(history[0]).toMatchObject({ ip: "10.9.6.1" });
    for (const organizationId of [t.organization.id, other.organization.id]) {
      const actions = await database.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.targetId, t.clinician.id)));
      expect(actions.map((a) => a.action).sort()).toEqual(["user.sign_in_failed", "user.sign_in_failed", "user.sign_in_failed", "user.sign_in_failed", "user.sign_in_failed", "user.sign_in_locked_out", "user.signed_in"].sort());
    }
    // Someone else's history is not yours.
    expect(await callerAs(database.db, t.admin).account.signIns()).toEqual([]);
  });
});
