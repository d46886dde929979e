import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { callerAs, createTestTenant, TEST_PASSWORD, type TestTenant } from "./helpers/tenant";
import { inArray } from "drizzle-orm";
import { signInAttempts } from "@/db/schema";
import { eq } from "drizzle-orm";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_EMAIL_AND_IP, MAX_FAILURES_PER_IP, SIGN_IN_ATTEMPTS_KEPT_HOURS, verifyCredentials } from "@/server/services/sign-in";

let database: TestDatabase;
let tenant: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "signin");
});
afterAll(() => database.close());

describe("sign-in", () => {
  it("accepts the right password, case-insensitively on the email, and refuses a wrong one with null", async () => {
    const ok = await verifyCredentials(database.db, { email: tenant.admin.email.toUpperCase(), password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(ok).toMatchObject({ id: tenant.admin.id });
    expect(await verifyCredentials(database.db, { email: tenant.admin.email, password: "wrong", ip: "10.0.0.1" })).toBeNull();
    expect(await verifyCredentials(database.db, { email: "nobody@example.test", password: "wrong", ip: "10.0.0.1" })).toBeNull();
  });

  it(`after ${MAX_FAILURES_PER_EMAIL_AND_IP} failures for an email from one address, even the right password is refused there until the window passes; other addresses still sign in`, async () => {
    const email = tenant.executive.email;
    const now = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL_AND_IP; i++) {
      expect(await verifyCredentials(database.db, { email, password: `bad-${i}`, ip: "10.1.0.1", now })).toBeNull();
    }
    await expect(verifyCredentials(database.db, { email, password: TEST_PASSWORD, ip: "10.1.0.1", now })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Try again in 15 minutes/),
    });
    // A targeted lockout costs the attacker: the owner, elsewhere, still signs in.
    expect(await verifyCredentials(database.db, { email, password: TEST_PASSWORD, ip: "10.1.0.2", now })).toMatchObject({ id: tenant.executive.id });
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(await verifyCredentials(database.db, { email, password: TEST_PASSWORD, ip: "10.1.0.1", now: later })).toMatchObject({ id: tenant.executive.id });
  });

  it(`after ${MAX_FAILURES_PER_EMAIL} failures for an email from many addresses, the email is refused from every address`, async () => {
    const t = await createTestTenant(database.db, "signin-global");
    const now = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await verifyCredentials(database.db, { email: t.admin.email, password: `bad-${i}`, ip: `10.5.${Math.floor(i / 4)}.${i % 4}`, now })).toBeNull();
    }
    await expect(verifyCredentials(database.db, { email: t.admin.email, password: TEST_PASSWORD, ip: "10.5.200.1", now })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it(`25 parallel wrong passwords on one email from one address get at most ${MAX_FAILURES_PER_EMAIL_AND_IP} password checks (atomic counters)`, async () => {
    const t = await createTestTenant(database.db, "signin-parallel");
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        verifyCredentials(database.db, { email: t.clinician.email, password: `parallel-${i}`, ip: "10.6.0.1", now }).then(
          (user) => (user ? "signed in" : "wrong"),
          (error: { code?: string }) => error.code ?? "error",
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "wrong")).toHaveLength(MAX_FAILURES_PER_EMAIL_AND_IP);
    expect(outcomes.filter((o) => o === "TOO_MANY_REQUESTS")).toHaveLength(25 - MAX_FAILURES_PER_EMAIL_AND_IP);
    const recorded = await database.db.select().from(signInAttempts).where(eq(signInAttempts.email, t.clinician.email));
    expect(recorded).toHaveLength(MAX_FAILURES_PER_EMAIL_AND_IP);
  });

  it(`after ${MAX_FAILURES_PER_IP} failures from one IP, that IP is refused for any email`, async () => {
    const now = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await verifyCredentials(database.db, { email: `guess-${i}@example.test`, password: "x", ip: "10.9.9.9", now });
    }
    await expect(verifyCredentials(database.db, { email: tenant.clinician.email, password: TEST_PASSWORD, ip: "10.9.9.9", now })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(await verifyCredentials(database.db, { email: tenant.clinician.email, password: TEST_PASSWORD, ip: "10.9.9.10", now })).not.toBeNull();
  });
});

describe("sign-in attempts clean-up", () => {
  it(`deletes an address's attempts older than ${SIGN_IN_ATTEMPTS_KEPT_HOURS} hours by the caller's clock, keeps newer ones and other addresses'`, async () => {
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const email = "stale@example.test";
    await database.db.insert(signInAttempts).values([
      { email, ip: "10.7.0.1", succeeded: false, attemptedAt: hoursAgo(SIGN_IN_ATTEMPTS_KEPT_HOURS + 1) },
      { email, ip: "10.7.0.2", succeeded: false, attemptedAt: hoursAgo(SIGN_IN_ATTEMPTS_KEPT_HOURS - 1) },
      { email: "other@example.test", ip: "10.7.0.3", succeeded: false, attemptedAt: hoursAgo(SIGN_IN_ATTEMPTS_KEPT_HOURS + 1) },
      { email: "third@example.test", ip: "10.7.0.9", succeeded: false, attemptedAt: hoursAgo(SIGN_IN_ATTEMPTS_KEPT_HOURS + 2) },
    ]);
    await verifyCredentials(database.db, { email, password: "x", ip: "10.7.0.9", now });
    const left = await database.db
      .select({ email: signInAttempts.email, ip: signInAttempts.ip })
      .from(signInAttempts)
      .where(inArray(signInAttempts.ip, ["10.7.0.1", "10.7.0.2", "10.7.0.3", "10.7.0.9"]))
      .orderBy(signInAttempts.ip);
    // Kept: the recent attempt of the email, the other address's stale one, and the attempt just made.
    expect(left).toEqual([
      { email, ip: "10.7.0.2" },
      { email: "other@example.test", ip: "10.7.0.3" },
      { email, ip: "10.7.0.9" },
    ]);
  });

  it("a caller whose clock is days behind the database keeps its own recent failures (same clock for check and clean-up)", async () => {
    const behind = new Date(Date.now() - 5 * 86_400_000);
    const email = "behind@example.test";
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL_AND_IP; i++) {
      await verifyCredentials(database.db, { email, password: `bad-${i}`, ip: "10.8.0.1", now: behind });
    }
    await expect(verifyCredentials(database.db, { email, password: "bad", ip: "10.8.0.1", now: behind })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});

describe("sessions and password change", () => {
  it("changing the password ends the sessions that began before it, and the old password stops working", async () => {
    const t = await createTestTenant(database.db, "pw");
    const api = callerAs(database.db, t.clinician);
    await expect(api.account.changePassword({ currentPassword: "wrong-password", newPassword: "new-password-123", confirmPassword: "new-password-123" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ path: "currentPassword" }] },
    });
    await expect(api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "new-password-123", confirmPassword: "other" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "new-password-123", confirmPassword: "new-password-123" });
    await expect(api.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // A session begun after the change (a new sign-in) works.
    await expect(callerAs(database.db, t.clinician).account.me()).resolves.toMatchObject({ id: t.clinician.id });
    expect(await verifyCredentials(database.db, { email: t.clinician.email, password: TEST_PASSWORD, ip: "10.2.0.1" })).toBeNull();
    expect(await verifyCredentials(database.db, { email: t.clinician.email, password: "new-password-123", ip: "10.2.0.1" })).not.toBeNull();
  });

  it(`the current-password check of a password change is throttled like sign-in (${MAX_FAILURES_PER_EMAIL_AND_IP} tries)`, async () => {
    const t = await createTestTenant(database.db, "pw-throttle");
    const api = callerAs(database.db, t.executive);
    const attempt = (currentPassword: string) =>
      api.account.changePassword({ currentPassword, newPassword: "new-password-456", confirmPassword: "new-password-456" }).then(
        () => "OK",
        (error: { code?: string }) => error.code,
      );
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(`wrong-${i}`)));
    expect(outcomes.filter((o) => o === "BAD_REQUEST")).toHaveLength(MAX_FAILURES_PER_EMAIL_AND_IP);
    expect(outcomes.filter((o) => o === "TOO_MANY_REQUESTS")).toHaveLength(12 - MAX_FAILURES_PER_EMAIL_AND_IP);
    // Even the right one is refused now.
    expect(await attempt(TEST_PASSWORD)).toBe("TOO_MANY_REQUESTS");
  });
});
