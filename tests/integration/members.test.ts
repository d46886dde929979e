import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRPCError } from "@trpc/server";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { codeOf } from "./helpers/outcome";
import { addMembership, callerAs, createTestTenant, createUser, type TestTenant } from "./helpers/tenant";

let database: TestDatabase;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "members");
  other = await createTestTenant(database.db, "other");
});
afterAll(() => database.close());

describe("members", () => {
  // Joining is by invitation (tests/integration/invitations.test.ts); there is no way to add a user directly.
  it("there is no procedure that adds an existing or new user without their consent", () => {
    expect(Object.keys(callerAs(database.db, tenant.admin).members)).not.toContain("add");
  });

  it("the last admin can be neither demoted nor removed; with a second admin, they can", async () => {
    // Its own tenant: this test demotes its admin.
    const tenant = await createTestTenant(database.db, "last-admin");
    const api = callerAs(database.db, tenant.admin);
    const members = await api.members.list({ organization: tenant.organization.slug });
    const me = members.find((m) => m.userId === tenant.admin.id)!;
    await expect(
      api.members.changeRole({ organization: tenant.organization.slug, membershipId: me.membershipId, role: "executive", expectedVersion: me.version }),
    ).rejects.toThrow(/last admin/);
    await expect(api.members.remove({ organization: tenant.organization.slug, membershipId: me.membershipId })).rejects.toThrow(/last admin/);

    const exec = members.find((m) => m.userId === tenant.executive.id)!;
    const promoted = await api.members.changeRole({
      organization: tenant.organization.slug,
      membershipId: exec.membershipId,
      role: "admin",
      expectedVersion: exec.version,
    });
    expect(promoted).toMatchObject({ role: "admin", version: exec.version + 1 });
    // A stale version is refused with who changed it.
    await expect(
      api.members.changeRole({ organization: tenant.organization.slug, membershipId: exec.membershipId, role: "clinician", expectedVersion: exec.version }),
    ).rejects.toThrow(/changed by .* after you opened it/);
    // Now the first admin may step down.
    const demoted = await api.members.changeRole({ organization: tenant.organization.slug, membershipId: me.membershipId, role: "executive", expectedVersion: me.version });
    expect(demoted.role).toBe("executive");
  });

  it("clinicians and executives get FORBIDDEN on the members procedures; a non-member gets NOT_FOUND", async () => {
    const input = { organization: other.organization.slug };
    expect(await codeOf(callerAs(database.db, other.clinician).members.list(input))).toBe("FORBIDDEN");
    expect(await codeOf(callerAs(database.db, other.executive).members.list(input))).toBe("FORBIDDEN");
    expect(await codeOf(callerAs(database.db, tenant.admin).members.list(input))).toBe("NOT_FOUND");
    expect(await codeOf(callerAs(database.db, tenant.admin).members.list({ organization: other.organization.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callerAs(database.db, null).members.list(input))).toBe("UNAUTHORIZED");
  });

  it("an admin of one organization cannot change a membership of another by its id", async () => {
    const theirs = await callerAs(database.db, other.admin).members.list({ organization: other.organization.slug });
    const target = theirs.find((m) => m.userId === other.clinician.id)!;
    // Using their own organization with the other tenant's membership id: the row is not found in scope.
    expect(
      await codeOf(
        callerAs(database.db, tenant.admin).members.remove({ organization: tenant.organization.slug, membershipId: target.membershipId }),
      ),
    ).toBe("NOT_FOUND");
    const after = await callerAs(database.db, other.admin).members.list({ organization: other.organization.slug });
    expect(after.map((m) => m.membershipId)).toContain(target.membershipId);
  });

  it("a user in two organizations sees both in the switcher, with a role in each", async () => {
    const user = await createUser(database.db, "both");
    await addMembership(database.db, tenant.organization.id, user.id, "executive");
    await addMembership(database.db, other.organization.id, user.id, "admin");
    const mine = await callerAs(database.db, user).organizations.mine();
    expect(mine.map((m) => [m.organization.slug, m.role]).sort()).toEqual(
      [
        [tenant.organization.slug, "executive"],
        [other.organization.slug, "admin"],
      ].sort(),
    );
  });
});

describe("members role matrix", () => {
  const calls = {
    list: (api: ReturnType<typeof callerAs>, organization: string) => api.members.list({ organization }),
    invite: (api: ReturnType<typeof callerAs>, organization: string) =>
      api.members.invite({ organization, email: `matrix-${Math.random().toString(36).slice(2)}@example.test`, role: "executive" }),
    changeRole: (api: ReturnType<typeof callerAs>, organization: string, target: { membershipId: string; version: number }) =>
      api.members.changeRole({ organization, membershipId: target.membershipId, role: "executive", expectedVersion: target.version }),
    remove: (api: ReturnType<typeof callerAs>, organization: string, target: { membershipId: string }) =>
      api.members.remove({ organization, membershipId: target.membershipId }),
  };
  const expected = { admin: "OK", executive: "FORBIDDEN", clinician: "FORBIDDEN" } as const;

  for (const procedure of Object.keys(calls) as (keyof typeof calls)[]) {
    for (const role of ["admin", "executive", "clinician"] as const) {
      it(`members.${procedure} as ${role}: ${expected[role]}`, async () => {
        const t = await createTestTenant(database.db, `matrix-${procedure}-${role}`);
        const target = await addMembership(database.db, t.organization.id, (await createUser(database.db, "target")).id, "clinician");
        const api = callerAs(database.db, t[role]);
        const outcome = await codeOf(calls[procedure](api, t.organization.slug, { membershipId: target.id, version: target.version }));
        expect(outcome).toBe(expected[role]);
        const rows = await callerAs(database.db, t.admin).members.list({ organization: t.organization.slug });
        const after = rows.find((m) => m.membershipId === target.id);
        if (outcome === "OK") {
          // The allowed change happened.
          if (procedure === "changeRole") expect(after).toMatchObject({ role: "executive", version: 2 });
          if (procedure === "remove") expect(after).toBeUndefined();
          if (procedure === "invite") expect(await callerAs(database.db, t.admin).members.invitations({ organization: t.organization.slug })).toHaveLength(1);
        } else {
          // Nothing changed when refused.
          expect(after).toMatchObject({ role: "clinician", version: 1 });
          expect(rows).toHaveLength(4);
          expect(await callerAs(database.db, t.admin).members.invitations({ organization: t.organization.slug })).toHaveLength(0);
        }
      });
    }
  }
});

describe("input validation errors", () => {
  it("say which fields are wrong and what is expected, with the issues for inline errors", async () => {
    const api = callerAs(database.db, tenant.admin);
    const error = await api.members.invite({ organization: tenant.organization.slug, email: "not-an-email", role: "owner" as "admin" }).then(
      () => null,
      (e: unknown) => e as TRPCError,
    );
    expect(error?.code).toBe("BAD_REQUEST");
    expect(error?.message).toMatch(/^Some fields are not valid: /);
    expect(error?.message).toMatch(/email: /);
    expect(error?.message).toMatch(/role: /);
    expect((error?.cause as { issues?: { path: string }[] } | undefined)?.issues?.map((i) => i.path).sort()).toEqual(["email", "role"]);
  });
});
