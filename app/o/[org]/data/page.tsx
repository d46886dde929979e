import type { Metadata } from "next";
import Link from "next/link";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { AggregationView, ScoreView } from "@/components/cehrt/aggregation-view";
import { ProductPanel } from "@/components/cehrt/product-panel";
import { AddProductForm, ExportButton, ExportQrda3Button, ReportingChoiceForm } from "@/components/cehrt/tin-actions";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DownloadLink } from "@/components/reports/download-link";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { IssueList } from "@/components/cehrt/issue-list";
import { YearLinks } from "@/components/dashboards/year-links";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { TIN_CHOICES_MAX, tinChoices } from "@/lib/roster/tin-choices";
import { TRPCError } from "@trpc/server";
import { formatTin, getCatalog } from "@/lib/mips";

type Api = Awaited<ReturnType<typeof serverApi>>;

/** The virtual group's aggregation, or the refusal to show in its place (no CMS id yet). */
async function virtualGroupData(api: Api, input: { organization: string; virtualGroupId: string; performanceYear: number }) {
  try {
    return { kind: "data" as const, data: await forPage(api.tinReporting.virtualGroup(input)) };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") {
      const issues = (error.cause as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
      return { kind: "refusal" as const, refusal: error.message, issues };
    }
    throw error;
  }
}

export const metadata: Metadata = { title: "CEHRT data" };

const SCORES_PAGE_SIZE = 25;
/** Up to this many TINs the page links each one; past it, a TIN is chosen in a form (a health system has hundreds). */
const TIN_LINKS_MAX = 12;

export default async function CehrtDataPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ tin?: string; tinq?: string; year?: string; page?: string; scores?: string; explain?: string; vg?: string }> }) {
  const { org } = await params;
  const query = await searchParams;
  const { organization, role } = await getOrgContext(org);
  const year = pageYear(query.year);
  const page = Math.max(1, Math.floor(Number(query.page)) || 1);
  const scoresPage = Math.max(1, Math.floor(Number(query.scores)) || 1);
  const api = await serverApi();
  const o = { organization: organization.id };
  const options = await forPage(api.measureReports.entryOptions({ ...o, performanceYear: year }));
  const tinId = options.tins.find((t) => t.id === query.tin)?.id ?? options.tins[0]?.id;
  const choices = tinChoices(options.tins, { selected: tinId, query: query.tinq });
  const href = (p: Record<string, string | number | undefined>) => {
    const s = new URLSearchParams();
    const merged = { tin: tinId, year, ...p };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined) s.set(k, String(v));
    return `/o/${organization.slug}/data?${s.toString()}`;
  };
  const staff = role !== "clinician";
  const [reports, scores, aggregation, products] = await Promise.all([
    forPage(api.measureReports.list({ ...o, tinId, performanceYear: year, page, pageSize: 25 })),
    // A page of clinicians at a time; the group is the aggregation below (with its lineage).
    tinId ? forPage(api.measureReports.scores({ ...o, tinId, performanceYear: year, page: scoresPage, pageSize: SCORES_PAGE_SIZE, group: false })) : null,
    tinId && staff ? forPage(api.tinReporting.aggregation({ ...o, tinId, performanceYear: year })) : null,
    tinId ? forPage(api.cehrtProducts.list({ ...o, tinId, performanceYear: year })) : [],
  ]);
  const virtualGroups = staff ? await forPage(api.virtualGroups.list({ ...o, performanceYear: year })) : [];
  const virtualGroupId = virtualGroups.find((g) => g.id === query.vg)?.id;
  const virtualGroup = virtualGroupId ? await virtualGroupData(api, { ...o, virtualGroupId, performanceYear: year }) : null;
  // One clinician's score explained at a time (the table's "why"), so a page of 25 stays small.
  const explained = scores?.individuals.find((i) => i.clinicianId === query.explain) ?? null;
  const titles = Object.fromEntries(getCatalog(year).measures.map((m) => [m.measureId, m.title]));
  const agg = aggregation?.aggregation;
  return (
    <>
      <PageHeader
        title="CEHRT data"
        description={`Promoting Interoperability data for ${year} per TIN, from every CEHRT product: reports, imports, the group's aggregation with lineage, live scores and the QPP submission.`}
        actions={
          <div className="flex flex-wrap gap-2">
            <DownloadLink href={`/api/o/${organization.slug}/exports/reports.csv?year=${year}${tinId ? `&tin=${tinId}` : ""}`}>Reports CSV</DownloadLink>
            {role !== "executive" ? (
              <Link className={buttonVariants({})} href={`/o/${organization.slug}/data/new?year=${year}`}>
                Enter a report
              </Link>
            ) : null}
            {role === "admin" ? (
              <Link className={buttonVariants({ variant: "outline" })} href={`/o/${organization.slug}/data/import`}>
                Import files
              </Link>
            ) : null}
          </div>
        }
      />
      {options.tins.length <= TIN_LINKS_MAX ? (
        <nav aria-label="TIN" className="mb-4 flex flex-wrap gap-2 text-sm">
          {options.tins.map((t) => (
            <Link key={t.id} href={href({ tin: t.id, page: undefined, scores: undefined })} className={buttonVariants({ variant: t.id === tinId ? "default" : "outline", size: "sm" })}>
              {t.tinDisplay} {t.name}
            </Link>
          ))}
        </nav>
      ) : (
        <form method="get" action={`/o/${organization.slug}/data`} className="mb-4 flex flex-wrap items-end gap-2 text-sm">
          <input type="hidden" name="year" value={year} />
          {choices.total > TIN_CHOICES_MAX ? (
            <label className="grid gap-1">
              <span className="font-medium">Find a TIN</span>
              <Input name="tinq" defaultValue={choices.query} placeholder="TIN number or name" className="w-48" />
            </label>
          ) : null}
          <label className="grid gap-1">
            <span className="font-medium">TIN ({choices.shown.length < choices.total ? `${choices.matching} of ${choices.total} match, the first ${TIN_CHOICES_MAX} listed` : choices.total})</span>
            <NativeSelect name="tin" defaultValue={tinId}>
              {choices.shown.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.tinDisplay} {t.name}
                </option>
              ))}
            </NativeSelect>
          </label>
          <button type="submit" className={buttonVariants({ variant: "outline", size: "sm" })}>
            Show
          </button>
        </form>
      )}
      <div className="mb-4">
        <YearLinks year={year} href={(y) => href({ year: y, page: undefined })} />
      </div>
      <div className="grid gap-6">
        {agg && aggregation ? (
          <Card>
            <CardHeader>
              <CardTitle>Group aggregation for TIN {aggregation.tin.tinDisplay}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              {role === "admin" ? (
                <ReportingChoiceForm
                  organization={organization.id}
                  tinId={aggregation.tin.id}
                  performanceYear={year}
                  choice={aggregation.choice ? { mode: aggregation.choice.mode, performanceStart: aggregation.choice.performanceStart, performanceEnd: aggregation.choice.performanceEnd, version: aggregation.choice.version } : null}
                />
              ) : (
                <p className="text-sm">Reports as: {aggregation.choice?.mode ?? "not chosen"}</p>
              )}
              <AggregationView
                periodNote={agg.periodNote}
                measures={agg.measures}
                excluded={agg.excluded.map((e) => ({ report: e.report, reason: e.reason }))}
                problems={[...agg.problems, ...agg.scoreProblems]}
                warnings={agg.result?.warnings ?? []}
                score={agg.score}
                titles={titles}
              />
              <ExportButton organization={organization.id} input={{ kind: "group", tinId: aggregation.tin.id, performanceYear: year }} label="Download group submission (QPP JSON)" />
              <ExportQrda3Button organization={organization.id} input={{ kind: "group", tinId: aggregation.tin.id, performanceYear: year }} label="Download group submission (QRDA III)" />
            </CardContent>
          </Card>
        ) : null}
        {staff && virtualGroups.length > 0 ? (
          <Card>
            <CardHeader>
              <CardTitle>Virtual groups in {year}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <p className="text-sm text-muted-foreground">A virtual group reports the data of every member TIN together, over the one period its members chose. Members are managed on the Virtual groups page.</p>
              <nav aria-label="Virtual groups" className="flex flex-wrap gap-2">
                {virtualGroups.map((g) => (
                  <Link key={g.id} href={href({ vg: g.id, page: undefined })} className={buttonVariants({ variant: g.id === virtualGroupId ? "default" : "outline", size: "sm" })}>
                    {g.name} ({g.tins.length} TIN{g.tins.length === 1 ? "" : "s"})
                  </Link>
                ))}
              </nav>
              {virtualGroup?.kind === "refusal" ? <IssueList title={virtualGroup.refusal} issues={virtualGroup.issues} /> : null}
              {virtualGroup?.kind === "data" ? (
                <section aria-label={`Virtual group ${virtualGroup.data.group.name}`} className="grid gap-4">
                  <p className="text-sm">
                    {virtualGroup.data.group.name}, CMS id <span className="font-mono">{virtualGroup.data.group.cmsId}</span>: member TINs{" "}
                    {virtualGroup.data.members.map((m) => `${formatTin(m.tin)} ${m.name}`).join(", ")}.
                  </p>
                  <AggregationView
                    periodNote={virtualGroup.data.aggregation.periodNote}
                    measures={virtualGroup.data.aggregation.measures}
                    excluded={virtualGroup.data.aggregation.excluded.map((e) => ({ report: e.report, reason: e.reason }))}
                    problems={[...virtualGroup.data.aggregation.problems, ...virtualGroup.data.aggregation.scoreProblems]}
                    warnings={virtualGroup.data.aggregation.result?.warnings ?? []}
                    score={virtualGroup.data.aggregation.score}
                    titles={titles}
                    scoreLabel="Virtual group score"
                  />
                  <ExportButton organization={organization.id} input={{ kind: "virtualGroup", virtualGroupId: virtualGroup.data.group.id, performanceYear: year }} label="Download virtual group submission (QPP JSON)" />
                  <ExportQrda3Button organization={organization.id} input={{ kind: "virtualGroup", virtualGroupId: virtualGroup.data.group.id, performanceYear: year }} label="Download virtual group submission (QRDA III)" />
                </section>
              ) : null}
            </CardContent>
          </Card>
        ) : null}
        {scores ? (
          <Card>
            <CardHeader>
              <CardTitle>Individual scores</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              {scores.individualsTotal === 0 ? <p className="text-sm text-muted-foreground">No clinician data yet.</p> : null}
              {scores.individuals.length > 0 ? (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Clinician</TableHead>
                      <TableHead>PI score</TableHead>
                      <TableHead>Final-score points</TableHead>
                      <TableHead>Submission</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {scores.individuals.map((i) => {
                      const s = i.aggregation.score;
                      return (
                        <TableRow key={i.clinicianId}>
                          <TableCell>
                            {i.name}
                            <span className="block text-xs text-muted-foreground">NPI {i.npi}</span>
                          </TableCell>
                          <TableCell>
                            {s?.score ? `${s.score.total}%` : "not scored"}
                            {s?.score && s.score.base !== undefined ? <span className="block text-xs text-muted-foreground">{`base ${s.score.base} + performance ${String(s.score.performance)} + bonus ${String(s.score.bonus)}`}</span> : null}
                            {i.aggregation.problems.length > 0 ? <span className="block text-xs text-destructive">{i.aggregation.problems.map((p) => p.message).join("; ")}</span> : null}
                            {s ? (
                              <Link className="block text-xs underline" href={`${href({ scores: scoresPage === 1 ? undefined : scoresPage, explain: i.clinicianId })}#why`} aria-label={`Why ${i.name} scores so`}>
                                why
                              </Link>
                            ) : null}
                          </TableCell>
                          <TableCell>{s?.finalScorePoints ?? "—"}</TableCell>
                          <TableCell>
                            <ExportButton organization={organization.id} input={{ kind: "individual", tinId: scores.tin.id, clinicianId: i.clinicianId, performanceYear: year }} label={`Download individual submission for NPI ${i.npi}`} />
                          </TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              ) : null}
              {explained ? (
                <section id="why" aria-label={`Why ${explained.name} scores so`} className="grid gap-2 rounded-md border p-3">
                  <ScoreView score={explained.aggregation.score} label={`${explained.name} (NPI ${explained.npi})`} />
                </section>
              ) : null}
              {scores.individualsTotal > scores.pageSize ? (
                <Pagination page={scores.page} pageSize={scores.pageSize} total={scores.individualsTotal} hrefFor={(p) => href({ scores: p })} />
              ) : null}
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle>Reports</CardTitle>
          </CardHeader>
          <CardContent>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>TIN</TableHead>
                  <TableHead>NPI</TableHead>
                  <TableHead>CEHRT product</TableHead>
                  <TableHead>Period</TableHead>
                  <TableHead>Source</TableHead>
                  <TableHead>Measures</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {reports.reports.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>{r.tinDisplay}</TableCell>
                    <TableCell>{r.npi ? `${r.npi} ${r.firstName ?? ""} ${r.lastName ?? ""}` : "whole TIN"}</TableCell>
                    <TableCell>{r.productName ? `${r.vendor} ${r.productName}` : "none stated"}</TableCell>
                    <TableCell>
                      {r.performanceStart}..{r.performanceEnd}
                    </TableCell>
                    <TableCell>
                      {r.sourceKind}
                      {r.fileName ? `: ${r.fileName}` : ""}
                    </TableCell>
                    <TableCell>{r.measureCount}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pagination page={reports.page} pageSize={reports.pageSize} total={reports.total} hrefFor={(p) => href({ page: p })} />
          </CardContent>
        </Card>
        {tinId ? (
          <Card>
            <CardHeader>
              <CardTitle>CEHRT products of this TIN</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <p className="text-sm text-muted-foreground">
                Each product in use needs a security risk analysis done during {year} (base measure PI_PPHI_1); keep the signed analysis as evidence: CMS may ask for it for six years.
                {role === "clinician" ? " Admins record analyses and keep the evidence files." : role === "executive" ? " Read only: admins record analyses and upload evidence." : ""}
              </p>
              {products.length === 0 ? <p className="text-sm text-muted-foreground">No CEHRT product registered for this TIN.</p> : null}
              {products.map((p) => (
                <ProductPanel key={p.id} organization={organization.id} orgSlug={organization.slug} role={role} tinId={tinId} performanceYear={year} product={p} />
              ))}
              {role === "admin" ? <AddProductForm organization={organization.id} tinId={tinId} /> : null}
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
