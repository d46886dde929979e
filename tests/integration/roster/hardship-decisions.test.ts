/**
 * Hardship applications as CMS handles them: the practice records what it filed (date, reason, CMS's
 * reference) and later CMS's decision (approved or dismissed, the day CMS decided, CMS's reference);
 * nothing is decided "today" by the practice. Rows from before the change keep their decision (the
 * migration). The virtual group rule: a member TIN reports as its virtual group.
 */
import { mkdtemp, cp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { migrateDatabase } from "@/db/client";
import { createThrowawayDatabase } from "@/db/throwaway";
import { setUpPracticeTests } from "../helpers/practice";
import { callerAs } from "../helpers/tenant";
import { issuesOf } from "./roster-fixtures";

const practice = setUpPracticeTests("decisions");
const { admin, org, smallTin } = practice;

describe("the same pending application cannot be filed twice", () => {
  it("a second pending TIN/NPI application for the same year and reason is a CONFLICT naming the first's date; nothing is added; another reason, another year, or after CMS's decision is fine", async () => {
    const { tin, clinician } = await smallTin("Twice");
    const base = { organization: org(), tinId: tin.id, clinicianId: clinician.id, performanceYear: 2018, reason: "insufficientInternetConnectivity" as const };
    const first = await admin().hardships.file({ ...base, filedOn: "2018-09-01" });
    const again = (await admin().hardships.file({ ...base, filedOn: "2018-09-05" }).catch((e: unknown) => e)) as TRPCError;
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/already pending with CMS, filed on 2018-09-01/);
    expect((await admin().hardships.list({ organization: org(), tinId: tin.id })).hardships).toHaveLength(1);
    // The TIN-wide application is another one; so is another reason.
    await admin().hardships.file({ ...base, clinicianId: null, filedOn: "2018-09-02" });
    await expect(admin().hardships.file({ ...base, clinicianId: null, filedOn: "2018-09-03" })).rejects.toMatchObject({ code: "CONFLICT" });
    await admin().hardships.file({ ...base, reason: "lackOfControlOverCehrt", filedOn: "2018-09-02" });
    // Once CMS dismissed the first, it may be filed again; clearing that decision then would make two pending: CONFLICT.
    const dismissed = await admin().hardships.recordDecision({ organization: org(), hardshipId: first.id, expectedVersion: first.version, decision: "dismissed", decidedOn: "2018-10-01" });
    await admin().hardships.file({ ...base, filedOn: "2018-10-02" });
    await expect(admin().hardships.clearDecision({ organization: org(), hardshipId: first.id, expectedVersion: dismissed.version })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await admin().hardships.list({ organization: org(), tinId: tin.id })).hardships).toHaveLength(4);
  });
});

describe("CMS's decision on a hardship application", () => {
  it("filed with CMS's reference, pending until CMS's decision is recorded with its date and reference; only then does it count", async () => {
    const { tin, clinician } = await smallTin("Decided");
    const h = await admin().hardships.file({ organization: org(), tinId: tin.id, clinicianId: clinician.id, performanceYear: 2018, reason: "insufficientInternetConnectivity", filedOn: "2018-09-01", cmsReference: "HS-2018-0042" });
    expect(h).toMatchObject({ status: "pending", decidedOn: null, cmsReference: "HS-2018-0042" });
    expect((await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 })).status.group.reweighted).toBe(false);

    const approved = await admin().hardships.recordDecision({ organization: org(), hardshipId: h.id, expectedVersion: h.version, decision: "approved", decidedOn: "2018-10-15", decisionReference: "CMS letter 7781" });
    expect(approved).toMatchObject({ status: "approved", decidedOn: "2018-10-15", decisionReference: "CMS letter 7781" });
    expect((await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 })).status.group.reweighted).toBe(true);

    // A decision recorded by mistake is cleared: pending again, no date.
    const cleared = await admin().hardships.clearDecision({ organization: org(), hardshipId: h.id, expectedVersion: approved.version });
    expect(cleared).toMatchObject({ status: "pending", decidedOn: null, decisionReference: null });
    expect((await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018 })).status.group.reweighted).toBe(false);
  });

  it("a decision needs CMS's date: not before the filing, not in the future, not missing", async () => {
    const { tin } = await smallTin("Dates");
    const h = await admin().hardships.file({ organization: org(), tinId: tin.id, performanceYear: 2018, reason: "smallPractice", filedOn: "2018-09-01" });
    const before = (await admin().hardships.recordDecision({ organization: org(), hardshipId: h.id, expectedVersion: 1, decision: "dismissed", decidedOn: "2018-08-31" }).catch((e: unknown) => e)) as TRPCError;
    expect(before.message).toMatch(/cannot be dated 2018-08-31, before the application was filed on 2018-09-01/);
    expect(issuesOf(before)).toEqual([expect.objectContaining({ path: "decidedOn" })]);
    const future = (await admin().hardships.recordDecision({ organization: org(), hardshipId: h.id, expectedVersion: 1, decision: "approved", decidedOn: "2999-01-01" }).catch((e: unknown) => e)) as TRPCError;
    expect(future.message).toMatch(/in the future/);
    const missing = (await admin().hardships.recordDecision({ organization: org(), hardshipId: h.id, expectedVersion: 1, decision: "approved" } as never).catch((e: unknown) => e)) as TRPCError;
    expect(missing.code).toBe("BAD_REQUEST");
    expect(issuesOf(missing)).toEqual([expect.objectContaining({ path: "decidedOn" })]);
    // Still pending, version untouched.
    expect((await admin().hardships.list({ organization: org(), tinId: tin.id })).hardships[0]).toMatchObject({ status: "pending", version: 1 });
  });

  it("role matrix: executives and other organizations cannot record a decision", async () => {
    const { tin } = await smallTin("Roles");
    const h = await admin().hardships.file({ organization: org(), tinId: tin.id, performanceYear: 2018, reason: "smallPractice", filedOn: "2018-09-01" });
    const input = { hardshipId: h.id, expectedVersion: 1, decision: "approved" as const, decidedOn: "2018-10-01" };
    await expect(callerAs(practice.db, practice.tenant.executive).hardships.recordDecision({ organization: org(), ...input })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(practice.db, practice.other.admin).hardships.recordDecision({ organization: practice.other.organization.slug, ...input })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the virtual group rule", () => {
  it("joining a virtual group makes the TIN report as it; individual or group reporting is then refused with the reason", async () => {
    const { tin } = await smallTin("VG Member");
    const { tin: outsider } = await smallTin("VG Outsider");
    const vg = await admin().virtualGroups.create({ organization: org(), performanceYear: 2018, name: "Lakeside VG", electionDate: "2017-12-01" });
    await admin().tinReporting.setChoice({ organization: org(), tinId: tin.id, performanceYear: 2018, mode: "group" });
    await admin().virtualGroups.addTin({ organization: org(), virtualGroupId: vg.id, tinId: tin.id });
    const { choice } = await admin().tinReporting.aggregation({ organization: org(), tinId: tin.id, performanceYear: 2018 });
    expect(choice).toMatchObject({ mode: "virtualGroup" });

    for (const mode of ["group", "individual"] as const) {
      const refused = (await admin().tinReporting.setChoice({ organization: org(), tinId: tin.id, performanceYear: 2018, mode, expectedVersion: choice!.version }).catch((e: unknown) => e)) as TRPCError;
      expect(refused.code).toBe("BAD_REQUEST");
      expect(refused.message).toMatch(/member of the virtual group "Lakeside VG" for 2018.*remove it from the virtual group first/);
      expect(issuesOf(refused)).toEqual([expect.objectContaining({ path: "mode" })]);
    }
    // Another year is not affected; a TIN outside any virtual group cannot choose virtual group reporting.
    await admin().tinReporting.setChoice({ organization: org(), tinId: tin.id, performanceYear: 2019, mode: "group" });
    const outside = (await admin().tinReporting.setChoice({ organization: org(), tinId: outsider.id, performanceYear: 2018, mode: "virtualGroup" }).catch((e: unknown) => e)) as TRPCError;
    expect(outside.message).toMatch(/not a member of a virtual group for 2018/);
  });
});

describe("the clinician of an application by NPI (the TIN page's field for a TIN of many clinicians)", () => {
  it("an NPI of the TIN's clinician files for that clinician; another TIN's NPI, a malformed NPI or both an id and an NPI are refused on clinicianNpi, nothing added", async () => {
    const { tin, clinician } = await smallTin("ByNpi");
    const elsewhere = await smallTin("ElsewhereNpi");
    const base = { organization: org(), tinId: tin.id, performanceYear: 2018, reason: "insufficientInternetConnectivity" as const, filedOn: "2018-09-01" };
    const filed = await admin().hardships.file({ ...base, clinicianNpi: ` ${clinician.npi} ` });
    expect(filed.clinicianId).toBe(clinician.id);
    // The same pending application again, this time by id: the duplicate check sees the clinician found by NPI.
    await expect(admin().hardships.file({ ...base, clinicianId: clinician.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const other = (await admin().hardships.file({ ...base, reason: "smallPractice", clinicianNpi: elsewhere.clinician.npi }).catch((e: unknown) => e)) as TRPCError;
    expect(other.code).toBe("BAD_REQUEST");
    expect(other.message).toContain(`No clinician with NPI ${elsewhere.clinician.npi} bills under TIN`);
    expect(issuesOf(other)).toEqual([expect.objectContaining({ path: "clinicianNpi" })]);
    const malformed = (await admin().hardships.file({ ...base, reason: "smallPractice", clinicianNpi: "12345" }).catch((e: unknown) => e)) as TRPCError;
    expect(issuesOf(malformed)).toEqual([expect.objectContaining({ path: "clinicianNpi", message: expect.stringMatching(/an NPI is 10 digits/) })]);
    const both = (await admin().hardships.file({ ...base, reason: "smallPractice", clinicianId: clinician.id, clinicianNpi: clinician.npi }).catch((e: unknown) => e)) as TRPCError;
    expect(issuesOf(both)).toEqual([expect.objectContaining({ path: "clinicianNpi", message: expect.stringMatching(/not both/) })]);
    // An empty NPI field is the whole TIN.
    expect((await admin().hardships.file({ ...base, reason: "smallPractice", clinicianNpi: "" })).clinicianId).toBeNull();
    expect((await admin().hardships.list({ organization: org(), tinId: tin.id })).hardships).toHaveLength(2);
  });

  it("tins.get returns a page of the TIN's applications and their total", async () => {
    const { tin, clinician } = await smallTin("HardshipPages");
    const base = { organization: org(), tinId: tin.id, performanceYear: 2018, filedOn: "2018-09-01" };
    await admin().hardships.file({ ...base, reason: "insufficientInternetConnectivity" });
    await admin().hardships.file({ ...base, reason: "smallPractice" });
    await admin().hardships.file({ ...base, reason: "lackOfControlOverCehrt", clinicianId: clinician.id });
    const first = await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018, hardshipPage: 1, hardshipPageSize: 2 });
    const second = await admin().tins.get({ organization: org(), tinId: tin.id, performanceYear: 2018, hardshipPage: 2, hardshipPageSize: 2 });
    expect([first.hardships.length, second.hardships.length, first.hardshipTotal, second.hardshipTotal]).toEqual([2, 1, 3, 3]);
    expect(new Set([...first.hardships, ...second.hardships].map((h) => h.reason)).size).toBe(3);
  });
});

describe("migration of existing hardship applications", () => {
  it("decided rows keep their decision date (from status_changed_on); pending rows stay pending", async () => {
    const folder = path.join(process.cwd(), "db", "migrations");
    const journal = JSON.parse(await readFile(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    const mine = journal.entries.findIndex((e) => e.tag.endsWith("hardship_decisions_and_estimates"));
    expect(mine).toBeGreaterThan(0);
    // The migrations before this one, in a copy of the folder.
    const before = await mkdtemp(path.join(tmpdir(), "migrations-"));
    await cp(folder, before, { recursive: true });
    await writeFile(path.join(before, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, mine) }));
    const db = await createThrowawayDatabase({ serverUrl: process.env.TEST_DATABASE_URL, prefix: "test", migrationsFolder: before });
    try {
      await db.db.execute(sql`INSERT INTO organizations (id, slug, name) VALUES ('00000000-0000-0000-0000-0000000000a1', 'migr', 'Migr')`);
      await db.db.execute(sql`INSERT INTO tins (id, organization_id, tin, name) VALUES ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000a1', '123456789', 'T')`);
      for (const [n, status, changed] of [[1, "pending", "2018-06-01"], [2, "approved", "2018-07-02"], [3, "dismissed", "2018-08-03"]] as const) {
        await db.db.execute(sql`INSERT INTO hardship_applications (id, organization_id, tin_id, performance_year, reason, filed_on, status, status_changed_on, notes)
          VALUES (${`00000000-0000-0000-0000-00000000000${n}`}, '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', 2018, 'smallPractice', '2018-06-01', ${status}, ${changed}, ${`note ${n}`})`);
      }
      await migrateDatabase(db, folder);
      const rows = (await db.db.execute(sql`SELECT status, decided_on::text AS decided_on, filed_on::text AS filed_on, notes FROM hardship_applications ORDER BY id`)) as unknown as { rows: unknown[] };
      expect(rows.rows).toEqual([
        { status: "pending", decided_on: null, filed_on: "2018-06-01", notes: "note 1" },
        { status: "approved", decided_on: "2018-07-02", filed_on: "2018-06-01", notes: "note 2" },
        { status: "dismissed", decided_on: "2018-08-03", filed_on: "2018-06-01", notes: "note 3" },
      ]);
    } finally {
      await db.close();
    }
  });
});
