import type { Metadata } from "next";
import Link from "next/link";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { ClinicianForm } from "@/components/roster/clinician-form";
import { EligibilityBadge, isOutsideRule, ReweightingBadge } from "@/components/roster/status-badges";
import { pageParam, textParam, YearField } from "@/components/roster/year-select";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { PageHeader } from "@/components/ui/page-header";
import { DownloadLink } from "@/components/reports/download-link";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CLINICIAN_TYPES, type ClinicianType } from "@/lib/mips/submission";
import { CLINICIAN_TYPE_LABELS } from "@/lib/roster/labels";
import { ELIGIBILITY_FILTERS, REWEIGHTING_FILTERS } from "@/lib/roster/schemas";
import { TIN_CHOICES_MAX, tinChoices } from "@/lib/roster/tin-choices";

/** A clinician billing under many TINs shows the first few in the list; their page has them all. */
const ROW_TINS_SHOWN = 5;

export const metadata: Metadata = { title: "Clinicians" };

const ELIGIBILITY_LABELS = { eligible: "Eligible", exempt: "Exempt", noFigures: "No figures entered", notEligibleType: "Not an eligible type" } as const;
const REWEIGHTING_LABELS = { reweighted: "PI reweighted", dataSubmitted: "Qualifies, but PI data submitted", blocking: "Blocks its TIN's reweighting" } as const;

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return value && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

export default async function CliniciansPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await params;
  const sp = await searchParams;
  const { organization, role } = await getOrgContext(org);
  const year = pageYear(sp.year);
  const filters = {
    search: textParam(sp.q),
    tinId: textParam(sp.tin),
    clinicianType: oneOf<ClinicianType>(CLINICIAN_TYPES, textParam(sp.type)),
    eligibility: oneOf(ELIGIBILITY_FILTERS, textParam(sp.eligibility)),
    reweighting: oneOf(REWEIGHTING_FILTERS, textParam(sp.reweighting)),
  };
  const page = pageParam(sp.page);
  const api = await serverApi();
  const staff = role !== "clinician";
  const [result, tinOptions, userOptions] = await Promise.all([
    forPage(api.clinicians.list({ organization: organization.id, performanceYear: year, page, pageSize: 25, ...filters })),
    staff ? forPage(api.tins.options({ organization: organization.id })) : Promise.resolve([]),
    role === "admin" ? forPage(api.clinicians.userOptions({ organization: organization.id })) : Promise.resolve({ options: [], more: false }),
  ]);
  const base = `/o/${organization.slug}/clinicians`;
  const query = (p: number) =>
    `${base}?${new URLSearchParams(Object.entries({ year: String(year), q: filters.search, tin: filters.tinId, type: filters.clinicianType, eligibility: filters.eligibility, reweighting: filters.reweighting, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])))}`;
  // At most TIN_CHOICES_MAX TINs in the TIN filter and the new clinician's TIN select; "Find a TIN" narrows them.
  const choices = tinChoices(tinOptions, { selected: filters.tinId, query: textParam(sp.tinq) });
  const tinOpts = choices.shown.map((t) => ({ value: t.id, label: `${t.name} (${t.tinDisplay})` }));
  return (
    <>
      <PageHeader
        title="Clinicians"
        description={role === "clinician" ? "Your own clinician record." : `Clinicians (NPIs) of ${organization.name}, with eligibility and PI reweighting for ${year}, computed live.`}
        actions={<DownloadLink href={`/api/o/${organization.slug}/exports/clinicians.csv?year=${year}`}>Export CSV</DownloadLink>}
      />
      <div className={role === "admin" ? "grid gap-6 lg:grid-cols-[3fr_1fr]" : ""}>
        <Card>
          <CardContent className="pt-5">
            {staff ? (
              <form className="mb-4 flex flex-wrap items-end gap-3" method="get">
                <div className="grid gap-1.5">
                  <Label htmlFor="clinician-search">Search</Label>
                  <Input id="clinician-search" name="q" defaultValue={filters.search ?? ""} placeholder="Name or NPI" className="w-48" />
                </div>
                {choices.total > TIN_CHOICES_MAX ? (
                  <div className="grid gap-1.5">
                    <Label htmlFor="filter-tin-find">Find a TIN</Label>
                    <Input id="filter-tin-find" name="tinq" defaultValue={choices.query} placeholder="TIN number or name" className="w-40" />
                  </div>
                ) : null}
                <div className="grid gap-1.5">
                  <Label htmlFor="filter-tin">TIN{choices.shown.length < choices.total ? ` (${choices.matching} of ${choices.total} match; ${Math.min(choices.matching, TIN_CHOICES_MAX)} listed)` : ""}</Label>
                  <NativeSelect id="filter-tin" name="tin" defaultValue={filters.tinId ?? ""} className="w-48">
                    <option value="">All TINs</option>
                    {tinOpts.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
                <div className="grid gap-1.5">
                  <Label htmlFor="filter-type">Type</Label>
                  <NativeSelect id="filter-type" name="type" defaultValue={filters.clinicianType ?? ""} className="w-44">
                    <option value="">All types</option>
                    {CLINICIAN_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {CLINICIAN_TYPE_LABELS[t]}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
                <div className="grid gap-1.5">
                  <Label htmlFor="filter-eligibility">Eligibility</Label>
                  <NativeSelect id="filter-eligibility" name="eligibility" defaultValue={filters.eligibility ?? ""} className="w-44">
                    <option value="">Any</option>
                    {ELIGIBILITY_FILTERS.map((f) => (
                      <option key={f} value={f}>
                        {ELIGIBILITY_LABELS[f]}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
                <div className="grid gap-1.5">
                  <Label htmlFor="filter-reweighting">Reweighting</Label>
                  <NativeSelect id="filter-reweighting" name="reweighting" defaultValue={filters.reweighting ?? ""} className="w-52">
                    <option value="">Any</option>
                    {REWEIGHTING_FILTERS.map((f) => (
                      <option key={f} value={f}>
                        {REWEIGHTING_LABELS[f]}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
                <YearField value={year} />
                <Button type="submit" variant="outline">
                  Filter
                </Button>
              </form>
            ) : null}
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>NPI</TableHead>
                  <TableHead>Type</TableHead>
                  <TableHead>TINs in {year}: eligibility, PI</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {result.clinicians.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>
                      <Link className="underline" href={`${base}/${c.id}?year=${year}`}>
                        {c.lastName}, {c.firstName}
                      </Link>
                    </TableCell>
                    <TableCell className="font-mono">{c.npi}</TableCell>
                    <TableCell>{CLINICIAN_TYPE_LABELS[c.clinicianType]}</TableCell>
                    <TableCell>
                      <ul className="grid gap-1">
                        {c.tins.slice(0, ROW_TINS_SHOWN).map((t) => (
                          <li key={t.membershipId} className="flex flex-wrap items-center gap-2 text-sm">
                            <span className="font-mono">{t.tinDisplay}</span>
                            <EligibilityBadge eligibility={t.eligibility} note={t.eligibilityNote} />
                            <ReweightingBadge
                              reweighted={t.reweighting.reweighted}
                              dataCancels={t.reweighting.qualifies && !t.reweighting.reweighted}
                              outsideRule={isOutsideRule(t.eligibility, t.eligibilityNote)}
                              title={t.reweighting.explanation.join("; ")}
                            />
                            {t.piDataNote ? <span className="text-xs text-muted-foreground">{t.piDataNote}</span> : null}
                          </li>
                        ))}
                        {c.tins.length === 0 ? <li className="text-xs text-muted-foreground">No TIN in {year}</li> : null}
                        {c.tins.length > ROW_TINS_SHOWN ? (
                          <li className="text-xs">
                            <Link className="underline" href={`${base}/${c.id}?year=${year}`}>
                              and {c.tins.length - ROW_TINS_SHOWN} more TIN(s)
                            </Link>
                          </li>
                        ) : null}
                      </ul>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pagination page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={query} />
          </CardContent>
        </Card>
        {role === "admin" ? (
          <Card>
            <CardHeader>
              <CardTitle>Add a clinician</CardTitle>
            </CardHeader>
            <CardContent>
              <ClinicianForm organization={organization.slug} performanceYear={year} tinOptions={tinOpts} userOptions={userOptions.options.map((u) => ({ value: u.userId, label: `${u.name} (${u.email})` }))} moreUsers={userOptions.more} />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
