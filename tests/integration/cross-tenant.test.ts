/**
 * Walks every procedure of the app router and calls each as a member of a different organization: every
 * organization procedure must answer NOT_FOUND (not FORBIDDEN: other tenants' existence is not revealed),
 * whatever the caller's role. Procedures outside an organization must be on the reviewed list below; a
 * new procedure is covered without editing this file, and a new non-organization one fails until reviewed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/routers/_app";
import { organizationInput } from "@/server/trpc";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { codeOf } from "./helpers/outcome";
import { callerAs, createTestTenant, type TestTenant } from "./helpers/tenant";

/** Procedures that act on the caller's own user, not inside an organization (reviewed). */
const USER_PROCEDURES = new Set([
  "account.me",
  "account.changePassword",
  "account.sessions",
  "account.revokeSession",
  "account.signOutEverywhere",
  "account.signIns",
  "account.twoFactorStatus",
  "account.startTwoFactor",
  "account.confirmTwoFactor",
  "account.disableTwoFactor",
  "organizations.mine",
  // The invitee's side: found by the emailed secret token, never by an organization id (tests/integration/invitations.test.ts).
  "invitations.preview",
  "invitations.accept",
  "invitations.acceptAsNewUser",
  // Forgotten passwords: by email or by the emailed token (tests/integration/password-reset.test.ts).
  "passwordReset.request",
  "passwordReset.complete",
]);

interface ProcedureDef {
  _def: { inputs: unknown[]; type: "query" | "mutation" | "subscription" };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

function isOrganizationProcedure(procedure: ProcedureDef): boolean {
  return procedure._def.inputs.includes(organizationInput);
}

function callByPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

let database: TestDatabase;
let mine: TestTenant;
let theirs: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  mine = await createTestTenant(database.db, "mine");
  theirs = await createTestTenant(database.db, "theirs");
});
afterAll(() => database.close());

describe("cross-tenant enumeration", () => {
  it("finds the procedures (the walk itself works)", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(8);
    expect(procedures.some(([, p]) => isOrganizationProcedure(p))).toBe(true);
  });

  it("every procedure is either an organization procedure or a reviewed user procedure", () => {
    const outside = procedures.filter(([, p]) => !isOrganizationProcedure(p)).map(([path]) => path);
    expect(outside.sort()).toEqual([...USER_PROCEDURES].sort());
  });

  for (const [path, procedure] of procedures) {
    if (!isOrganizationProcedure(procedure)) continue;
    it(`${path} (${procedure._def.type}) refuses every role of another organization with NOT_FOUND`, async () => {
      for (const role of ["admin", "executive", "clinician"] as const) {
        const caller = callerAs(database.db, mine[role]);
        for (const organization of [theirs.organization.slug, theirs.organization.id]) {
          expect(await codeOf(callByPath(caller, path, { organization })), `${role} → ${organization}`).toBe("NOT_FOUND");
        }
      }
      // And anonymous callers are asked to sign in.
      expect(await codeOf(callByPath(callerAs(database.db, null), path, { organization: theirs.organization.slug }))).toBe("UNAUTHORIZED");
    });
  }

  it("user procedures only return the caller's own organizations", async () => {
    const list = await callerAs(database.db, mine.admin).organizations.mine();
    expect(list.map((m) => m.organization.id)).toEqual([mine.organization.id]);
  });
});
