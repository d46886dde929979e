/**
 * The streamed CEHRT measure-data CSV import (lib/formats/csv-measures.ts has the columns): the staged
 * file is parsed as a stream (csv-parse) and checked row by row with the preview's messages; the valid
 * rows are copied into a temporary table as they come, so memory holds one report key per report, not
 * the rows. The whole-file checks then run in SQL over the staged rows (a measure given twice for one
 * report; TINs, NPIs on the TIN's roster during the period, CEHRT products), every problem is reported,
 * and only a file without any is committed: set-based INSERT .. SELECT in the job's one transaction
 * (the rollup triggers are per statement). A CEHRT ID new to its TIN needs its vendor's name, as in the
 * preview: the first run of a valid file naming one stops with status needs_vendors and the new CEHRT IDs
 * (the file's vendor column prefills them); the page asks, and the run with the names (vendorNamesFor's
 * checks, the preview commit's words) registers the products in the import's transaction.
 */
import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { csvRecordStream } from "@/lib/csv/parse";
import { readCsvMeasureHeader, readCsvMeasureRow, type CsvMeasureHeader } from "@/lib/formats/csv-measure-rows";
import { csvProblemIssues, type CsvMeasureProblem } from "@/lib/formats/csv-measures";
import { cehrtProducts } from "@/db/schema";
import { formatTin } from "@/lib/mips";
import { cehrtEditionFromId } from "@/lib/mips/identifiers";
import { MAX_VENDOR_NAME, vendorNamesFor, type NewProduct } from "../cehrt/imports";
import { recordAudit } from "../audit";
import type { JobContext, JobResult } from "./run";
import type { TempTable } from "./session";

const ROWS: TempTable = {
  name: "import_rows",
  columns: "grp integer NOT NULL, row_no integer NOT NULL, measure_id text NOT NULL, numerator integer, denominator integer, yes_no boolean",
  columnNames: ["grp", "row_no", "measure_id", "numerator", "denominator", "yes_no"],
};
const GROUPS: TempTable = {
  name: "import_groups",
  columns: "grp integer NOT NULL, first_row integer NOT NULL, performance_year integer NOT NULL, tin text NOT NULL, npi text, cehrt_id text, performance_start date NOT NULL, performance_end date NOT NULL, value_count integer NOT NULL, vendor text",
  columnNames: ["grp", "first_row", "performance_year", "tin", "npi", "cehrt_id", "performance_start", "performance_end", "value_count", "vendor"],
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
  /** The first vendor name on the report's rows (the optional `vendor` column): a new CEHRT ID's suggestion. */
  vendor: string | null;
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

export async function importCehrtCsv(ctx: JobContext): Promise<JobResult> {
  trace("start");
  const name = ctx.job.fileName;
  const org = ctx.scope.organizationId;
  const csvProblem = (p: CsvMeasureProblem) => {
    for (const issue of csvProblemIssues([p], name)) ctx.problem(issue, p.row);
  };
  await ctx.session.createTemp(ROWS);
  await ctx.session.createTemp(GROUPS);
  const groups = new Map<string, Group>();
  const hash = createHash("sha256");
  let header: CsvMeasureHeader | null = null;
  let sawHeader = false;
  let dataRows = 0;
  let vendorIndex: number | undefined;

  async function* file() {
    for await (const chunk of ctx.file()) {
      hash.update(chunk);
      yield chunk;
    }
  }
  async function* stagedRows() {
    for await (const item of csvRecordStream(file())) {
      if (item.kind === "problem") {
        csvProblem({ row: item.problem.row, column: "(file)", message: item.problem.message });
        continue;
      }
      const record = item.record;
      if (!sawHeader) {
        sawHeader = true;
        const read = readCsvMeasureHeader(record);
        read.problems.forEach(csvProblem);
        header = read.header;
        vendorIndex = header?.index.get("vendor");
        if (!header) break; // the columns are wrong: the rows cannot be read (as the preview does)
        continue;
      }
      ctx.progress.rowsRead++;
      const { row, problems } = readCsvMeasureRow(header!, record);
      problems.forEach(csvProblem);
      if (row) {
        dataRows++;
        const key = `${row.year}|${row.tin}|${row.npi ?? ""}|${row.cehrtId ?? ""}|${row.start}|${row.end}`;
        let group = groups.get(key);
        if (!group) {
          group = { grp: groups.size, firstRow: row.row, year: row.year, tin: row.tin, npi: row.npi, cehrtId: row.cehrtId, start: row.start, end: row.end, values: 0, vendor: null };
          groups.set(key, group);
        }
        if (vendorIndex !== undefined && group.vendor === null && row.cehrtId) {
          group.vendor = (record.cells[vendorIndex] ?? "").trim().replace(/\s+/g, " ").slice(0, MAX_VENDOR_NAME) || null;
        }
        for (const v of row.values) {
          group.values++;
          yield [group.grp, row.row, v.measureId, v.numerator ?? null, v.denominator ?? null, v.yesNo ?? null];
        }
      }
      if ((ctx.progress.rowsRead & 1023) === 0) await ctx.tick();
      if (ctx.progress.rowsRead % 100_000 === 0) trace(`${ctx.progress.rowsRead} rows`);
    }
  }
  await ctx.session.copyInto(ROWS, stagedRows());
  await ctx.tick(true);
  if (!sawHeader) csvProblem({ row: 1, column: "(file)", message: "the file is empty: expected a header row naming the columns" });
  else if (header && dataRows === 0 && ctx.progress.problemsFound === 0) csvProblem({ row: 2, column: "(file)", message: "the file has a header but no data rows" });
  await ctx.session.copyInto(
    GROUPS,
    [...groups.values()].map((g) => [g.grp, g.firstRow, g.year, g.tin, g.npi, g.cehrtId, g.start, g.end, g.values, g.vendor]),
  );
  trace("parsed and staged");
  const reportCount = groups.size;
  groups.clear();
  const checksum = hash.digest("hex");
  await ctx.checkpoint("staged");
  // The last check outside the transaction (on PGlite, the only one the page can reach: see session.ts).
  await ctx.tick(true);

  return ctx.session.inTransaction(async (tx) => {
    // A measure given twice for the same report (over valid rows, as the preview).
    await tx.execute(sql`ANALYZE import_rows`);
    await tx.execute(sql`ANALYZE import_groups`);
    // Hash aggregates and joins over a million staged rows fit in memory instead of spilling (this transaction only).
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    const duplicates = rowsOf(
      await tx.execute(sql`
        WITH twice AS (SELECT grp, measure_id, min(row_no) AS first_row FROM import_rows GROUP BY grp, measure_id HAVING count(*) > 1)
        SELECT r.row_no, r.measure_id, twice.first_row FROM import_rows r JOIN twice ON twice.grp = r.grp AND twice.measure_id = r.measure_id
        WHERE r.row_no <> twice.first_row ORDER BY r.row_no`),
    );
    for (const d of duplicates) {
      csvProblem({ row: Number(d.row_no), column: "measure_id", message: `${String(d.measure_id)} is already given on row ${Number(d.first_row)} for the same TIN, NPI, CEHRT ID and period` });
    }
    trace("duplicates checked");
    if (ctx.progress.problemsFound > 0) return refuse(ctx, name);

    // The reports against the organization: one serialised import at a time (as the preview's commit).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`cehrt-import:${org}`}))`);
    await tx.execute(sql`
      CREATE TEMP TABLE import_plan ON COMMIT DROP AS
      SELECT g.grp, g.first_row, g.tin, g.npi, g.cehrt_id, g.performance_year, g.performance_start, g.performance_end, g.value_count, g.vendor,
             t.id AS tin_id, t.archived_at, tm.clinician_id, p.id AS product_id, gen_random_uuid() AS report_id, NULL::uuid AS replaced_id
      FROM import_groups g
      LEFT JOIN tins t ON t.organization_id = ${org} AND t.tin = g.tin
      -- One membership per TIN and clinician (tin_memberships_organization_tin_clinician_key): hash joins, no per-report look-up.
      LEFT JOIN clinicians c ON c.organization_id = ${org} AND c.npi = g.npi
      LEFT JOIN tin_memberships tm ON tm.organization_id = ${org} AND tm.tin_id = t.id AND tm.clinician_id = c.id
        AND tm.start_date <= g.performance_end AND (tm.end_date IS NULL OR tm.end_date >= g.performance_start)
      LEFT JOIN cehrt_products p ON p.organization_id = ${org} AND p.tin_id = t.id AND p.cehrt_id = g.cehrt_id`);
    await tx.execute(sql`ANALYZE import_plan`);
    const newProducts = new Map<string, NewProduct>();
    const refused = rowsOf(
      await tx.execute(sql`
        SELECT first_row, tin, npi, cehrt_id, vendor, performance_start::text AS start, performance_end::text AS "end",
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
      if (r.no_product && !r.no_tin && !r.archived) {
        const cehrtId = String(r.cehrt_id);
        if (!cehrtEditionFromId(cehrtId)) {
          ctx.problem({ path: at("cehrtId"), message: `CEHRT ID ${cehrtId} is not registered for this TIN and its edition cannot be derived from it; register the product (with its edition) first` }, order);
        } else {
          let entry = newProducts.get(cehrtId);
          if (!entry) newProducts.set(cehrtId, (entry = { cehrtId, suggestedVendor: null, tins: [], files: [name] }));
          entry.suggestedVendor ??= r.vendor === null ? null : String(r.vendor);
          if (!entry.tins.includes(tin)) entry.tins.push(tin);
        }
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
    let productsAdded = 0;
    if (newProducts.size > 0) {
      const products = [...newProducts.values()];
      const asked = (why: string): JobResult => ({
        status: "needs_vendors",
        message: `Nothing was imported yet: ${why} Name the vendor of each and run the import again.`,
        newProducts: products.map((p) => ({ cehrtId: p.cehrtId, suggestedVendor: p.suggestedVendor, tins: p.tins })),
      });
      if (ctx.job.vendorNames === null) return asked(`${products.length.toLocaleString("en-US")} CEHRT ID(s) in ${name} are new to their TIN (${products.map((p) => p.cehrtId).join(", ")}).`);
      const vendors = vendorNamesFor(products, ctx.job.vendorNames);
      if (vendors.problems.length > 0) return asked(vendors.problems.map((p) => `${p.path}: ${p.message}.`).join(" "));
      productsAdded = await addProducts(tx, ctx, { name, names: vendors.names });
      await ctx.checkpoint("products-registered");
    }
    await tx.execute(sql`
      UPDATE import_plan p SET replaced_id = r.id FROM measure_reports r
      WHERE r.organization_id = ${org} AND r.tin_id = p.tin_id AND r.clinician_id IS NOT DISTINCT FROM p.clinician_id
        AND r.product_id IS NOT DISTINCT FROM p.product_id AND r.performance_start = p.performance_start AND r.performance_end = p.performance_end`);
    const outcome = await commitPlan(tx, ctx, { name, checksum, reportCount });
    trace("committed");
    await ctx.succeed(tx, {
      outcome: { ...outcome, productsAdded, checksum },
      message: `Imported ${name}: ${outcome.added.toLocaleString("en-US")} report(s) added, ${outcome.replaced.toLocaleString("en-US")} replaced, ${outcome.values.toLocaleString("en-US")} measure values${productsAdded > 0 ? `; ${productsAdded.toLocaleString("en-US")} CEHRT product(s) registered` : ""}.`,
    });
    return { status: "succeeded" };
  });
}

/**
 * Registers the plan's new products (one per TIN and new CEHRT ID, as the preview's commit) under the named
 * vendors, audits each, and points the plan's reports at them. Returns how many.
 */
async function addProducts(tx: Db, ctx: JobContext, params: { name: string; names: Map<string, string> }): Promise<number> {
  const org = ctx.scope.organizationId;
  const wanted = rowsOf(await tx.execute(sql`SELECT DISTINCT tin_id, cehrt_id FROM import_plan WHERE product_id IS NULL AND cehrt_id IS NOT NULL ORDER BY cehrt_id, tin_id`));
  const rows = wanted.map((w) => {
    const cehrtId = String(w.cehrt_id);
    return { organizationId: org, tinId: String(w.tin_id), vendor: params.names.get(cehrtId)!, productName: `imported from ${params.name}`, cehrtId, edition: cehrtEditionFromId(cehrtId)! };
  });
  if (rows.length === 0) return 0;
  const products = await tx.insert(cehrtProducts).values(rows).returning();
  for (const product of products) {
    await recordAudit(tx, ctx.scope, { action: "cehrt_product.created", targetType: "cehrt_product", targetId: product.id, after: { ...product, source: params.name, streamed: true } });
  }
  await tx.execute(sql`
    UPDATE import_plan p SET product_id = c.id FROM cehrt_products c
    WHERE c.organization_id = ${org} AND c.tin_id = p.tin_id AND c.cehrt_id = p.cehrt_id AND p.product_id IS NULL AND p.cehrt_id IS NOT NULL`);
  return products.length;
}

function refuse(ctx: JobContext, name: string): JobResult {
  const n = ctx.progress.problemsFound;
  const shown = Math.min(n, ctx.problems().length);
  return { status: "failed", message: `Nothing was imported: ${n.toLocaleString("en-US")} problem(s) in ${name}${shown < n ? ` (the first ${shown.toLocaleString("en-US")} are listed)` : ""}. Fix them and import again.` };
}

async function commitPlan(tx: Db, ctx: JobContext, params: { name: string; checksum: string; reportCount: number }) {
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
  const values = affected(
    await tx.execute(sql`
      INSERT INTO measure_values (organization_id, report_id, measure_id, numerator, denominator, yes_no)
      SELECT ${org}, p.report_id, r.measure_id, r.numerator, r.denominator, r.yes_no FROM import_rows r JOIN import_plan p ON p.grp = r.grp`),
  );
  const outcome = { added: params.reportCount - replacedCount, replaced: replacedCount, values, importId };
  await recordAudit(tx, ctx.scope, {
    action: "measure_report.imported",
    targetType: "data_import",
    targetId: importId,
    after: { fileName: params.name, checksum: params.checksum, sourceKind: "csv", streamed: true, reports: params.reportCount, added: outcome.added, replaced: outcome.replaced, values: outcome.values },
  });
  return outcome;
}
