/**
 * Invitations (issue 14's High finding: an admin could create an account for any email with a password
 * of their choosing, or learn an account's name and id elsewhere, and join it to their organization).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, invitations, memberships, users } from "@/db/schema";
import { hashToken } from "@/server/services/tokens";
import { verifyCredentials } from "@/server/services/sign-in";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { lastMailId, tokenFromMail, waitForMail } from "./helpers/mail";
import { codeOf } from "./helpers/outcome";
import { callerAs, createTestTenant, createUser, uniqueSuffix, type TestTenant } from "./helpers/tenant";

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "inv");
  other = await createTestTenant(database.db, "inv-other");
});
afterAll(() => database.close());

async function invite(email: string, role: "admin" | "clinician" | "executive" = "clinician", t: TestTenant = tenant) {
  const after = lastMailId();
  const invited = await callerAs(database.db, t.admin).members.invite({ organization: t.organization.slug, email, role });
  const mail = await waitForMail(email, /invited/, { after });
  return { invited, mail, token: tokenFromMail(mail, "/invite/") };
}

async function actions(organizationId: string, targetId: string) {
  const rows = await database.db
    .select({ action: auditLog.action, actor: auditLog.actorUserId })
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.targetId, targetId)))
    .orderBy(auditLog.id);
  return rows;
}

describe("invitations", () => {
  it("a new person accepts by choosing a name and password, once; invited and accepted are audited", async () => {
    const email = `new-${uniqueSuffix()}@example.test`;
    const { invited, mail, token } = await invite(email.toUpperCase(), "executive");
    expect(invited).toMatchObject({ email, role: "executive", expired: false });
    expect(invited.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(invited.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    // Text and HTML, the organization named in both, the link in both.
    expect(mail.text).toContain(tenant.organization.name);
    expect(mail.html).toContain(`/invite/${token}`);
    // Hashed at rest: the token itself is nowhere in the table.
    const [stored] = await database.db.select().from(invitations).where(eq(invitations.id, invited.invitationId));
    expect(stored!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    // Nobody joined yet, no account exists.
    expect(await database.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);

    const anonymous = callerAs(database.db, null);
    expect(await anonymous.invitations.preview({ token })).toMatchObject({ email, role: "executive", organizationName: tenant.organization.name, accountExists: false });
    const accepted = await anonymous.invitations.acceptAsNewUser({ token, name: "Nia New", password: "chosen-password-1", confirmPassword: "chosen-password-1" });
    expect(accepted).toEqual({ organizationSlug: tenant.organization.slug, role: "executive", email });
    const user = await verifyCredentials(database.db, { email, password: "chosen-password-1", ip: "10.0.0.1" });
    expect(user).toMatchObject({ email, name: "Nia New" });
    const [membership] = await database.db.select().from(memberships).where(and(eq(memberships.organizationId, tenant.organization.id), eq(memberships.userId, user!.id)));
    expect(membership?.role).toBe("executive");
    // Single use.
    expect(await codeOf(anonymous.invitations.preview({ token }))).toBe("NOT_FOUND");
    expect(await codeOf(anonymous.invitations.acceptAsNewUser({ token, name: "Again", password: "another-password-1", confirmPassword: "another-password-1" }))).toBe("NOT_FOUND");
    expect(await actions(tenant.organization.id, invited.invitationId)).toEqual([
      { action: "member.invited", actor: tenant.admin.id },
      { action: "member.invitation_accepted", actor: user!.id },
    ]);
    // No longer pending.
    expect((await callerAs(database.db, tenant.admin).members.invitations({ organization: tenant.organization.slug })).map((i) => i.email)).not.toContain(email);
  });

  it("the pre-hijack: another organization's invitation cannot set the password of, or join, an existing account", async () => {
    // B's future member already has an account (made by accepting B's invitation, or anything else).
    const victim = await createUser(database.db, "victim");
    // A's admin invites that email: the answer is the same as for an unknown email, with nothing about the account.
    const { invited, token } = await invite(victim.email, "admin", other);
    const unknown = await callerAs(database.db, other.admin).members.invite({ organization: other.organization.slug, email: `nobody-${uniqueSuffix()}@example.test`, role: "admin" });
    expect(Object.keys(invited).sort()).toEqual(Object.keys(unknown).sort());
    expect(JSON.stringify(invited)).not.toContain(victim.id);
    expect(JSON.stringify(invited)).not.toContain(victim.name);
    // The admin does not hold the token; but even with it, the existing account cannot be taken over:
    const anonymous = callerAs(database.db, null);
    expect(await codeOf(anonymous.invitations.acceptAsNewUser({ token, name: "Attacker", password: "attacker-password-1", confirmPassword: "attacker-password-1" }))).toBe("CONFLICT");
    expect(await verifyCredentials(database.db, { email: victim.email, password: "attacker-password-1", ip: "10.0.0.2" })).toBeNull();
    // A different signed-in user cannot accept it.
    expect(await codeOf(callerAs(database.db, other.admin).invitations.accept({ token }))).toBe("FORBIDDEN");
    // Nobody joined A.
    expect(await database.db.select().from(memberships).where(and(eq(memberships.organizationId, other.organization.id), eq(memberships.userId, victim.id)))).toHaveLength(0);
    // The invitee signs in as themselves and accepts.
    expect(await callerAs(database.db, victim).invitations.accept({ token })).toEqual({ organizationSlug: other.organization.slug, role: "admin" });
    expect(await codeOf(callerAs(database.db, victim).invitations.accept({ token }))).toBe("NOT_FOUND");
  });

  it("members.list and the invitation answers show no user's id or name from elsewhere", async () => {
    const elsewhere = await createUser(database.db, "elsewhere");
    const { invited } = await invite(elsewhere.email);
    const pending = await callerAs(database.db, tenant.admin).members.invitations({ organization: tenant.organization.slug });
    expect(JSON.stringify(pending)).not.toContain(elsewhere.id);
    expect(JSON.stringify(pending)).not.toContain(elsewhere.name);
    expect(JSON.stringify(invited)).not.toContain(elsewhere.name);
    const members = await callerAs(database.db, tenant.admin).members.list({ organization: tenant.organization.slug });
    expect(members.map((m) => m.email)).not.toContain(elsewhere.email);
  });

  it("resend replaces the link; revoke ends it; both audited; a second pending invitation for one email is a conflict", async () => {
    const email = `resend-${uniqueSuffix()}@example.test`;
    const { invited, token: first } = await invite(email);
    const api = callerAs(database.db, tenant.admin);
    expect(await codeOf(api.members.invite({ organization: tenant.organization.slug, email, role: "admin" }))).toBe("CONFLICT");
    const after = lastMailId();
    await api.members.resendInvitation({ organization: tenant.organization.slug, invitationId: invited.invitationId });
    const second = tokenFromMail(await waitForMail(email, /invited/, { after }), "/invite/");
    expect(second).not.toBe(first);
    const anonymous = callerAs(database.db, null);
    expect(await codeOf(anonymous.invitations.preview({ token: first }))).toBe("NOT_FOUND");
    expect(await codeOf(anonymous.invitations.preview({ token: second }))).toBe("OK");
    await api.members.revokeInvitation({ organization: tenant.organization.slug, invitationId: invited.invitationId });
    expect(await codeOf(anonymous.invitations.preview({ token: second }))).toBe("NOT_FOUND");
    expect(await codeOf(anonymous.invitations.acceptAsNewUser({ token: second, name: "Late", password: "late-password-1", confirmPassword: "late-password-1" }))).toBe("NOT_FOUND");
    expect(await codeOf(api.members.revokeInvitation({ organization: tenant.organization.slug, invitationId: invited.invitationId }))).toBe("NOT_FOUND");
    expect((await actions(tenant.organization.id, invited.invitationId)).map((a) => a.action)).toEqual(["member.invited", "member.invitation_resent", "member.invitation_revoked"]);
    // After revocation the email can be invited again.
    expect(await codeOf(api.members.invite({ organization: tenant.organization.slug, email, role: "admin" }))).toBe("OK");
  });

  it("an invitation expires after 7 days", async () => {
    const email = `late-${uniqueSuffix()}@example.test`;
    const { token } = await invite(email);
    await database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.tokenHash, hashToken(token)));
    expect(await codeOf(callerAs(database.db, null).invitations.preview({ token }))).toBe("NOT_FOUND");
    const listed = await callerAs(database.db, tenant.admin).members.invitations({ organization: tenant.organization.slug });
    expect(listed.find((i) => i.email === email)?.expired).toBe(true);
  });

  it("inviting a current member is a conflict about this organization only", async () => {
    const api = callerAs(database.db, tenant.admin);
    expect(await codeOf(api.members.invite({ organization: tenant.organization.slug, email: tenant.clinician.email, role: "clinician" }))).toBe("CONFLICT");
    // A member of another organization is invited like anyone.
    expect(await codeOf(api.members.invite({ organization: tenant.organization.slug, email: other.clinician.email, role: "clinician" }))).toBe("OK");
  });

  it("another organization's invitation id is NOT_FOUND for resend and revoke", async () => {
    const { invited } = await invite(`theirs-${uniqueSuffix()}@example.test`, "clinician", other);
    const api = callerAs(database.db, tenant.admin);
    expect(await codeOf(api.members.resendInvitation({ organization: tenant.organization.slug, invitationId: invited.invitationId }))).toBe("NOT_FOUND");
    expect(await codeOf(api.members.revokeInvitation({ organization: tenant.organization.slug, invitationId: invited.invitationId }))).toBe("NOT_FOUND");
    expect((await callerAs(database.db, other.admin).members.invitations({ organization: other.organization.slug })).map((i) => i.invitationId)).toContain(invited.invitationId);
  });
});
