import type { Metadata } from "next";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { MeasureTable } from "@/components/dashboards/measure-table";
import { PiScoreBadge } from "@/components/dashboards/pi-score";
import { YearLinks } from "@/components/dashboards/year-links";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DownloadLink } from "@/components/reports/download-link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export const metadata: Metadata = { title: "My dashboard" };

/** The clinician's own view; admins and executives may open any clinician's with ?clinician=<id>. */
export default async function ClinicianDashboardPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ year?: string; clinician?: string }> }) {
  const { org } = await params;
  const query = await searchParams;
  const { organization, role } = await getOrgContext(org);
  const year = pageYear(query.year);
  if (role !== "clinician" && !query.clinician) {
    return (
      <>
        <PageHeader title="Clinician dashboard" />
        <Alert>Open a clinician from the Clinicians page, or a TIN dashboard, to see their view.</Alert>
      </>
    );
  }
  const api = await serverApi();
  const d = await forPage(api.dashboards.clinician({ organization: organization.id, performanceYear: year, clinicianId: role === "clinician" ? null : (query.clinician ?? null) }));
  const keep = role === "clinician" ? "" : `&clinician=${d.clinician.id}`;
  return (
    <>
      <PageHeader
        title={d.isOwn ? "My dashboard" : `${d.clinician.name}: clinician dashboard`}
        description={`${d.clinician.name} · NPI ${d.clinician.npi} · ${year}: your individual PI score under each TIN, what raises it, and your reweighting status.`}
        actions={
          <>
            <DownloadLink href={`/api/o/${organization.slug}/reports/clinicians/${role === "clinician" ? "me" : d.clinician.id}?year=${year}`}>Statement (PDF)</DownloadLink>
            <YearLinks year={year} href={(y) => `/o/${organization.slug}/dashboard/me?year=${y}${keep}`} />
          </>
        }
      />
      <div className="grid gap-6">
        {d.tins.length === 0 ? <Alert>No TIN membership or report in {year}.</Alert> : null}
        {d.tins.map((t) => (
          <Card key={t.tinId} data-testid="clinician-tin">
            <CardHeader>
              <CardTitle>
                {t.tinName} ({t.tinDisplay})
              </CardTitle>
              <CardDescription>
                {t.reportingMode ? `The TIN reports as ${t.reportingMode === "virtualGroup" ? "a virtual group" : t.reportingMode === "group" ? "a group" : "individuals"}` : "Reporting mode not chosen yet"}
                {t.period ? ` · period ${t.period.start} to ${t.period.end}` : ""}
                {t.excludedReports ? ` · ${t.excludedReports} report(s) of another period not counted` : ""}
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4 text-sm">
              <p className="flex flex-wrap items-center gap-3 text-base">
                Individual PI score <span data-testid="individual-score"><PiScoreBadge summary={t.score} /></span>
                {t.score.finalScorePoints !== null ? <span>{t.score.finalScorePoints} final-score points (of 25)</span> : null}
                {t.score.breakdown ? (
                  <span className="text-muted-foreground">
                    base {t.score.breakdown.base} + performance {t.score.breakdown.performance} + bonus {t.score.breakdown.bonus}
                  </span>
                ) : null}
              </p>
              {t.score.problems.length ? (
                <Alert variant="destructive">
                  <ul className="list-disc pl-5">{t.score.problems.map((p) => <li key={p}>{p}</li>)}</ul>
                </Alert>
              ) : null}
              <section aria-label="Reweighting status">
                <h3 className="font-medium">Reweighting</h3>
                <p data-testid="clinician-reweighting">
                  {t.reweighting.reweighted
                    ? "Your PI category is reweighted to 0%."
                    : t.reweighting.dataCancels
                      ? "You qualify for reweighting, but PI data was submitted, which cancels it: the data is scored."
                      : t.reweighting.qualifies
                        ? "You qualify for reweighting."
                        : "You do not qualify for reweighting."}
                  {t.reweighting.blocksGroup ? (
                    <>
                      {" "}
                      <Badge variant="destructive">you block the TIN&apos;s group reweighting</Badge>
                    </>
                  ) : null}
                </p>
                <ul className="list-disc pl-5 text-muted-foreground">
                  {t.reweighting.explanation.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </section>
              {t.measures.length ? <MeasureTable measures={t.measures} caption="Your measures" /> : null}
              {t.raises.length ? (
                <section aria-label="What raises your score">
                  <h3 className="font-medium">What raises your score</h3>
                  <ul className="list-disc pl-5">
                    {t.raises.map((r) => (
                      <li key={r.measureId}>
                        {r.title}: {r.moreNeeded} more (numerator {r.nextBandNumerator} of {r.denominator}) {r.band === null ? "earns at least one more point." : `reaches band ${r.band + 1} or higher.`}
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
              {t.explanation.length ? (
                <details>
                  <summary className="cursor-pointer">How your score is made</summary>
                  <ul className="mt-2 list-disc pl-5">
                    {t.explanation.map((e, i) => (
                      <li key={i}>{e.message}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </CardContent>
          </Card>
        ))}
        <Card>
          <CardHeader>
            <CardTitle>Reports</CardTitle>
            <CardDescription>Every {year} report of NPI {d.clinician.npi}.</CardDescription>
          </CardHeader>
          <CardContent>
            {d.reports.length === 0 ? (
              <p className="text-sm" data-testid="no-reports">
                No reports yet for {year}.
              </p>
            ) : (
              <Table>
                <caption className="sr-only">Your reports</caption>
                <TableHeader>
                  <TableRow>
                    <TableHead scope="col">TIN</TableHead>
                    <TableHead scope="col">CEHRT product</TableHead>
                    <TableHead scope="col">Period</TableHead>
                    <TableHead scope="col">Source</TableHead>
                    <TableHead scope="col">Values</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {d.reports.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>{r.tinDisplay}</TableCell>
                      <TableCell>{r.product ?? "none"}</TableCell>
                      <TableCell>
                        {r.performanceStart} to {r.performanceEnd}
                      </TableCell>
                      <TableCell>{r.fileName ?? r.sourceKind}</TableCell>
                      <TableCell>
                        {r.values.map((v) => `${v.measureId} ${v.yesNo === null ? `${v.numerator}/${v.denominator}` : v.yesNo ? "yes" : "no"}`).join(" · ")}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
