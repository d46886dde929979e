import type { Metadata } from "next";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { ReportEntryForm, type CatalogMeasure, type ExclusionClaim } from "@/components/cehrt/report-entry-form";
import { PageHeader } from "@/components/ui/page-header";
import { FindForm } from "@/components/roster/find-form";
import { TIN_CHOICES_MAX, clinicianChoices, tinChoices } from "@/lib/roster/tin-choices";
import { getCatalog, minimumPerformancePeriodDays } from "@/lib/mips";

export const metadata: Metadata = { title: "Enter a report" };

export default async function NewReportPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ year?: string; tin?: string; tinq?: string; npiq?: string }> }) {
  const { org } = await params;
  const query = await searchParams;
  const year = pageYear(query.year);
  const { organization, role } = await getOrgContext(org);
  if (role === "executive") return <ForbiddenNotice needed="admin or clinician" role={role} />;
  const api = await serverApi();
  // One TIN's clinicians and products at a time (`tin`, default the first TIN; the form's TIN select sets it).
  const options = await forPage(api.measureReports.entryOptions({ organization: organization.id, performanceYear: year, tinId: query.tin || undefined }));
  // The form's TIN select lists at most TIN_CHOICES_MAX TINs (a health system has a thousand): "Find a TIN" narrows them.
  const choices = tinChoices(options.tins, { selected: options.tinId, query: query.tinq });
  // And its clinician select at most TIN_CHOICES_MAX of the TIN's clinicians (a hospital TIN bills for thousands): "Find a clinician".
  const clinicianPick = clinicianChoices(options.clinicians, { selected: options.ownClinicianId, query: query.npiq });
  const catalog = getCatalog(year).measures;
  const titleOf = new Map(catalog.map((m) => [m.measureId, m.title]));
  // Exclusions and PRE/PROD engagement levels are entered on the measure they belong to, not as rows.
  const measures: CatalogMeasure[] = catalog
    .filter((m) => m.kind !== "exclusion" && m.engagementOf === null)
    .map((m) => ({
      measureId: m.measureId,
      title: m.title,
      metricType: m.metricType,
      kind: m.kind,
      isRequired: m.isRequired,
      isBonus: m.isBonus,
      measureSets: [...m.measureSets],
      exclusions: m.exclusionMeasureIds.map((id) => ({ measureId: id, title: titleOf.get(id) ?? id })),
      alternatives: m.substitutes.filter((id) => titleOf.has(id) && !m.exclusionMeasureIds.includes(id) && !m.engagementLevelIds.includes(id)),
      engagementLevels: catalog.filter((e) => e.engagementOf === m.measureId && e.engagementLevel).map((e) => ({ measureId: e.measureId, level: e.engagementLevel! })),
    }));
  const minimumPeriodDays = minimumPerformancePeriodDays(year);
  const defaultPeriodEnd = new Date(Date.UTC(year, 0, minimumPeriodDays)).toISOString().slice(0, 10);
  // 2017-2018 (the base-score years, with a transition measure set) send an exclusion with the measure at 0/0.
  const exclusionClaim: ExclusionClaim = year <= 2018 ? "withZeroes" : "alone";
  return (
    <>
      <PageHeader
        title={`Enter a ${year} report`}
        description={`One CEHRT product's data for one NPI (or the whole TIN) and one performance period of at least ${minimumPeriodDays} consecutive days in ${year}. Counts are whole numbers; a numerator never exceeds its denominator; ${exclusionClaim === "withZeroes" ? "a claimed exclusion goes with 0/0" : "a claimed exclusion replaces the measure"}.`}
      />
      {choices.total > TIN_CHOICES_MAX ? (
        <FindForm
          label="Find a TIN"
          name="tinq"
          query={choices.query}
          placeholder="TIN number or name"
          keep={{ year, tin: options.tinId }}
          summary={`${choices.matching} of ${choices.total} TINs match${choices.matching > TIN_CHOICES_MAX ? `; the first ${TIN_CHOICES_MAX} are in the TIN list` : ""}.`}
        />
      ) : null}
      {clinicianPick.total > TIN_CHOICES_MAX ? (
        <FindForm
          label="Find a clinician"
          name="npiq"
          query={clinicianPick.query}
          placeholder="NPI or name"
          keep={{ year, tin: options.tinId, tinq: choices.query }}
          summary={`${clinicianPick.matching} of the TIN's ${clinicianPick.total} clinicians match${clinicianPick.matching > TIN_CHOICES_MAX ? `; the first ${TIN_CHOICES_MAX} are in the clinician list` : ""}.`}
        />
      ) : null}
      <ReportEntryForm organization={organization.id} performanceYear={year} options={{ ...options, tins: choices.shown, clinicians: clinicianPick.shown }} measures={measures} minimumPeriodDays={minimumPeriodDays} defaultPeriodEnd={defaultPeriodEnd} exclusionClaim={exclusionClaim} />
    </>
  );
}
