/**
 * Hostile text and numbers in inputs (issue 14): a NUL byte or another control character anywhere in a
 * procedure's input answers BAD_REQUEST naming the field (a NUL used to reach Postgres and answer 500);
 * an absurd page number answers BAD_REQUEST (pages turn it into a 404, server/page-context.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRPCError } from "@trpc/server";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { codeOf } from "./helpers/outcome";
import { callerAs, createTestTenant, type TestTenant } from "./helpers/tenant";

let database: TestDatabase;
let tenant: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createTestTenant(database.db, "hygiene");
});
afterAll(() => database.close());

describe("control characters", () => {
  it("a NUL in a search term is BAD_REQUEST naming the field, not a database error", async () => {
    const api = callerAs(database.db, tenant.admin);
    const error = await api.clinicians.list({ organization: tenant.organization.slug, search: "Smith\u0000" }).then(
      () => null,
      (e: unknown) => e as TRPCError,
    );
    expect(error?.code).toBe("BAD_REQUEST");
    expect(error?.message).toMatch(/search: contains a control character/);
  });

  it.each([
    ["organizations.get", (api: ReturnType<typeof callerAs>) => api.organizations.get({ organization: "hygiene\u0000" })],
    ["members.invite", (api: ReturnType<typeof callerAs>) => api.members.invite({ organization: tenant.organization.slug, email: "a\u0007@example.test", role: "clinician" })],
    ["audit.list", (api: ReturnType<typeof callerAs>) => api.audit.list({ organization: tenant.organization.slug, action: "member.added\u001b" })],
    ["invitations.preview", (api: ReturnType<typeof callerAs>) => api.invitations.preview({ token: "\u0000".repeat(30) })],
    ["passwordReset.request", (api: ReturnType<typeof callerAs>) => api.passwordReset.request({ email: "x\u007f@example.test" })],
  ])("%s refuses a control character with BAD_REQUEST", async (_name, call) => {
    expect(await codeOf(call(callerAs(database.db, tenant.admin)))).toBe("BAD_REQUEST");
  });

  it("tabs and newlines are allowed", async () => {
    const api = callerAs(database.db, tenant.admin);
    expect(await codeOf(api.clinicians.list({ organization: tenant.organization.slug, search: "a\tb" }))).toBe("OK");
  });
});

describe("page numbers", () => {
  it("a page number past the safe range is BAD_REQUEST, a large safe one an empty page", async () => {
    const api = callerAs(database.db, tenant.admin);
    expect(await codeOf(api.audit.list({ organization: tenant.organization.slug, page: Number("99999999999999999999") }))).toBe("BAD_REQUEST");
    const far = await api.audit.list({ organization: tenant.organization.slug, page: 1_000_000 });
    expect(far.entries).toEqual([]);
  });
});
