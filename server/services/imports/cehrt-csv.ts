/**
 * The streamed CEHRT measure-data CSV import (lib/formats/csv-measures.ts has the columns), in two passes
 * over the staged file, each parsed as a stream (csv-parse). Pass 1 checks every row with the preview's
 * messages and keeps, per report, only its key fields and a bit per measure seen (a measure given twice
 * for one report is found there, its first row by a look back over the file); no row is kept. The reports
 * are then checked in SQL against the organization (TINs, NPIs on the TIN's roster during the period,
 * registered CEHRT products, the same file already imported), every problem is reported, and only a file
 * without any is committed, in the job's one transaction: the reports INSERT .. SELECT from the plan, then
 * pass 2 COPYs the rows straight into measure_values under their reports' ids (the rollup triggers are per
 * statement). Unlike the preview, a CEHRT ID new to a TIN is refused here: a new product needs its
 * vendor's name, which the preview asks for.
 */
import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { csvRecordStream } from "@/lib/csv/parse";
import { readCsvMeasureHeader, readCsvMeasureRow, type CsvMeasureHeader, type CsvMeasureRow } from "@/lib/formats/csv-measure-rows";
import { csvProblemIssues, type CsvMeasureProblem } from "@/lib/formats/csv-measures";
import { formatTin } from "@/lib/mips";
import { recordAudit } from "../audit";
import type { JobContext, JobResult } from "./run";
import type { TempTable } from "./session";

const MEASURE_VALUES = { name: "measure_values", columnNames: ["organization_id", "report_id", "measure_id", "numerator", "denominator", "yes_no"] } as const;
const GROUPS: TempTable = {
  name: "import_groups",
  columns: "grp integer NOT NULL, first_row integer NOT NULL, performance_year integer NOT NULL, tin text NOT NULL, npi text, cehrt_id text, performance_start date NOT NULL, performance_end date NOT NULL, value_count integer NOT NULL",
  columnNames: ["grp", "first_row", "performance_year", "tin", "npi", "cehrt_id", "performance_start", "performance_end", "value_count"],
};

interface Group {
  grp: number;
  firstRow: number;
  year: number;
  tin: string;
  npi: string | null;
  cehrtId: string | null;
  start: string;
  end: string;
  values: number;
  /** Which measures the report has so far, one bit each (measureBits), to find a measure given twice. */
  seen: number[];
}

const rowsOf = (result: unknown): Record<string, unknown>[] => {
  const r = result as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(r) ? r : (r.rows ?? []);
};

/** Rows a statement changed (node-postgres: rowCount, PGlite: affectedRows). */
const affected = (result: unknown): number => {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
};

const tinDisplay = (tin: string) => (/^\d{9}$/.test(tin) ? formatTin(tin) : tin);

/** IMPORT_TRACE=1 prints each phase's time and the process's RSS (benchmarks). */
const trace = (() => {
  if (process.env.IMPORT_TRACE !== "1") return (_phase: string) => undefined;
  let last = performance.now();
  return (phase: string) => {
    const now = performance.now();
    const m = process.memoryUsage();
    const mb = (n: number) => (n / 1048576).toFixed(0);
    console.error(`import trace: ${phase} ${(now - last).toFixed(0)} ms, rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB, buffers ${mb(m.arrayBuffers)} MB`);
    last = now;
  };
})();

/** The bit of a measure id in a report's set of measures seen (a year's catalog has a few dozen ids). */
function measureBits() {
  const bits = new Map<string, number>();
  return (measureId: string) => {
    let bit = bits.get(measureId);
    if (bit === undefined) bits.set(measureId, (bit = bits.size));
    return bit;
  };
}

export async function importCehrtCsv(ctx: JobContext): Promise<JobResult> {
  trace("start");
  const name = ctx.job.fileName;
  const org = ctx.scope.organizationId;
  const csvProblem = (p: CsvMeasureProblem) => {
    for (const issue of csvProblemIssues([p], name)) ctx.problem(issue, p.row);
  };
  await ctx.session.createTemp(GROUPS);
  const groups = new Map<string, Group>();
  const bitOf = measureBits();
  const duplicates: { row: number; measureId: string; grp: number }[] = [];
  const hash = createHash("sha256");
  let sawHeader = false;
  let dataRows = 0;

  /** The staged file's rows, checked: every valid row with its report (a new one for a new key). */
  async function* readRows(pass: "first" | "again", tx?: Db): AsyncGenerator<{ row: CsvMeasureRow; group: Group }> {
    let header: CsvMeasureHeader | null = null;
    let first = true;
    async function* file() {
      for await (const chunk of ctx.file({ count: pass === "first", tx })) {
        if (pass === "first") hash.update(chunk);
        yield chunk;
      }
    }
    for await (const item of csvRecordStream(file())) {
      if (item.kind === "problem") {
        if (pass === "first") csvProblem({ row: item.problem.row, column: "(file)", message: item.problem.message });
        continue;
      }
      if (first) {
        first = false;
        const read = readCsvMeasureHeader(item.record);
        if (pass === "first") {
          sawHeader = true;
          read.problems.forEach(csvProblem);
        }
        header = read.header;
        if (!header) return; // the columns are wrong: the rows cannot be read (as the preview does)
        continue;
      }
      const { row, problems } = readCsvMeasureRow(header!, item.record);
      if (pass === "first") {
        ctx.progress.rowsRead++;
        problems.forEach(csvProblem);
        if (ctx.progress.rowsRead % 100_000 === 0) trace(`${ctx.progress.rowsRead} rows`);
      }
      if (row) {
        const key = `${row.year}|${row.tin}|${row.npi ?? ""}|${row.cehrtId ?? ""}|${row.start}|${row.end}`;
        let group = groups.get(key);
        if (!group) {
          group = { grp: groups.size, firstRow: row.row, year: row.year, tin: row.tin, npi: row.npi, cehrtId: row.cehrtId, start: row.start, end: row.end, values: 0, seen: [] };
          groups.set(key, group);
        }
        yield { row, group };
      }
      if ((item.record.row & 1023) === 0) await ctx.tick();
    }
  }

  // Pass 1: every row checked; per report only its key fields and which measures it has (no rows kept).
  for await (const { row, group } of readRows("first")) {
    dataRows++;
    for (const v of row.values) {
      const bit = bitOf(v.measureId);
      const word = bit >>> 5;
      const mask = 1 << (bit & 31);
      if ((group.seen[word] ?? 0) & mask) duplicates.push({ row: row.row, measureId: v.measureId, grp: group.grp });
      else {
        group.seen[word] = (group.seen[word] ?? 0) | mask;
        group.values++;
      }
    }
  }
  await ctx.tick(true);
  if (!sawHeader) csvProblem({ row: 1, column: "(file)", message: "the file is empty: expected a header row naming the columns" });
  else if (dataRows === 0 && ctx.progress.problemsFound === 0 && groups.size === 0 && duplicates.length === 0) csvProblem({ row: 2, column: "(file)", message: "the file has a header but no data rows" });
  trace("parsed");
  if (duplicates.length > 0) {
    // A measure given twice for the same report (over valid rows, as the preview): find where it was first given.
    const firstRow = new Map<string, number>();
    for (const d of duplicates) firstRow.set(`${d.grp}|${d.measureId}`, 0);
    for await (const { row, group } of readRows("again")) {
      for (const v of row.values) {
        const k = `${group.grp}|${v.measureId}`;
        if (firstRow.get(k) === 0) firstRow.set(k, row.row);
      }
    }
    for (const d of duplicates) {
      csvProblem({ row: d.row, column: "measure_id", message: `${d.measureId} is already given on row ${firstRow.get(`${d.grp}|${d.measureId}`)} for the same TIN, NPI, CEHRT ID and period` });
    }
  }
  if (ctx.progress.problemsFound > 0) return refuse(ctx, name);
  await ctx.session.copyInto(
    GROUPS,
    [...groups.values()].map((g) => [g.grp, g.firstRow, g.year, g.tin, g.npi, g.cehrtId, g.start, g.end, g.values]),
  );
  const reportCount = groups.size;
  const checksum = hash.digest("hex");
  await ctx.checkpoint("staged");
  // The last check outside the transaction (on PGlite, the only one the page can reach: see session.ts).
  await ctx.tick(true);

  return ctx.session.inTransaction(async (tx) => {
    await tx.execute(sql`ANALYZE import_groups`);
    // Hash joins over the reports fit in memory instead of spilling (this transaction only).
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    // The reports against the organization: one serialised import at a time (as the preview's commit).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`cehrt-import:${org}`}))`);
    await tx.execute(sql`
      CREATE TEMP TABLE import_plan ON COMMIT DROP AS
      SELECT g.grp, g.first_row, g.tin, g.npi, g.cehrt_id, g.performance_year, g.performance_start, g.performance_end, g.value_count,
             t.id AS tin_id, t.archived_at, tm.clinician_id, p.id AS product_id, gen_random_uuid() AS report_id, NULL::uuid AS replaced_id
      FROM import_groups g
      LEFT JOIN tins t ON t.organization_id = ${org} AND t.tin = g.tin
      -- One membership per TIN and clinician (tin_memberships_organization_tin_clinician_key): hash joins, no per-report look-up.
      LEFT JOIN clinicians c ON c.organization_id = ${org} AND c.npi = g.npi
      LEFT JOIN tin_memberships tm ON tm.organization_id = ${org} AND tm.tin_id = t.id AND tm.clinician_id = c.id
        AND tm.start_date <= g.performance_end AND (tm.end_date IS NULL OR tm.end_date >= g.performance_start)
      LEFT JOIN cehrt_products p ON p.organization_id = ${org} AND p.tin_id = t.id AND p.cehrt_id = g.cehrt_id`);
    await tx.execute(sql`ANALYZE import_plan`);
    const refused = rowsOf(
      await tx.execute(sql`
        SELECT first_row, tin, npi, cehrt_id, performance_start::text AS start, performance_end::text AS "end",
               tin_id IS NULL AS no_tin, archived_at IS NOT NULL AS archived,
               (npi IS NOT NULL AND tin_id IS NOT NULL AND clinician_id IS NULL) AS not_on_roster,
               (cehrt_id IS NOT NULL AND tin_id IS NOT NULL AND product_id IS NULL) AS no_product
        FROM import_plan
        WHERE tin_id IS NULL OR archived_at IS NOT NULL OR (npi IS NOT NULL AND clinician_id IS NULL) OR (cehrt_id IS NOT NULL AND product_id IS NULL)
        ORDER BY first_row`),
    );
    for (const r of refused) {
      const tin = tinDisplay(String(r.tin));
      const at = (what: string) => `${name} (TIN ${String(r.tin)}${r.npi ? `, NPI ${String(r.npi)}` : ""}): ${what}`;
      const order = Number(r.first_row);
      if (r.no_tin) ctx.problem({ path: at("TIN"), message: `TIN ${tin} is not in this organization; add it on the TINs page first` }, order);
      if (r.archived) ctx.problem({ path: at("TIN"), message: `TIN ${tin} is archived; restore it before importing its data` }, order);
      if (r.not_on_roster) ctx.problem({ path: at("NPI"), message: `NPI ${String(r.npi)} is not on the roster of TIN ${tin} during ${String(r.start)}..${String(r.end)}; add the clinician to the TIN first` }, order);
      if (r.no_product) {
        ctx.problem({ path: at("cehrtId"), message: `CEHRT ID ${String(r.cehrt_id)} is not registered for TIN ${tin}; register the product (its vendor and edition) on the CEHRT products page first` }, order);
      }
    }
    trace("planned and checked against the organization");
    if (ctx.progress.problemsFound > 0) return refuse(ctx, name);

    // The same bytes as reports already stored: nothing to do (as the preview's checksum).
    const same = rowsOf(await tx.execute(sql`SELECT 1 FROM measure_reports WHERE organization_id = ${org} AND checksum = ${checksum} LIMIT 1`));
    await ctx.tick(true);
    await ctx.checkpoint("before-commit");
    if (same.length > 0) {
      await ctx.succeed(tx, { outcome: { added: 0, replaced: 0, values: 0, skipped: true, checksum }, message: `${name} was imported before (same content): nothing changed.` });
      return { status: "succeeded" };
    }
    await tx.execute(sql`
      UPDATE import_plan p SET replaced_id = r.id FROM measure_reports r
      WHERE r.organization_id = ${org} AND r.tin_id = p.tin_id AND r.clinician_id IS NOT DISTINCT FROM p.clinician_id
        AND r.product_id IS NOT DISTINCT FROM p.product_id AND r.performance_start = p.performance_start AND r.performance_end = p.performance_end`);
    const outcome = await commitPlan(tx, ctx, {
      name,
      checksum,
      reportCount,
      // Pass 2: the rows again, straight into measure_values (COPY on Postgres) under their new reports' ids.
      // Pass 2: the rows again, straight into measure_values (COPY on Postgres) under their new reports' ids.
      writeValues: (reportIdOf) =>
        ctx.session.copyNow(
          tx,
          MEASURE_VALUES,
          (async function* () {
            for await (const { row, group } of readRows("again", tx)) {
              for (const v of row.values) yield [org, reportIdOf(group.grp), v.measureId, v.numerator ?? null, v.denominator ?? null, v.yesNo ?? null];
            }
          })(),
        ),
    });
    trace("committed");
    await ctx.succeed(tx, {
      outcome: { ...outcome, checksum },
      message: `Imported ${name}: ${outcome.added.toLocaleString("en-US")} report(s) added, ${outcome.replaced.toLocaleString("en-US")} replaced, ${outcome.values.toLocaleString("en-US")} measure values.`,
    });
    return { status: "succeeded" };
  });
}

function refuse(ctx: JobContext, name: string): JobResult {
  const n = ctx.progress.problemsFound;
  const shown = Math.min(n, ctx.problems().length);
  return { status: "failed", message: `Nothing was imported: ${n.toLocaleString("en-US")} problem(s) in ${name}${shown < n ? ` (the first ${shown.toLocaleString("en-US")} are listed)` : ""}. Fix them and import again.` };
}

async function commitPlan(tx: Db, ctx: JobContext, params: { name: string; checksum: string; reportCount: number; writeValues: (reportIdOf: (grp: number) => string) => Promise<number> }) {
  const org = ctx.scope.organizationId;
  const actor = ctx.scope.actorUserId;
  const importId = randomUUID();
  await tx.execute(sql`
    INSERT INTO data_imports (id, organization_id, file_name, source_kind, checksum, report_count, imported_by)
    VALUES (${importId}, ${org}, ${params.name}, 'csv', ${params.checksum}, ${params.reportCount}, ${actor})`);
  // Replaced reports go first, values before reports (the rollups subtract the values set-based).
  trace("data import row");
  await tx.execute(sql`DELETE FROM measure_values v USING import_plan p WHERE v.organization_id = ${org} AND p.replaced_id IS NOT NULL AND v.report_id = p.replaced_id`);
  const replacedCount = affected(await tx.execute(sql`DELETE FROM measure_reports r USING import_plan p WHERE r.organization_id = ${org} AND r.id = p.replaced_id`));
  trace("replaced deleted");
  await tx.execute(sql`
    INSERT INTO measure_reports (id, organization_id, tin_id, clinician_id, product_id, performance_year, performance_start, performance_end, source_kind, file_name, checksum, import_id, imported_by)
    SELECT report_id, ${org}, tin_id, clinician_id, product_id, performance_year, performance_start, performance_end, 'csv', ${params.name}, ${params.checksum}, ${importId}, ${actor}
    FROM import_plan`);
  trace("reports inserted");
  const ids = rowsOf(await tx.execute(sql`SELECT grp, report_id::text AS report_id FROM import_plan`));
  const reportIds: string[] = new Array<string>(params.reportCount);
  for (const r of ids) reportIds[Number(r.grp)] = String(r.report_id);
  ids.length = 0;
  const values = await params.writeValues((grp) => reportIds[grp]!);
  const outcome = { added: params.reportCount - replacedCount, replaced: replacedCount, values, importId };
  await recordAudit(tx, ctx.scope, {
    action: "measure_report.imported",
    targetType: "data_import",
    targetId: importId,
    after: { fileName: params.name, checksum: params.checksum, sourceKind: "csv", streamed: true, reports: params.reportCount, added: outcome.added, replaced: outcome.replaced, values: outcome.values },
  });
  return outcome;
}
