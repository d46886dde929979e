/**
 * Roster CSV import: preview (every problem of every row at once, and what would change), then commit
 * all or nothing in one transaction, upserting TINs by TIN, clinicians by NPI, memberships by TIN/NPI,
 * year figures by TIN/NPI/year. Batched multi-row statements in chunks, never a query per row, so
 * 10,000 rows commit in seconds. Columns: lib/roster/import-columns.ts.
 *
 * Empty optional cells (TIN name, specialty) keep what is stored; the membership end date and the year
 * figures of a row are taken as given (the file is the truth for them). A TIN or clinician that was
 * archived and appears in the file is restored.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, clinicians, membershipYears, tinMemberships, tins } from "@/db/schema";
import { formatTin } from "@/lib/mips/identifiers";
import { badInput } from "@/lib/errors";
import { describeImportProblem, readRosterCsv, type RosterImportProblem, type RosterImportRow } from "@/lib/roster/import-columns";
import { recordAudit } from "../audit";
import type { OrgScope } from "../scope";

const CHUNK = 1000;
/** Values per IN (...) list: well under Postgres' 65,535 parameters. */
const LOOKUP_CHUNK = 5000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ImportSummary {
  rowCount: number;
  validRowCount: number;
  tins: { new: number; existing: number };
  clinicians: { new: number; existing: number };
  memberships: { new: number; existing: number };
  yearFigures: number;
}

export interface ImportPreview {
  ok: boolean;
  problems: RosterImportProblem[];
  summary: ImportSummary;
}

interface Analysis extends ImportPreview {
  rows: RosterImportRow[];
  existingTins: Map<string, { id: string; name: string }>;
}

async function analyse(db: Db, scope: OrgScope, csv: string): Promise<Analysis> {
  const file = readRosterCsv(csv);
  const rows = file.rows;
  const problems = [...file.problems];
  const tinNumbers = [...new Set(rows.map((r) => r.tin))];
  const npis = [...new Set(rows.map((r) => r.npi))];

  const existingTins = new Map<string, { id: string; name: string }>();
  for (const part of chunks(tinNumbers, LOOKUP_CHUNK)) {
    const found = await db
      .select({ id: tins.id, tin: tins.tin, name: tins.name })
      .from(tins)
      .where(and(eq(tins.organizationId, scope.organizationId), inArray(tins.tin, part)));
    for (const t of found) existingTins.set(t.tin, { id: t.id, name: t.name });
  }
  const existingClinicians = new Map<string, string>();
  for (const part of chunks(npis, LOOKUP_CHUNK)) {
    const found = await db
      .select({ id: clinicians.id, npi: clinicians.npi })
      .from(clinicians)
      .where(and(eq(clinicians.organizationId, scope.organizationId), inArray(clinicians.npi, part)));
    for (const c of found) existingClinicians.set(c.npi, c.id);
  }
  const existingPairs = new Set<string>();
  const knownTinIds = [...existingTins.values()].map((t) => t.id);
  if (knownTinIds.length > 0 && existingClinicians.size > 0) {
    const tinById = new Map([...existingTins].map(([tin, t]) => [t.id, tin]));
    const npiById = new Map([...existingClinicians].map(([npi, id]) => [id, npi]));
    for (const part of chunks(knownTinIds, LOOKUP_CHUNK)) {
      const found = await db
        .select({ tinId: tinMemberships.tinId, clinicianId: tinMemberships.clinicianId })
        .from(tinMemberships)
        .where(and(eq(tinMemberships.organizationId, scope.organizationId), inArray(tinMemberships.tinId, part)));
      for (const m of found) {
        const npi = npiById.get(m.clinicianId);
        if (npi) existingPairs.add(`${tinById.get(m.tinId)}/${npi}`);
      }
    }
  }

  // A TIN new to the roster needs a name somewhere in the file.
  const named = new Set(rows.filter((r) => r.tinName).map((r) => r.tin));
  const reported = new Set<string>();
  for (const r of rows) {
    if (!existingTins.has(r.tin) && !named.has(r.tin) && !reported.has(r.tin)) {
      reported.add(r.tin);
      problems.push({ row: r.row, column: "TIN name", problem: `TIN ${formatTin(r.tin)} is not in the roster yet and no row names it`, expected: "the practice's name in the TIN name column of at least one row of this TIN" });
    }
  }
  problems.sort((a, b) => a.row - b.row);

  const pairs = new Set(rows.map((r) => `${r.tin}/${r.npi}`));
  const summary: ImportSummary = {
    rowCount: file.rowCount,
    validRowCount: rows.length,
    tins: { new: tinNumbers.filter((t) => !existingTins.has(t)).length, existing: tinNumbers.filter((t) => existingTins.has(t)).length },
    clinicians: { new: npis.filter((n) => !existingClinicians.has(n)).length, existing: npis.filter((n) => existingClinicians.has(n)).length },
    memberships: { new: [...pairs].filter((p) => !existingPairs.has(p)).length, existing: [...pairs].filter((p) => existingPairs.has(p)).length },
    yearFigures: rows.filter((r) => r.year).length,
  };
  return { ok: problems.length === 0 && file.rowCount > 0, problems, summary, rows, existingTins };
}

/** Validates a file against the format and the roster: every problem, and what a commit would change. Writes nothing. */
export async function previewImport(db: Db, scope: OrgScope, params: { csv: string }): Promise<ImportPreview> {
  const { ok, problems, summary } = await analyse(db, scope, params.csv);
  if (summary.rowCount === 0 && problems.length === 0) {
    problems.push({ row: 2, column: null, problem: "the file has a header but no data rows", expected: "one row per clinician and TIN (and performance year)" });
  }
  return { ok, problems, summary };
}

export interface ImportResult {
  summary: ImportSummary;
  changed: { tins: number; clinicians: number; memberships: number; yearFigures: number };
}

/** Commits a file all or nothing in one transaction; refuses with every problem when any row is wrong. */
export async function commitImport(db: Db, scope: OrgScope, params: { csv: string; fileName?: string | null | undefined }): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    const analysis = await analyse(tx, scope, params.csv);
    if (!analysis.ok) {
      const count = analysis.problems.length;
      throw badInput(
        count === 0 ? "The file has no data rows; nothing was imported." : `The file has ${count} problem${count === 1 ? "" : "s"}; nothing was imported. Fix them and upload the file again.`,
        analysis.problems.map((p) => ({ path: `row ${p.row}${p.column ? `, column "${p.column}"` : ""}`, message: describeImportProblem(p).replace(/^row \d+(, column "[^"]*")?: /, "") })),
      );
    }
    const { rows, existingTins } = analysis;
    const org = scope.organizationId;
    const now = new Date();
    const audits: (typeof auditLog.$inferInsert)[] = [];
    const audit = (action: string, targetType: string, targetId: string, after: unknown) =>
      audits.push({ organizationId: org, actorUserId: scope.actorUserId, action, targetType, targetId, after, ip: scope.ip });

    // 1. TINs, by TIN.
    const tinRows = new Map<string, string>();
    for (const r of rows) if (!tinRows.has(r.tin) || r.tinName) tinRows.set(r.tin, r.tinName ?? tinRows.get(r.tin) ?? existingTins.get(r.tin)?.name ?? "");
    const tinValues = [...tinRows].map(([tin, name]) => ({ organizationId: org, tin, name }));
    let changedTins = 0;
    for (const part of chunks(tinValues, CHUNK)) {
      const changed = await tx
        .insert(tins)
        .values(part)
        .onConflictDoUpdate({
          target: [tins.organizationId, tins.tin],
          set: { name: sql`excluded.name`, archivedAt: null, version: sql`${tins.version} + 1`, updatedAt: now },
          setWhere: sql`${tins.name} IS DISTINCT FROM excluded.name OR ${tins.archivedAt} IS NOT NULL`,
        })
        .returning({ id: tins.id, tin: tins.tin, name: tins.name, inserted: sql<boolean>`(xmax = 0)` });
      changedTins += changed.length;
      for (const c of changed) audit(c.inserted ? "tin.created" : "tin.updated", "tin", c.id, { tin: c.tin, name: c.name, source: "roster import" });
    }
    const tinIds = new Map<string, string>();
    for (const part of chunks([...tinRows.keys()], LOOKUP_CHUNK)) {
      for (const t of await tx.select({ id: tins.id, tin: tins.tin }).from(tins).where(and(eq(tins.organizationId, org), inArray(tins.tin, part)))) tinIds.set(t.tin, t.id);
    }

    // 2. Clinicians, by NPI (rows for the same NPI agree: checked by readRosterCsv).
    const clinicianRows = new Map<string, RosterImportRow>();
    for (const r of rows) if (!clinicianRows.has(r.npi)) clinicianRows.set(r.npi, r);
    let changedClinicians = 0;
    for (const part of chunks([...clinicianRows.values()], CHUNK)) {
      const changed = await tx
        .insert(clinicians)
        .values(part.map((r) => ({ organizationId: org, npi: r.npi, firstName: r.firstName, lastName: r.lastName, clinicianType: r.clinicianType, specialty: r.specialty })))
        .onConflictDoUpdate({
          target: [clinicians.organizationId, clinicians.npi],
          set: {
            firstName: sql`excluded.first_name`,
            lastName: sql`excluded.last_name`,
            clinicianType: sql`excluded.clinician_type`,
            specialty: sql`coalesce(excluded.specialty, ${clinicians.specialty})`,
            archivedAt: null,
            version: sql`${clinicians.version} + 1`,
            updatedAt: now,
          },
          setWhere: sql`(${clinicians.firstName}, ${clinicians.lastName}, ${clinicians.clinicianType}) IS DISTINCT FROM (excluded.first_name, excluded.last_name, excluded.clinician_type)
            OR (excluded.specialty IS NOT NULL AND ${clinicians.specialty} IS DISTINCT FROM excluded.specialty) OR ${clinicians.archivedAt} IS NOT NULL`,
        })
        .returning({ id: clinicians.id, npi: clinicians.npi, firstName: clinicians.firstName, lastName: clinicians.lastName, clinicianType: clinicians.clinicianType, specialty: clinicians.specialty, inserted: sql<boolean>`(xmax = 0)` });
      changedClinicians += changed.length;
      for (const { id, inserted, ...after } of changed) audit(inserted ? "clinician.created" : "clinician.updated", "clinician", id, { ...after, source: "roster import" });
    }
    const clinicianIds = new Map<string, string>();
    for (const part of chunks([...clinicianRows.keys()], LOOKUP_CHUNK)) {
      for (const c of await tx.select({ id: clinicians.id, npi: clinicians.npi }).from(clinicians).where(and(eq(clinicians.organizationId, org), inArray(clinicians.npi, part)))) {
        clinicianIds.set(c.npi, c.id);
      }
    }

    // 3. Memberships, by TIN/NPI.
    const membershipRows = new Map<string, RosterImportRow>();
    for (const r of rows) if (!membershipRows.has(`${r.tin}/${r.npi}`)) membershipRows.set(`${r.tin}/${r.npi}`, r);
    let changedMemberships = 0;
    for (const part of chunks([...membershipRows.values()], CHUNK)) {
      const changed = await tx
        .insert(tinMemberships)
        .values(part.map((r) => ({ organizationId: org, tinId: tinIds.get(r.tin)!, clinicianId: clinicianIds.get(r.npi)!, startDate: r.membershipStart, endDate: r.membershipEnd })))
        .onConflictDoUpdate({
          target: [tinMemberships.organizationId, tinMemberships.tinId, tinMemberships.clinicianId],
          set: { startDate: sql`excluded.start_date`, endDate: sql`excluded.end_date`, version: sql`${tinMemberships.version} + 1`, updatedAt: now },
          setWhere: sql`(${tinMemberships.startDate}, ${tinMemberships.endDate}) IS DISTINCT FROM (excluded.start_date, excluded.end_date)`,
        })
        .returning({ id: tinMemberships.id, tinId: tinMemberships.tinId, clinicianId: tinMemberships.clinicianId, startDate: tinMemberships.startDate, endDate: tinMemberships.endDate, inserted: sql<boolean>`(xmax = 0)` });
      changedMemberships += changed.length;
      for (const { id, inserted, ...after } of changed) audit(inserted ? "tin_membership.created" : "tin_membership.updated", "tin_membership", id, { ...after, source: "roster import" });
    }
    const membershipIds = new Map<string, string>();
    const wantedTinIds = [...new Set([...membershipRows.values()].map((r) => tinIds.get(r.tin)!))];
    for (const part of chunks(wantedTinIds, LOOKUP_CHUNK)) {
      const found = await tx
        .select({ id: tinMemberships.id, tinId: tinMemberships.tinId, clinicianId: tinMemberships.clinicianId })
        .from(tinMemberships)
        .where(and(eq(tinMemberships.organizationId, org), inArray(tinMemberships.tinId, part)));
      for (const m of found) membershipIds.set(`${m.tinId}/${m.clinicianId}`, m.id);
    }

    // 4. Year figures, by TIN/NPI/year.
    const yearRows = rows.filter((r) => r.year);
    let changedYears = 0;
    for (const part of chunks(yearRows, CHUNK)) {
      const changed = await tx
        .insert(membershipYears)
        .values(part.map((r) => ({ organizationId: org, membershipId: membershipIds.get(`${tinIds.get(r.tin)}/${clinicianIds.get(r.npi)}`)!, ...r.year! })))
        .onConflictDoUpdate({
          target: [membershipYears.organizationId, membershipYears.membershipId, membershipYears.performanceYear],
          set: {
            nonPatientFacing: sql`excluded.non_patient_facing`,
            hospitalBased: sql`excluded.hospital_based`,
            ascBased: sql`excluded.asc_based`,
            rural: sql`excluded.rural`,
            hpsa: sql`excluded.hpsa`,
            allowedChargesCents: sql`excluded.allowed_charges_cents`,
            partBBeneficiaries: sql`excluded.part_b_beneficiaries`,
            newlyEnrolled: sql`excluded.newly_enrolled`,
            advancedApmQp: sql`excluded.advanced_apm_qp`,
            version: sql`${membershipYears.version} + 1`,
            updatedAt: now,
          },
          setWhere: sql`(${membershipYears.nonPatientFacing}, ${membershipYears.hospitalBased}, ${membershipYears.ascBased}, ${membershipYears.rural}, ${membershipYears.hpsa}, ${membershipYears.allowedChargesCents}, ${membershipYears.partBBeneficiaries}, ${membershipYears.newlyEnrolled}, ${membershipYears.advancedApmQp})
            IS DISTINCT FROM (excluded.non_patient_facing, excluded.hospital_based, excluded.asc_based, excluded.rural, excluded.hpsa, excluded.allowed_charges_cents, excluded.part_b_beneficiaries, excluded.newly_enrolled, excluded.advanced_apm_qp)`,
        })
        .returning({ id: membershipYears.id, membershipId: membershipYears.membershipId, performanceYear: membershipYears.performanceYear, inserted: sql<boolean>`(xmax = 0)` });
      changedYears += changed.length;
      const byId = new Map(part.map((r) => [membershipIds.get(`${tinIds.get(r.tin)}/${clinicianIds.get(r.npi)}`)!, r]));
      for (const c of changed) {
        const r = byId.get(c.membershipId);
        audit(c.inserted ? "membership_year.created" : "membership_year.updated", "membership_year", c.id, { tin: r?.tin, npi: r?.npi, ...r?.year, source: "roster import" });
      }
    }

    // Audit: one entry per record created or changed (batched), and one for the import itself.
    for (const part of chunks(audits, CHUNK)) await tx.insert(auditLog).values(part);
    const changed = { tins: changedTins, clinicians: changedClinicians, memberships: changedMemberships, yearFigures: changedYears };
    await recordAudit(tx, scope, {
      action: "roster.imported",
      targetType: "organization",
      targetId: org,
      after: { fileName: params.fileName ?? null, rows: analysis.summary.rowCount, summary: analysis.summary, changed },
    });
    return { summary: analysis.summary, changed };
  });
}
