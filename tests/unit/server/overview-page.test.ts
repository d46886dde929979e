/** One page of the organization overview (server/services/dashboards/overview-page.ts): filters, sort, page, headline over every TIN. */
import { describe, expect, it } from "vitest";
import type { OrganizationOverview, OverviewTin } from "@/server/services/dashboards/overview";
import { overviewPage, type OverviewPageParams } from "@/server/services/dashboards/overview-page";

function tin(i: number, over: Partial<OverviewTin> = {}): OverviewTin {
  return {
    tinId: `id-${i}`, tin: String(100000000 + i), tinDisplay: `10-000000${i}`, name: `Practice ${String(i).padStart(2, "0")}`, reportingMode: "group", performancePeriod: null,
    status: "scored", piScore: i, finalScorePoints: i / 4, breakdown: null, baseMet: true, attestationsComplete: true, problems: [],
    groupQualifiesForReweighting: false, blockingCount: i % 3, clinicianCount: 10, eligibleClinicianCount: 10, cliniciansWithData: i % 10, wholeTinReports: 0,
    vendorsWithData: 1, vendorsRegistered: 1, smallPractice: false, aggregatedFrom: "productSums", ...over,
  };
}
const tins = Array.from({ length: 60 }, (_, i) => tin(i, i % 10 === 0 ? { status: "reweighted", piScore: null, finalScorePoints: null } : {}));
const overview: OrganizationOverview = {
  performanceYear: 2026, tins,
  headline: { tinCount: 60, scoredTins: 54, reweightedTins: 6, tinsWithoutData: 0, averagePiScore: 30, baseMetTins: 60, blockingClinicians: 59, clinicians: 600, cliniciansWithData: 270 },
};
const base: OverviewPageParams = { search: "", show: "all", sort: "name", order: "asc", page: 1, pageSize: 25 };

describe("overview page", () => {
  it("cuts every TIN to pages, keeping the headline over all of them", () => {
    const p3 = overviewPage(overview, { ...base, page: 3 });
    expect(p3).toMatchObject({ total: 60, page: 3, pageSize: 25, headline: overview.headline });
    expect(p3.tins.map((t) => t.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Practice ${50 + i}`));
    expect(overviewPage(overview, { ...base, page: 4 }).tins).toEqual([]);
  });

  it("filters by status, blockers and name or TIN digits, then sorts", () => {
    expect(overviewPage(overview, { ...base, show: "reweighted" }).total).toBe(6);
    expect(overviewPage(overview, { ...base, show: "blocked" }).tins.every((t) => t.blockingCount > 0)).toBe(true);
    expect(overviewPage(overview, { ...base, search: "practice 4" }).tins.map((t) => t.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Practice ${40 + i}`));
    expect(overviewPage(overview, { ...base, search: "1000000-07" }).tins.map((t) => t.tinId)).toEqual(["id-7"]);
    const best = overviewPage(overview, { ...base, sort: "piScore", order: "desc", pageSize: 3 }).tins.map((t) => t.piScore);
    expect(best).toEqual([59, 58, 57]);
    // Reweighted TINs (no score) sort below every scored one.
    expect(overviewPage(overview, { ...base, sort: "piScore", pageSize: 6 }).tins.every((t) => t.status === "reweighted")).toBe(true);
  });
});
