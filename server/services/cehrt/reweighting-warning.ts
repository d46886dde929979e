/**
 * Rules section 5: submitting PI data cancels reweighting. Before data for a clinician (or a whole TIN)
 * is saved or imported, say so when the clinician (the TIN under the 100% rule) would otherwise be
 * reweighted. Uses the roster's live status (server/services/roster/status.ts), batch-loaded.
 */
import type { Db } from "@/db/client";
import type { OrgScope } from "../scope";
import { clinicianStatuses, tinStatuses, type TinStatus } from "../roster/status";

export interface ReweightingTarget {
  tinId: string;
  clinicianId: string | null;
  performanceYear: number;
}

/** One message per target that would otherwise be reweighted. Two or four queries per year. */
export async function reweightingCancellations(db: Db, scope: OrgScope, targets: readonly ReweightingTarget[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const key = (t: ReweightingTarget) => `${t.tinId}|${t.clinicianId ?? ""}|${t.performanceYear}`;
  for (const year of new Set(targets.map((t) => t.performanceYear))) {
    const ofYear = targets.filter((t) => t.performanceYear === year);
    const clinicianIds = [...new Set(ofYear.flatMap((t) => (t.clinicianId ? [t.clinicianId] : [])))];
    const tinIds = [...new Set(ofYear.filter((t) => !t.clinicianId).map((t) => t.tinId))];
    // One after the other: inside an import's transaction they share one connection.
    const clinicianRows = clinicianIds.length > 0 ? await clinicianStatuses(db, scope, { clinicianIds }, year) : [];
    const tinRows = tinIds.length > 0 ? await tinStatuses(db, scope, tinIds, year) : new Map<string, TinStatus>();
    const clinicianStatus = new Map(clinicianRows.map((c) => [`${c.tinId}|${c.clinicianId}`, c]));
    for (const t of ofYear) {
      if (t.clinicianId) {
        const s = clinicianStatus.get(`${t.tinId}|${t.clinicianId}`);
        if (s?.reweighting.reweighted) {
          const why = s.reweighting.reasons.map((r) => r.message).join("; ");
          out.set(
            key(t),
            `${s.firstName} ${s.lastName} (NPI ${s.npi}) would have the PI category reweighted to 0% in ${year} (${why}); submitting PI data cancels the reweighting and the data is scored.`,
          );
        }
      } else {
        const s = tinRows.get(t.tinId);
        if (s?.group.reweighted) {
          out.set(key(t), `TIN ${s.clinicians[0]?.tinDisplay ?? ""} would have the PI category reweighted to 0% for group reporting in ${year} (every clinician qualifies); submitting PI data cancels the reweighting.`);
        }
      }
    }
  }
  return out;
}

export function reweightingKey(t: ReweightingTarget): string {
  return `${t.tinId}|${t.clinicianId ?? ""}|${t.performanceYear}`;
}
