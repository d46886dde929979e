/** Password reset by email (issue 14): 1 hour, single use, every session ends, one generic answer. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, passwordResetTokens } from "@/db/schema";
import { caughtMails } from "@/server/mail/catcher";
import { MAX_RESET_LINKS_PER_HOUR, RESET_REQUESTED_MESSAGE, requestPasswordReset } from "@/server/services/password-reset";
import { createSession } from "@/server/services/sessions";
import { verifyCredentials } from "@/server/services/sign-in";
import { hashToken } from "@/server/services/tokens";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { lastMailId, tokenFromMail, waitForMail } from "./helpers/mail";
import { codeOf } from "./helpers/outcome";
import { callerAs, createTestTenant, createUser, TEST_PASSWORD, uniqueSuffix } from "./helpers/tenant";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function requestLink(email: string) {
  const after = lastMailId();
  const answer = await callerAs(database.db, null).passwordReset.request({ email });
  expect(answer).toEqual({ message: RESET_REQUESTED_MESSAGE });
  return tokenFromMail(await waitForMail(email, /Reset your PI Portal password/, { after }), "/reset-password/");
}

describe("password reset", () => {
  it("the link sets a new password once, ends every session, and is audited in the user's organizations", async () => {
    const t = await createTestTenant(database.db, "reset");
    const session = await createSession(database.db, { userId: t.clinician.id, ip: "10.4.0.1" });
    const token = await requestLink(t.clinician.email.toUpperCase());
    const api = callerAs(database.db, null);
    expect(await api.passwordReset.complete({ token, newPassword: "reset-password-1", confirmPassword: "reset-password-1" })).toEqual({ email: t.clinician.email });
    expect(await verifyCredentials(database.db, { email: t.clinician.email, password: TEST_PASSWORD, ip: "10.4.0.2" })).toBeNull();
    expect(await verifyCredentials(database.db, { email: t.clinician.email, password: "reset-password-1", ip: "10.4.0.2" })).not.toBeNull();
    expect(await codeOf(callerAs(database.db, t.clinician, session).account.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(api.passwordReset.complete({ token, newPassword: "again-password-1", confirmPassword: "again-password-1" }))).toBe("NOT_FOUND");
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.targetId, t.clinician.id));
    expect(entries.map((e) => [e.action, e.organizationId])).toContainEqual(["user.password_reset", t.organization.id]);
    // Stored hashed.
    const [stored] = await database.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, hashToken(token)));
    expect(stored?.usedAt).not.toBeNull();
  });

  it("the same answer, and no mail, for an email without an account", async () => {
    const email = `nobody-${uniqueSuffix()}@example.test`;
    const answer = await callerAs(database.db, null).passwordReset.request({ email });
    expect(answer).toEqual({ message: RESET_REQUESTED_MESSAGE });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(caughtMails(email)).toHaveLength(0);
  });

  it("a link older than 1 hour is refused; a newer link's use ends the older links", async () => {
    const user = await createUser(database.db, "reset-old");
    const first = await requestLink(user.email);
    const second = await requestLink(user.email);
    await database.db.update(passwordResetTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResetTokens.tokenHash, hashToken(first)));
    const api = callerAs(database.db, null);
    expect(await codeOf(api.passwordReset.complete({ token: first, newPassword: "late-password-1", confirmPassword: "late-password-1" }))).toBe("NOT_FOUND");
    const third = await requestLink(user.email);
    await api.passwordReset.complete({ token: second, newPassword: "fresh-password-1", confirmPassword: "fresh-password-1" });
    expect(await codeOf(api.passwordReset.complete({ token: third, newPassword: "other-password-1", confirmPassword: "other-password-1" }))).toBe("NOT_FOUND");
  });

  it(`at most ${MAX_RESET_LINKS_PER_HOUR} links per email and hour`, async () => {
    const user = await createUser(database.db, "reset-flood");
    const sent: Promise<void>[] = [];
    for (let i = 0; i < MAX_RESET_LINKS_PER_HOUR + 2; i++) await requestPasswordReset(database.db, { email: user.email, onSent: (p) => sent.push(p) });
    await Promise.all(sent);
    expect(sent).toHaveLength(MAX_RESET_LINKS_PER_HOUR);
    expect(await database.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id))).toHaveLength(MAX_RESET_LINKS_PER_HOUR);
  });
});
