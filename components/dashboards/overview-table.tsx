"use client";
/**
 * The overview's TIN table and chart for one page of TINs: the server filters, sorts and paginates
 * (dashboards.overviewPage); the filters are a GET form (the URL holds them, so a view can be linked), sent
 * when a choice changes or the search is submitted.
 */
import Form from "next/form";
import Link from "next/link";
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { CHART_COLORS, ChartFigure } from "@/components/charts/chart-figure";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { OverviewTin } from "@/server/services/dashboards/overview";
import type { OverviewFilter, OverviewSort } from "@/server/services/dashboards/overview-page";
import { piScoreText, PiScoreBadge, YesNo } from "./pi-score";

const SORTS: { key: OverviewSort; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "piScore", label: "PI score" },
  { key: "finalScorePoints", label: "Final-score points" },
  { key: "blockingCount", label: "Clinicians blocking reweighting" },
  { key: "completeness", label: "Data completeness" },
];
const MODE_LABEL = { individual: "individual", group: "group", virtualGroup: "virtual group" } as const;

export interface OverviewFilters {
  search: string;
  show: OverviewFilter;
  sort: OverviewSort;
  order: "asc" | "desc";
}

export function OverviewTable({ org, year, tins, filters }: { org: string; year: number; tins: OverviewTin[]; filters: OverviewFilters }) {
  const rows = tins;
  const submit = (e: React.ChangeEvent<HTMLSelectElement>) => e.currentTarget.form?.requestSubmit();
  const chartRows = rows.map((t) => ({ name: t.name, score: t.piScore ?? 0, label: piScoreText(t) }));

  return (
    <div className="grid gap-6">
      <ChartFigure
        title="PI category score by TIN"
        description="Capped at 100%; reweighted TINs and TINs without data show 0."
        rows={chartRows}
        rowKey={(r) => r.name}
        columns={[
          { key: "name", label: "TIN", value: (r) => r.name },
          { key: "score", label: "PI score", value: (r) => r.label },
        ]}
        height={Math.max(160, 40 * chartRows.length + 40)}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={chartRows} layout="vertical" margin={{ left: 24, right: 24 }}>
            <CartesianGrid horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" />
            <YAxis type="category" dataKey="name" width={180} />
            <ReferenceLine x={100} stroke="#000" strokeDasharray="4 4" />
            <Bar isAnimationActive={false} dataKey="score" name="PI score" fill={CHART_COLORS[0]} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>

      <Form key={JSON.stringify(filters)} action={`/o/${org}/dashboard`} className="grid items-end gap-3 sm:grid-cols-5" aria-label="Filter the TINs">
        <input type="hidden" name="year" value={year} />
        <FormField id="overview-search" label="Search name or TIN">
          <Input name="search" defaultValue={filters.search} placeholder="e.g. Pediatrics" />
        </FormField>
        <FormField id="overview-status" label="Show">
          <NativeSelect name="show" defaultValue={filters.show} onChange={submit}>
            <option value="all">All TINs</option>
            <option value="scored">Scored</option>
            <option value="reweighted">Reweighted</option>
            <option value="noData">No data</option>
            <option value="problem">Data problems</option>
            <option value="blocked">With blocking clinicians</option>
          </NativeSelect>
        </FormField>
        <FormField id="overview-sort" label="Sort by">
          <NativeSelect name="sort" defaultValue={filters.sort} onChange={submit}>
            {SORTS.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="overview-order" label="Order">
          <NativeSelect name="order" defaultValue={filters.order} onChange={submit}>
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </NativeSelect>
        </FormField>
        <Button type="submit" variant="outline">
          Apply
        </Button>
      </Form>

      <Table>
        <caption className="sr-only">TINs of the organization in {year}</caption>
        <TableHeader>
          <TableRow>
            <TableHead scope="col">TIN</TableHead>
            <TableHead scope="col">Reports as</TableHead>
            <TableHead scope="col">PI score</TableHead>
            <TableHead scope="col">Final-score points</TableHead>
            <TableHead scope="col">Base met</TableHead>
            <TableHead scope="col">Attestations</TableHead>
            <TableHead scope="col">Blocking reweighting</TableHead>
            <TableHead scope="col">Clinicians with data</TableHead>
            <TableHead scope="col">Vendors with data</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((t) => (
            <TableRow key={t.tinId} data-testid={`overview-row-${t.tin}`}>
              <TableCell>
                <Link className="font-medium text-primary underline-offset-4 hover:underline" href={`/o/${org}/dashboard/tins/${t.tinId}?year=${year}`}>
                  {t.name}
                </Link>
                <span className="block text-xs text-muted-foreground">{t.tinDisplay}</span>
              </TableCell>
              <TableCell>{t.reportingMode ? MODE_LABEL[t.reportingMode] : "not chosen"}</TableCell>
              <TableCell>
                <PiScoreBadge summary={t} />
              </TableCell>
              <TableCell>{t.finalScorePoints ?? (t.status === "reweighted" ? "—" : "0")}</TableCell>
              <TableCell>
                <YesNo value={t.baseMet} />
              </TableCell>
              <TableCell>
                <YesNo value={t.attestationsComplete} yes="complete" no="incomplete" />
              </TableCell>
              <TableCell>{t.blockingCount}</TableCell>
              <TableCell>
                {t.cliniciansWithData} / {t.clinicianCount}
                {t.wholeTinReports > 0 ? <span className="block text-xs text-muted-foreground">+ {t.wholeTinReports} whole-TIN report(s)</span> : null}
              </TableCell>
              <TableCell>
                {t.vendorsWithData} / {t.vendorsRegistered}
              </TableCell>
            </TableRow>
          ))}
          {rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={9}>No TIN matches these filters.</TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
    </div>
  );
}
