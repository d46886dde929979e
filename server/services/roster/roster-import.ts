/**
 * Roster CSV import: preview (every problem of every row at once, and what would change), then commit
 * all or nothing in one transaction, upserting TINs by TIN, clinicians by NPI, memberships by TIN/NPI,
 * year figures by TIN/NPI/year. One statement per table whatever the number of rows: the rows travel
 * as a handful of array parameters (`unnest($1::text[], ...)`, lookups as `= ANY($1)`) rather than
 * thousands of parameters, and each upsert writes its own audit entries in the same statement (a
 * data-modifying CTE over `RETURNING`), so nothing goes back and forth per row. 10,000 rows commit in
 * about a second. Columns: lib/roster/import-columns.ts.
 *
 * Empty optional cells (TIN name, specialty) keep what is stored; the membership end date and the year
 * figures of a row are taken as given (the file is the truth for them). A TIN or clinician that was
 * archived and appears in the file is restored.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicians, tinMemberships, tins } from "@/db/schema";
import { formatTin } from "@/lib/mips/identifiers";
import { badInput } from "@/lib/errors";
import { describeImportProblem, readRosterCsv, type RosterImportProblem, type RosterImportRow } from "@/lib/roster/import-columns";
import { recordAudit } from "../audit";
import type { OrgScope } from "../scope";

/** A whole list as one array parameter (`$1::text[]`), not one parameter per value. */
function list(values: readonly unknown[], type: string): SQL {
  return sql`${sql.param(values)}::${sql.raw(type)}[]`;
}

/** The single count a statement selects, from either driver's result. */
function countOf(result: unknown): number {
  const rows = (result as { rows?: { n?: number | string }[] }).rows ?? [];
  return Number(rows[0]?.n ?? 0);
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
  if (tinNumbers.length > 0) {
    const found = await db
      .select({ id: tins.id, tin: tins.tin, name: tins.name })
      .from(tins)
      .where(and(eq(tins.organizationId, scope.organizationId), sql`${tins.tin} = ANY(${list(tinNumbers, "text")})`));
    for (const t of found) existingTins.set(t.tin, { id: t.id, name: t.name });
  }
  const existingClinicians = new Map<string, string>();
  if (npis.length > 0) {
    const found = await db
      .select({ id: clinicians.id, npi: clinicians.npi })
      .from(clinicians)
      .where(and(eq(clinicians.organizationId, scope.organizationId), sql`${clinicians.npi} = ANY(${list(npis, "text")})`));
    for (const c of found) existingClinicians.set(c.npi, c.id);
  }
  const existingPairs = new Set<string>();
  const knownTinIds = [...existingTins.values()].map((t) => t.id);
  if (knownTinIds.length > 0 && existingClinicians.size > 0) {
    const tinById = new Map([...existingTins].map(([tin, t]) => [t.id, tin]));
    const npiById = new Map([...existingClinicians].map(([npi, id]) => [id, npi]));
    const found = await db
      .select({ tinId: tinMemberships.tinId, clinicianId: tinMemberships.clinicianId })
      .from(tinMemberships)
      .where(and(eq(tinMemberships.organizationId, scope.organizationId), sql`${tinMemberships.tinId} = ANY(${list(knownTinIds, "uuid")})`));
    for (const m of found) {
      const npi = npiById.get(m.clinicianId);
      if (npi) existingPairs.add(`${tinById.get(m.tinId)}/${npi}`);
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
    const org = sql`${scope.organizationId}::uuid`;
    // Audit columns shared by every entry this import writes (one per record created or changed).
    const actor = sql`${scope.actorUserId}::uuid`;
    const ip = sql`${scope.ip}::text`;

    // 1. TINs, by TIN. An empty name cell keeps the stored name (or the name another row gives).
    const tinRows = new Map<string, string>();
    for (const r of rows) if (!tinRows.has(r.tin) || r.tinName) tinRows.set(r.tin, r.tinName ?? tinRows.get(r.tin) ?? existingTins.get(r.tin)?.name ?? "");
    const changedTins = countOf(
      await tx.execute(sql`
        WITH input AS (SELECT * FROM unnest(${list([...tinRows.keys()], "text")}, ${list([...tinRows.values()], "text")}) AS x(tin, name)),
        up AS (
          INSERT INTO tins (organization_id, tin, name) SELECT ${org}, tin, name FROM input
          ON CONFLICT (organization_id, tin) DO UPDATE SET name = excluded.name, archived_at = NULL, version = tins.version + 1, updated_at = now()
            WHERE tins.name IS DISTINCT FROM excluded.name OR tins.archived_at IS NOT NULL
          RETURNING id, tin, name, (xmax = 0) AS inserted
        ),
        audit AS (
          INSERT INTO audit_log (organization_id, actor_user_id, action, target_type, target_id, after, ip)
          SELECT ${org}, ${actor}, CASE WHEN inserted THEN 'tin.created' ELSE 'tin.updated' END, 'tin', id::text,
            jsonb_build_object('tin', tin, 'name', name, 'source', 'roster import'), ${ip}
          FROM up
        )
        SELECT count(*)::int AS n FROM up`),
    );

    // 2. Clinicians, by NPI (rows for the same NPI agree: checked by readRosterCsv).
    const clinicianRows = new Map<string, RosterImportRow>();
    for (const r of rows) if (!clinicianRows.has(r.npi)) clinicianRows.set(r.npi, r);
    const cs = [...clinicianRows.values()];
    const changedClinicians = countOf(
      await tx.execute(sql`
        WITH input AS (
          SELECT * FROM unnest(${list(cs.map((r) => r.npi), "text")}, ${list(cs.map((r) => r.firstName), "text")}, ${list(cs.map((r) => r.lastName), "text")},
            ${list(cs.map((r) => r.clinicianType), "text")}, ${list(cs.map((r) => r.specialty), "text")}) AS x(npi, first_name, last_name, clinician_type, specialty)
        ),
        up AS (
          INSERT INTO clinicians (organization_id, npi, first_name, last_name, clinician_type, specialty)
          SELECT ${org}, npi, first_name, last_name, clinician_type::clinician_type, specialty FROM input
          ON CONFLICT (organization_id, npi) DO UPDATE SET
            first_name = excluded.first_name, last_name = excluded.last_name, clinician_type = excluded.clinician_type,
            specialty = coalesce(excluded.specialty, clinicians.specialty), archived_at = NULL, version = clinicians.version + 1, updated_at = now()
            WHERE (clinicians.first_name, clinicians.last_name, clinicians.clinician_type) IS DISTINCT FROM (excluded.first_name, excluded.last_name, excluded.clinician_type)
              OR (excluded.specialty IS NOT NULL AND clinicians.specialty IS DISTINCT FROM excluded.specialty) OR clinicians.archived_at IS NOT NULL
          RETURNING id, npi, first_name, last_name, clinician_type, specialty, (xmax = 0) AS inserted
        ),
        audit AS (
          INSERT INTO audit_log (organization_id, actor_user_id, action, target_type, target_id, after, ip)
          SELECT ${org}, ${actor}, CASE WHEN inserted THEN 'clinician.created' ELSE 'clinician.updated' END, 'clinician', id::text,
            jsonb_build_object('npi', npi, 'firstName', first_name, 'lastName', last_name, 'clinicianType', clinician_type, 'specialty', specialty, 'source', 'roster import'), ${ip}
          FROM up
        )
        SELECT count(*)::int AS n FROM up`),
    );

    // 3. Memberships, by TIN/NPI: TIN and clinician ids resolved in the statement.
    const membershipRows = new Map<string, RosterImportRow>();
    for (const r of rows) if (!membershipRows.has(`${r.tin}/${r.npi}`)) membershipRows.set(`${r.tin}/${r.npi}`, r);
    const ms = [...membershipRows.values()];
    const changedMemberships = countOf(
      await tx.execute(sql`
        WITH input AS (
          SELECT * FROM unnest(${list(ms.map((r) => r.tin), "text")}, ${list(ms.map((r) => r.npi), "text")}, ${list(ms.map((r) => r.membershipStart), "date")},
            ${list(ms.map((r) => r.membershipEnd), "date")}) AS x(tin, npi, start_date, end_date)
        ),
        up AS (
          INSERT INTO tin_memberships (organization_id, tin_id, clinician_id, start_date, end_date)
          SELECT ${org}, t.id, c.id, input.start_date, input.end_date FROM input
          JOIN tins t ON t.organization_id = ${org} AND t.tin = input.tin
          JOIN clinicians c ON c.organization_id = ${org} AND c.npi = input.npi
          ON CONFLICT (organization_id, tin_id, clinician_id) DO UPDATE SET start_date = excluded.start_date, end_date = excluded.end_date, version = tin_memberships.version + 1, updated_at = now()
            WHERE (tin_memberships.start_date, tin_memberships.end_date) IS DISTINCT FROM (excluded.start_date, excluded.end_date)
          RETURNING id, tin_id, clinician_id, start_date, end_date, (xmax = 0) AS inserted
        ),
        audit AS (
          INSERT INTO audit_log (organization_id, actor_user_id, action, target_type, target_id, after, ip)
          SELECT ${org}, ${actor}, CASE WHEN inserted THEN 'tin_membership.created' ELSE 'tin_membership.updated' END, 'tin_membership', id::text,
            jsonb_build_object('tinId', tin_id, 'clinicianId', clinician_id, 'startDate', start_date, 'endDate', end_date, 'source', 'roster import'), ${ip}
          FROM up
        )
        SELECT count(*)::int AS n FROM up`),
    );

    // 4. Year figures, by TIN/NPI/year: membership ids resolved in the statement.
    const ys = rows.filter((r): r is RosterImportRow & { year: NonNullable<RosterImportRow["year"]> } => r.year !== null);
    const changedYears =
      ys.length === 0
        ? 0
        : countOf(
            await tx.execute(sql`
        WITH input AS (
          SELECT * FROM unnest(${list(ys.map((r) => r.tin), "text")}, ${list(ys.map((r) => r.npi), "text")}, ${list(ys.map((r) => r.year.performanceYear), "int")},
            ${list(ys.map((r) => r.year.nonPatientFacing), "bool")}, ${list(ys.map((r) => r.year.hospitalBased), "bool")}, ${list(ys.map((r) => r.year.ascBased), "bool")},
            ${list(ys.map((r) => r.year.rural), "bool")}, ${list(ys.map((r) => r.year.hpsa), "bool")}, ${list(ys.map((r) => r.year.allowedChargesCents), "bigint")},
            ${list(ys.map((r) => r.year.partBBeneficiaries), "int")}, ${list(ys.map((r) => r.year.newlyEnrolled), "bool")}, ${list(ys.map((r) => r.year.advancedApmQp), "bool")})
            AS x(tin, npi, performance_year, non_patient_facing, hospital_based, asc_based, rural, hpsa, allowed_charges_cents, part_b_beneficiaries, newly_enrolled, advanced_apm_qp)
        ),
        resolved AS (
          SELECT input.*, m.id AS membership_id FROM input
          JOIN tins t ON t.organization_id = ${org} AND t.tin = input.tin
          JOIN clinicians c ON c.organization_id = ${org} AND c.npi = input.npi
          JOIN tin_memberships m ON m.organization_id = ${org} AND m.tin_id = t.id AND m.clinician_id = c.id
        ),
        up AS (
          INSERT INTO membership_years (organization_id, membership_id, performance_year, non_patient_facing, hospital_based, asc_based, rural, hpsa,
            allowed_charges_cents, part_b_beneficiaries, newly_enrolled, advanced_apm_qp)
          SELECT ${org}, membership_id, performance_year, non_patient_facing, hospital_based, asc_based, rural, hpsa, allowed_charges_cents, part_b_beneficiaries, newly_enrolled, advanced_apm_qp
          FROM resolved
          ON CONFLICT (organization_id, membership_id, performance_year) DO UPDATE SET
            non_patient_facing = excluded.non_patient_facing, hospital_based = excluded.hospital_based, asc_based = excluded.asc_based, rural = excluded.rural,
            hpsa = excluded.hpsa, allowed_charges_cents = excluded.allowed_charges_cents, part_b_beneficiaries = excluded.part_b_beneficiaries,
            newly_enrolled = excluded.newly_enrolled, advanced_apm_qp = excluded.advanced_apm_qp, version = membership_years.version + 1, updated_at = now()
            WHERE (membership_years.non_patient_facing, membership_years.hospital_based, membership_years.asc_based, membership_years.rural, membership_years.hpsa,
                   membership_years.allowed_charges_cents, membership_years.part_b_beneficiaries, membership_years.newly_enrolled, membership_years.advanced_apm_qp)
              IS DISTINCT FROM (excluded.non_patient_facing, excluded.hospital_based, excluded.asc_based, excluded.rural, excluded.hpsa,
                   excluded.allowed_charges_cents, excluded.part_b_beneficiaries, excluded.newly_enrolled, excluded.advanced_apm_qp)
          RETURNING *, (xmax = 0) AS inserted
        ),
        audit AS (
          INSERT INTO audit_log (organization_id, actor_user_id, action, target_type, target_id, after, ip)
          SELECT ${org}, ${actor}, CASE WHEN up.inserted THEN 'membership_year.created' ELSE 'membership_year.updated' END, 'membership_year', up.id::text,
            jsonb_build_object('tin', r.tin, 'npi', r.npi, 'performanceYear', up.performance_year, 'nonPatientFacing', up.non_patient_facing, 'hospitalBased', up.hospital_based,
              'ascBased', up.asc_based, 'rural', up.rural, 'hpsa', up.hpsa, 'allowedChargesCents', up.allowed_charges_cents, 'partBBeneficiaries', up.part_b_beneficiaries,
              'newlyEnrolled', up.newly_enrolled, 'advancedApmQp', up.advanced_apm_qp, 'source', 'roster import'), ${ip}
          FROM up JOIN resolved r ON r.membership_id = up.membership_id AND r.performance_year = up.performance_year
        )
        SELECT count(*)::int AS n FROM up`),
          );

    const changed = { tins: changedTins, clinicians: changedClinicians, memberships: changedMemberships, yearFigures: changedYears };
    await recordAudit(tx, scope, {
      action: "roster.imported",
      targetType: "organization",
      targetId: scope.organizationId,
      after: { fileName: params.fileName ?? null, rows: analysis.summary.rowCount, summary: analysis.summary, changed },
    });
    return { summary: analysis.summary, changed };
  });
}
