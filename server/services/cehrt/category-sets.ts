/**
 * The quality and IA measurement sets stored with imported reports (report_measurement_sets): loaded for
 * the reports an export includes and appended to the exported submission (lib/cehrt/category-sets
 * combines them and says how).
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reportMeasurementSets } from "@/db/schema";
import { type CategorySet, combineCategorySets } from "@/lib/cehrt/category-sets";
import type { Issue } from "@/lib/errors";
import type { Submission } from "@/lib/mips";
import type { OrgScope } from "../scope";
import { reportLabel, type StoredReport } from "./load";

/** Per report id, its sets in the file's order. One query. */
export async function loadCategorySets(db: Db, scope: OrgScope, reportIds: readonly string[]): Promise<Map<string, CategorySet[]>> {
  const out = new Map<string, CategorySet[]>();
  if (reportIds.length === 0) return out;
  const rows = await db
    .select({ reportId: reportMeasurementSets.measureReportId, body: reportMeasurementSets.body })
    .from(reportMeasurementSets)
    .where(and(eq(reportMeasurementSets.organizationId, scope.organizationId), inArray(reportMeasurementSets.measureReportId, [...reportIds])))
    .orderBy(asc(reportMeasurementSets.measureReportId), asc(reportMeasurementSets.ordinal));
  for (const row of rows) {
    const list = out.get(row.reportId) ?? [];
    list.push(row.body as unknown as CategorySet);
    out.set(row.reportId, list);
  }
  return out;
}

/**
 * The submission with the quality and IA sets of `reports` appended after its PI set, and what the
 * combination says. `level` "group": only whole-TIN reports' sets (a clinician's own quality data is not
 * the group's; a finding says it is left out).
 */
export async function withCategorySets(
  db: Db,
  scope: OrgScope,
  submission: Submission,
  reports: readonly StoredReport[],
  level: "individual" | "group",
): Promise<{ submission: Submission; findings: Issue[] }> {
  const stored = await loadCategorySets(db, scope, reports.map((r) => r.id));
  const findings: Issue[] = [];
  const used = reports.filter((r) => level === "individual" || r.clinicianId === null);
  if (level === "group") {
    const left = reports.filter((r) => r.clinicianId !== null && (stored.get(r.id)?.length ?? 0) > 0);
    if (left.length > 0) {
      findings.push({
        path: "measurementSets",
        message: `${left.length} clinician file(s) carry quality or IA data (${left.map(reportLabel).join(", ")}); a group submission carries only the whole-TIN files' quality and IA sets, so theirs is not in this export`,
      });
    }
  }
  const combined = combineCategorySets(used.flatMap((r) => {
    const sets = stored.get(r.id) ?? [];
    return sets.length ? [{ label: reportLabel(r), createdAt: r.createdAt, sets }] : [];
  }));
  if (combined.sets.length === 0) return { submission, findings };
  return { submission: { ...submission, measurementSets: [...submission.measurementSets, ...combined.sets] }, findings: [...findings, ...combined.findings] };
}
