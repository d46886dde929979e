/**
 * The year's deadlines for the whole organization (lib/mips/year-calendar.ts), each with what is still
 * open across its TINs: TINs without data, clinicians blocking PI reweighting (without an approved
 * hardship), applications awaiting CMS's decision, CEHRT products without a security risk analysis.
 * The TIN figures come from the organization overview (aggregated in SQL); one more query finds the
 * products in use in the year without an SRA.
 */
import { and, count, eq, gte, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cehrtProducts, hardshipApplications, securityRiskAnalyses, tins, virtualGroups } from "@/db/schema";
import { formatTin } from "@/lib/mips/identifiers";
import { yearCalendar, type CalendarItem } from "@/lib/mips/year-calendar";
import type { PerformanceYear } from "@/lib/mips/years";
import { cachedOrganizationOverview } from "../dashboards/cached-overview";
import type { OrgScope } from "../scope";

export interface OpenWork {
  /** "2 TINs have no data for 2026". */
  text: string;
  /** Where to fix it, relative to /o/<org>. */
  href?: string;
}

export interface OrganizationDeadline extends CalendarItem {
  /** What is still open for this deadline (empty once it has closed, or when nothing is open). */
  open: OpenWork[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const names = (list: string[]) => (list.length > 3 ? `${list.slice(0, 3).join(", ")} and ${list.length - 3} more` : list.join(", "));

/** Products of the organization's TINs in use during the year without a security risk analysis for it. */
async function productsWithoutSra(db: Db, scope: OrgScope, year: number) {
  return db
    .select({ vendor: cehrtProducts.vendor, productName: cehrtProducts.productName, tinName: tins.name, tinId: tins.id })
    .from(cehrtProducts)
    .innerJoin(tins, and(eq(tins.id, cehrtProducts.tinId), eq(tins.organizationId, scope.organizationId), isNull(tins.archivedAt)))
    .leftJoin(
      securityRiskAnalyses,
      and(eq(securityRiskAnalyses.organizationId, scope.organizationId), eq(securityRiskAnalyses.productId, cehrtProducts.id), eq(securityRiskAnalyses.performanceYear, year)),
    )
    .where(
      and(
        eq(cehrtProducts.organizationId, scope.organizationId),
        isNull(securityRiskAnalyses.id),
        or(isNull(cehrtProducts.inUseFrom), lte(cehrtProducts.inUseFrom, `${year}-12-31`)),
        or(isNull(cehrtProducts.inUseTo), gte(cehrtProducts.inUseTo, `${year}-01-01`)),
      ),
    )
    .orderBy(tins.name, cehrtProducts.vendor);
}

export async function organizationDeadlines(db: Db, scope: OrgScope, params: { performanceYear: PerformanceYear; today: string }): Promise<OrganizationDeadline[]> {
  const year = params.performanceYear;
  const [overview, noSra, pending, nextYearGroups] = await Promise.all([
    // The overview dashboard's own entry (computed once per data version), not a second computation.
    cachedOrganizationOverview(db, scope, year),
    productsWithoutSra(db, scope, year),
    db
      .select({ n: count() })
      .from(hardshipApplications)
      .where(and(eq(hardshipApplications.organizationId, scope.organizationId), eq(hardshipApplications.performanceYear, year), eq(hardshipApplications.status, "pending"))),
    db
      .select({ n: count() })
      .from(virtualGroups)
      .where(and(eq(virtualGroups.organizationId, scope.organizationId), eq(virtualGroups.performanceYear, year + 1))),
  ]);
  const withoutData = overview.tins.filter((t) => t.cliniciansWithData === 0 && t.wholeTinReports === 0);
  const blocked = overview.tins.filter((t) => t.blockingCount > 0 && !t.groupQualifiesForReweighting);
  const blockers = blocked.reduce((sum, t) => sum + t.blockingCount, 0);
  const pendingCount = pending[0]?.n ?? 0;
  const label = (t: { name: string; tin: string }) => `${t.name} (${formatTin(t.tin)})`;
  const noData: OpenWork[] = withoutData.length
    ? [{ text: `${plural(withoutData.length, "TIN")} ${withoutData.length === 1 ? "has" : "have"} no data for ${year}: ${names(withoutData.map(label))}`, href: `/data?year=${year}` }]
    : [];
  const blocking: OpenWork[] = blocked.length
    ? [{ text: `${plural(blockers, "clinician")} block${blockers === 1 ? "s" : ""} PI reweighting in ${plural(blocked.length, "TIN")}: ${names(blocked.map(label))}`, href: `/clinicians?reweighting=blocking&year=${year}` }]
    : [];
  const awaiting: OpenWork[] = pendingCount ? [{ text: `${plural(pendingCount, "hardship application")} await${pendingCount === 1 ? "s" : ""} CMS's decision`, href: `/hardships?year=${year}&status=pending` }] : [];
  const sra: OpenWork[] = noSra.length
    ? [{ text: `${plural(noSra.length, "CEHRT product")} without a ${year} security risk analysis: ${names(noSra.map((p) => `${p.vendor} ${p.productName} (${p.tinName})`))}`, href: `/data?year=${year}` }]
    : [];
  const openFor = (item: CalendarItem): OpenWork[] => {
    if (item.state === "closed") return [];
    switch (item.kind) {
      case "hardshipApplication":
        return [...blocking, ...awaiting];
      case "nextVirtualGroupElection":
        return nextYearGroups[0]?.n ? [] : [{ text: `No virtual group recorded for ${year + 1} (only small practices need one)`, href: `/virtual-groups?year=${year + 1}` }];
      case "lastPeriodStart":
        return noData;
      case "submissionOpens":
        return [];
      case "submission":
        return [...noData, ...blocking, ...sra];
    }
  };
  return yearCalendar(year, params.today).map((item) => ({ ...item, open: openFor(item) }));
}
