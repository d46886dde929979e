import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { callerAs, createTestTenant, TEST_PASSWORD, type TestTenant } from "./helpers/tenant";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, verifyCredentials } from "@/server/services/sign-in";

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

  it(`after ${MAX_FAILURES_PER_EMAIL} failures for an email, even the right password is refused until the window passes`, async () => {
    const email = tenant.executive.email;
    const now = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await verifyCredentials(database.db, { email, password: `bad-${i}`, ip: `10.1.0.${i}`, now })).toBeNull();
    }
    await expect(verifyCredentials(database.db, { email, password: TEST_PASSWORD, ip: "10.1.1.1", now })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Try again in 15 minutes/),
    });
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(await verifyCredentials(database.db, { email, password: TEST_PASSWORD, ip: "10.1.1.1", now: later })).toMatchObject({ id: tenant.executive.id });
  });

  it(`after ${MAX_FAILURES_PER_IP} failures from one IP, that IP is refused for any email`, async () => {
    const now = new Date("2026-11-23T12:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await verifyCredentials(database.db, { email: `guess-${i}@example.test`, password: "x", ip: "10.9.9.9", now });
    }
    await expect(verifyCredentials(database.db, { email: tenant.clinician.email, password: TEST_PASSWORD, ip: "10.9.9.9", now })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(await verifyCredentials(database.db, { email: tenant.clinician.email, password: TEST_PASSWORD, ip: "10.9.9.10", now })).not.toBeNull();
  });
});

describe("sessions and password change", () => {
  it("changing the password ends sessions that began before it, and the old password stops working", async () => {
    const t = await createTestTenant(database.db, "pw");
    const api = callerAs(database.db, t.clinician, Date.now());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(api.account.changePassword({ currentPassword: "wrong-password", newPassword: "new-password-123", confirmPassword: "new-password-123" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ path: "currentPassword" }] },
    });
    await expect(api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "new-password-123", confirmPassword: "other" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "new-password-123", confirmPassword: "new-password-123" });
    await expect(api.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerAs(database.db, t.clinician, Date.now() + 2_000).account.me()).resolves.toMatchObject({ id: t.clinician.id });
    expect(await verifyCredentials(database.db, { email: t.clinician.email, password: TEST_PASSWORD, ip: "10.2.0.1" })).toBeNull();
    expect(await verifyCredentials(database.db, { email: t.clinician.email, password: "new-password-123", ip: "10.2.0.1" })).not.toBeNull();
  });
});
