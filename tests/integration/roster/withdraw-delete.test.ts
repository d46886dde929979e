/**
 * Withdrawing a pending hardship application, notes on an application, deleting a virtual group, and
 * the CMS "two or more TINs" rule of virtual groups (flagged; an election with fewer is refused).
 */
import { describe, expect, it } from "vitest";
import { type TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { setUpPracticeTests } from "../helpers/practice";
import { callerAs } from "../helpers/tenant";
import { issuesOf } from "./roster-fixtures";

const practice = setUpPracticeTests("withdraw");
const { admin, org, smallTin } = practice;

async function auditActions(targetId: string) {
  const rows = await practice.db
    .select({ action: auditLog.action, before: auditLog.before })
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, practice.tenant.organization.id), eq(auditLog.targetId, targetId)));
  return rows;
}

describe("withdrawing a hardship application", () => {
  it("a pending application is withdrawn (deleted, audited with its content); the TIN's status follows", async () => {
    const { tin, clinician } = await smallTin("Withdrawer");
    const h = await admin().hardships.file({ organization: org(), tinId: tin.id, clinicianId: clinician.id, performanceYear: 2018, reason: "smallPractice", filedOn: "2018-06-01", notes: "filed by mistake" });
    // Notes can be edited without a decision.
    const noted = await admin().hardships.update({ organization: org(), hardshipId: h.id, expectedVersion: h.version, notes: "duplicate of the TIN-wide one" });
    expect(noted).toMatchObject({ status: "pending", notes: "duplicate of the TIN-wide one", version: 2 });
    // Stale version: refused, nothing deleted.
    await expect(admin().hardships.withdraw({ organization: org(), hardshipId: h.id, expectedVersion: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    // Executives and other organizations cannot.
    await expect(callerAs(practice.db, practice.tenant.executive).hardships.withdraw({ organization: org(), hardshipId: h.id, expectedVersion: 2 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(practice.db, practice.other.admin).hardships.withdraw({ organization: practice.other.organization.slug, hardshipId: h.id, expectedVersion: 2 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await admin().hardships.list({ organization: org(), tinId: tin.id })).total).toBe(1);

    await admin().hardships.withdraw({ organization: org(), hardshipId: h.id, expectedVersion: 2 });
    expect((await admin().hardships.list({ organization: org(), tinId: tin.id })).total).toBe(0);
    const audit = await auditActions(h.id);
    expect(audit.map((a) => a.action).sort()).toEqual(["hardship.filed", "hardship.updated", "hardship.withdrawn"]);
    expect(audit.find((a) => a.action === "hardship.withdrawn")!.before).toMatchObject({ reason: "smallPractice", status: "pending", notes: "duplicate of the TIN-wide one", tin: tin.tin });
  });

  it("an application CMS decided cannot be withdrawn: the message says to clear a mistaken decision first", async () => {
    const { tin } = await smallTin("Decided");
    const h = await admin().hardships.file({ organization: org(), tinId: tin.id, performanceYear: 2018, reason: "smallPractice", filedOn: "2018-06-01" });
    const approved = await admin().hardships.recordDecision({ organization: org(), hardshipId: h.id, decision: "approved", decidedOn: "2018-07-15", expectedVersion: 1 });
    const error = await admin().hardships.withdraw({ organization: org(), hardshipId: h.id, expectedVersion: approved.version }).catch((e: unknown) => e as TRPCError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/CMS approved this hardship application on 2018-07-15; only a pending application can be withdrawn.*clear the decision first/) });
    expect(issuesOf(error)[0]).toMatchObject({ path: "hardshipId" });
    expect((await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 })).status.group.reweighted).toBe(true);
  });
});

describe("virtual groups: two or more TINs, deletion", () => {
  it("flags a group with fewer than two TINs; refuses recording the CMS ID (the election) until it has two; an elected group keeps two", async () => {
    const a = await smallTin("VG Alpha");
    const b = await smallTin("VG Beta");
    const vg = await admin().virtualGroups.create({ organization: org(), performanceYear: 2018, name: "Two Needed", electionDate: "2017-12-01" });
    let detail = await admin().virtualGroups.get({ organization: org(), virtualGroupId: vg.id });
    expect(detail.memberTinWarning).toMatch(/has 0 member TINs; CMS requires two or more TINs/);
    await admin().virtualGroups.addTin({ organization: org(), virtualGroupId: vg.id, tinId: a.tin.id });
    const listed = (await admin().virtualGroups.list({ organization: org(), performanceYear: 2018 })).find((g) => g.id === vg.id)!;
    expect(listed.memberTinWarning).toMatch(/has 1 member TIN;/);
    expect(listed.status.memberTinCount).toBe(1);

    const refused = await admin()
      .virtualGroups.update({ organization: org(), virtualGroupId: vg.id, name: "Two Needed", cmsId: "x55555", electionDate: "2017-12-01", expectedVersion: vg.version })
      .catch((e: unknown) => e as TRPCError);
    expect(refused).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/two or more TINs; "Two Needed" has 1/) });
    expect(issuesOf(refused)[0]).toMatchObject({ path: "cmsId" });
    expect((await admin().virtualGroups.get({ organization: org(), virtualGroupId: vg.id })).cmsId).toBeNull();

    await admin().virtualGroups.addTin({ organization: org(), virtualGroupId: vg.id, tinId: b.tin.id });
    const elected = await admin().virtualGroups.update({ organization: org(), virtualGroupId: vg.id, name: "Two Needed", cmsId: "x55555", electionDate: "2017-12-01", expectedVersion: vg.version });
    detail = await admin().virtualGroups.get({ organization: org(), virtualGroupId: vg.id });
    expect(detail.memberTinWarning).toBeNull();

    const removal = await admin().virtualGroups.removeTin({ organization: org(), virtualGroupId: vg.id, tinId: b.tin.id }).catch((e: unknown) => e as TRPCError);
    expect(removal).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/elected with CMS \(ID x55555\) and would be left with 1 member TIN/) });
    expect((await admin().virtualGroups.get({ organization: org(), virtualGroupId: vg.id })).tins).toHaveLength(2);

    // Deleting: stale version refused; executives and other organizations cannot; then gone, audited, TINs kept.
    await expect(admin().virtualGroups.delete({ organization: org(), virtualGroupId: vg.id, expectedVersion: vg.version })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(callerAs(practice.db, practice.tenant.executive).virtualGroups.delete({ organization: org(), virtualGroupId: vg.id, expectedVersion: elected.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(practice.db, practice.other.admin).virtualGroups.delete({ organization: practice.other.organization.slug, virtualGroupId: vg.id, expectedVersion: elected.version })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await admin().virtualGroups.delete({ organization: org(), virtualGroupId: vg.id, expectedVersion: elected.version });
    await expect(admin().virtualGroups.get({ organization: org(), virtualGroupId: vg.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await admin().tins.get({ organization: org(), tinId: a.tin.id, performanceYear: 2018 })).virtualGroup).toBeNull();
    const deleted = (await auditActions(vg.id)).find((x) => x.action === "virtual_group.deleted")!;
    expect(deleted.before).toMatchObject({ name: "Two Needed", cmsId: "x55555", tins: expect.arrayContaining([expect.objectContaining({ name: "VG Alpha" }), expect.objectContaining({ name: "VG Beta" })]) });
    // The TIN may now join another group of the year.
    const next = await admin().virtualGroups.create({ organization: org(), performanceYear: 2018, name: "Next", electionDate: "2017-12-01" });
    await admin().virtualGroups.addTin({ organization: org(), virtualGroupId: next.id, tinId: a.tin.id });
  });
});
