import type { Metadata } from "next";
import { CLINICIAN_TYPE_LABELS } from "@/lib/roster/labels";
import type { ClinicianType } from "@/lib/mips/submission";
import Link from "next/link";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { DeadlinesPanel } from "@/components/dashboards/deadlines-panel";
import { FinalScoreEstimate } from "@/components/dashboards/final-score-estimate";
import { MeasureTable } from "@/components/dashboards/measure-table";
import { BestWindowPanel } from "@/components/dashboards/best-window-panel";
import { PiScoreBadge } from "@/components/dashboards/pi-score";
import { ScoreBreakdownChart, VendorShareChart } from "@/components/dashboards/score-charts";
import { WhatIfPanel } from "@/components/dashboards/what-if-panel";
import { YearLinks } from "@/components/dashboards/year-links";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DownloadLink } from "@/components/reports/download-link";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getCatalog } from "@/lib/mips";

export const metadata: Metadata = { title: "TIN dashboard" };

const BLOCKER_PAGE_SIZE = 25;
const MODE_LABEL = { individual: "individual reporting", group: "group reporting", virtualGroup: "virtual group reporting" } as const;

export default async function TinDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; tinId: string }>;
  searchParams: Promise<{ year?: string; page?: string; blockers?: string }>;
}) {
  const { org, tinId } = await params;
  const query = await searchParams;
  const { organization, role } = await getOrgContext(org);
  if (role === "clinician") return <ForbiddenNotice needed="admin or executive" role={role} />;
  const year = pageYear(query.year);
  const page = Math.max(1, Number(query.page) || 1);
  const blockerPage = Math.max(1, Math.floor(Number(query.blockers)) || 1);
  const today = new Date().toISOString().slice(0, 10);
  const api = await serverApi();
  const [d, savedEstimate, bestWindow] = await Promise.all([
    forPage(api.dashboards.tin({ organization: organization.id, tinId, performanceYear: year, today, clinicianPage: page, clinicianPageSize: 25 })),
    forPage(api.estimates.finalScoreInputs({ organization: organization.id, tinId, performanceYear: year })),
    forPage(api.tinReporting.bestWindow({ organization: organization.id, tinId, performanceYear: year })),
  ]);
  const base = `/o/${organization.slug}/dashboard/tins/${tinId}`;
  // The blockers a page at a time, like the clinicians (a TIN of hundreds of clinicians can have hundreds).
  const blockers = d.reweighting.blockers.slice((blockerPage - 1) * BLOCKER_PAGE_SIZE, blockerPage * BLOCKER_PAGE_SIZE);
  const g = d.group;
  const piForEstimate = g.status === "reweighted" ? ("reweighted" as const) : (g.piScore ?? 0);
  const bonusCandidates = d.measureSet
    ? getCatalog(year)
        .measures.filter((m) => m.measureSets.includes(d.measureSet!) && (m.kind === "registry" || m.kind === "iaBonus" || m.kind === "yesNo") && !m.engagementOf)
        .map((m) => ({ measureId: m.measureId, title: m.title, value: d.yesNoMeasures.find((y) => y.measureId === m.measureId)?.value ?? null }))
    : [];
  return (
    <>
      <PageHeader
        title={`${d.tin.name} (${d.tin.tinDisplay})`}
        description={
          <>
            {d.reportingMode ? MODE_LABEL[d.reportingMode] : "reporting mode not chosen yet"}
            {d.virtualGroup ? ` · member of virtual group ${d.virtualGroup.name}` : ""}
            {d.period ? ` · period ${d.period.start} to ${d.period.end}` : ` · ${d.periodNote}`} ·{" "}
            <Link className="underline print:hidden" href={`/o/${organization.slug}/dashboard?year=${year}`}>
              back to the overview
            </Link>
          </>
        }
        actions={
          <>
            <DownloadLink href={`/api/o/${organization.slug}/reports/tins/${tinId}?year=${year}`}>Scorecard (PDF)</DownloadLink>
            <DownloadLink href={`/api/o/${organization.slug}/exports/measures.csv?year=${year}&tin=${tinId}`}>Measures CSV</DownloadLink>
            <YearLinks year={year} href={(y) => `${base}?year=${y}`} />
          </>
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Group PI score</CardTitle>
            <CardDescription>
              From {d.includedReports} report(s) summed across clinicians and CEHRT products
              {d.excludedReports ? `; ${d.excludedReports} report(s) of another period left out` : ""}.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <p className="flex flex-wrap items-center gap-3 text-lg">
              PI category score <span data-testid="group-pi-score"><PiScoreBadge summary={g} /></span>
              {g.finalScorePoints !== null ? (
                <span>
                  <strong data-testid="group-final-points">{g.finalScorePoints}</strong> final-score points (of 25)
                </span>
              ) : null}
              <Badge variant={g.baseMet ? "success" : "outline"}>{g.breakdown?.base !== undefined ? `base ${g.baseMet ? "met" : "not met"}` : `requirements ${g.baseMet ? "met" : "not met"}`}</Badge>
              <Badge variant={g.attestationsComplete ? "success" : "outline"}>attestations {g.attestationsComplete ? "complete" : "incomplete"}</Badge>
            </p>
            {g.problems.length ? (
              <Alert variant="destructive">
                <ul className="list-disc pl-5">{g.problems.map((p) => <li key={p}>{p}</li>)}</ul>
              </Alert>
            ) : null}
            {g.breakdown ? <ScoreBreakdownChart breakdown={g.breakdown} measures={d.measures} /> : null}
            {d.explanation.length ? (
              <details className="text-sm">
                <summary className="cursor-pointer">How the score is made</summary>
                <ul className="mt-2 list-disc pl-5">
                  {d.explanation.map((e, i) => (
                    <li key={i}>{e.message}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </CardContent>
        </Card>

        {d.measures.length ? (
          <Card>
            <CardHeader>
              <CardTitle>Measures</CardTitle>
              <CardDescription>Rate, band and points; the exact numerator that reaches the next band (same denominator).</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-6">
              <MeasureTable measures={d.measures} />
              {d.vendorShares.length ? <VendorShareChart shares={d.vendorShares} /> : null}
            </CardContent>
          </Card>
        ) : null}

        <Card>
          <CardHeader>
            <CardTitle>Best reporting window</CardTitle>
            <CardDescription>Where the data comes in monthly or quarterly slices: the continuous period of the year&apos;s minimum length with the highest group PI score.</CardDescription>
          </CardHeader>
          <CardContent>
            <BestWindowPanel organization={organization.slug} tinId={tinId} performanceYear={year} result={bestWindow} canChoose={role === "admin"} currentPeriod={d.period} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Reweighting</CardTitle>
            <CardDescription>The 100% rule: the group&apos;s PI is reweighted only if every MIPS eligible clinician qualifies.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3 text-sm">
            <p data-testid="reweighting-status">
              {d.reweighting.reweighted
                ? "Reweighted: PI weighs 0% and its weight moves to Quality."
                : d.reweighting.dataCancels
                  ? "Every clinician qualifies, but the TIN submitted PI data, which cancels reweighting: the data is scored."
                  : `Not reweighted: ${d.reweighting.blockers.length} clinician(s) block it.`}
            </p>
            <ul className="list-disc pl-5 text-muted-foreground">
              {d.reweighting.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            {d.reweighting.blockers.length ? (
              <Table>
                <caption className="sr-only">Clinicians blocking reweighting</caption>
                <TableHeader>
                  <TableRow>
                    <TableHead scope="col">Blocking clinician</TableHead>
                    <TableHead scope="col">Why</TableHead>
                    <TableHead scope="col">What would change it</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {blockers.map((b) => (
                    <TableRow key={b.clinicianId} data-testid="blocker">
                      <TableCell>
                        {b.name}
                        <span className="block text-xs text-muted-foreground">NPI {b.npi}</span>
                      </TableCell>
                      <TableCell>{b.why}</TableCell>
                      <TableCell>{b.advice}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
            {d.reweighting.blockers.length > BLOCKER_PAGE_SIZE ? (
              <Pagination
                page={blockerPage}
                pageSize={BLOCKER_PAGE_SIZE}
                total={d.reweighting.blockers.length}
                hrefFor={(p) => `${base}?year=${year}&page=${page}&blockers=${p}`}
              />
            ) : null}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Clinicians: individual vs group</CardTitle>
            <CardDescription data-testid="individual-vs-group">{d.individualVsGroup.verdict}</CardDescription>
          </CardHeader>
          <CardContent>
            <Table>
              <caption className="sr-only">Clinicians of the TIN with their individual PI scores beside the group&apos;s</caption>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Clinician</TableHead>
                  <TableHead scope="col">Type</TableHead>
                  <TableHead scope="col">Reweighting</TableHead>
                  <TableHead scope="col">Individual PI score</TableHead>
                  <TableHead scope="col">Individual points</TableHead>
                  <TableHead scope="col">Group points</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {d.clinicians.rows.map((c) => (
                  <TableRow key={c.clinicianId}>
                    <TableCell>
                      {c.name}
                      <span className="block text-xs text-muted-foreground">NPI {c.npi}</span>
                    </TableCell>
                    <TableCell>{CLINICIAN_TYPE_LABELS[c.clinicianType as ClinicianType] ?? c.clinicianType}{c.mipsEligibleType ? "" : " (not MIPS eligible)"}</TableCell>
                    <TableCell>
                      {c.blocksGroupReweighting ? <Badge variant="destructive">blocks the group</Badge> : c.qualifiesForReweighting ? <Badge variant="secondary">qualifies</Badge> : <Badge variant="outline">outside the rule</Badge>}
                      {c.hardship ? <span className="block text-xs text-muted-foreground">hardship {c.hardship.status}</span> : null}
                    </TableCell>
                    <TableCell>
                      <PiScoreBadge summary={c.individual} />
                    </TableCell>
                    <TableCell>{c.individual.finalScorePoints ?? (c.individual.status === "reweighted" ? "—" : "0")}</TableCell>
                    <TableCell>{d.individualVsGroup.groupPoints ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pagination page={d.clinicians.page} pageSize={d.clinicians.pageSize} total={d.clinicians.total} hrefFor={(p) => `${base}?year=${year}&page=${p}${blockerPage > 1 ? `&blockers=${blockerPage}` : ""}`} />
          </CardContent>
        </Card>

        {g.status === "scored" && d.measures.length ? (
          // A form to try numbers: nothing of it means anything on paper.
          <Card data-print="hide">
            <CardHeader>
              <CardTitle>What if</CardTitle>
              <CardDescription>Try other numerators or answers and see the group score move.</CardDescription>
            </CardHeader>
            <CardContent>
              <WhatIfPanel
                organization={organization.id}
                tinId={tinId}
                performanceYear={year}
                currentScore={g.piScore ?? 0}
                measures={d.measures.flatMap((m) => (!m.excluded && m.maxPoints > 0 && m.numerator !== null && m.denominator !== null ? [{ ...m, numerator: m.numerator, denominator: m.denominator }] : []))}
                answers={bonusCandidates}
              />
            </CardContent>
          </Card>
        ) : null}

        <div className="grid gap-6 md:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Final score estimate</CardTitle>
              <CardDescription>An estimate: Quality, Improvement Activities and Cost are scored outside the portal.</CardDescription>
            </CardHeader>
            <CardContent>
              <FinalScoreEstimate
                organization={organization.slug}
                tinId={tinId}
                performanceYear={year}
                piScore={piForEstimate}
                smallPractice={d.smallPractice}
                saved={savedEstimate}
                canSave={role === "admin"}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Deadlines</CardTitle>
            </CardHeader>
            <CardContent>
              <DeadlinesPanel performanceYear={year} today={today} />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
