"use client";
/**
 * The overview's TIN table and chart: sortable by any figure, filterable by name/TIN, PI status and
 * blockers. The rows are one per TIN (already aggregated on the server), so sorting them here is cheap.
 */
import Link from "next/link";
import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { CHART_COLORS, ChartFigure } from "@/components/charts/chart-figure";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { OverviewTin } from "@/server/services/dashboards/overview";
import { piScoreText, PiScoreBadge, YesNo } from "./pi-score";

type SortKey = "name" | "piScore" | "finalScorePoints" | "blockingCount" | "completeness";
const SORTS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "piScore", label: "PI score" },
  { key: "finalScorePoints", label: "Final-score points" },
  { key: "blockingCount", label: "Clinicians blocking reweighting" },
  { key: "completeness", label: "Data completeness" },
];
const MODE_LABEL = { individual: "individual", group: "group", virtualGroup: "virtual group" } as const;

function sortValue(t: OverviewTin, key: SortKey): number | string {
  switch (key) {
    case "name":
      return t.name.toLowerCase();
    case "piScore":
      return t.piScore ?? -1;
    case "finalScorePoints":
      return t.finalScorePoints ?? -1;
    case "blockingCount":
      return t.blockingCount;
    case "completeness":
      return t.clinicianCount ? t.cliniciansWithData / t.clinicianCount : 0;
  }
}

export function OverviewTable({ org, year, tins }: { org: string; year: number; tins: OverviewTin[] }) {
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("all");
  const [sort, setSort] = useState<SortKey>("name");
  const [descending, setDescending] = useState(false);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const digits = q.replace(/-/g, "");
    return tins
      .filter((t) => !q || t.name.toLowerCase().includes(q) || (digits !== "" && t.tin.includes(digits)))
      .filter((t) => status === "all" || (status === "blocked" ? t.blockingCount > 0 : t.status === status))
      .sort((a, b) => {
        const x = sortValue(a, sort);
        const y = sortValue(b, sort);
        const order = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name);
        return descending ? -order : order;
      });
  }, [tins, search, status, sort, descending]);
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
            <Bar dataKey="score" name="PI score" fill={CHART_COLORS[0]} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>

      <div className="grid gap-3 sm:grid-cols-4">
        <FormField id="overview-search" label="Search name or TIN">
          <Input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. Pediatrics" />
        </FormField>
        <FormField id="overview-status" label="Show">
          <NativeSelect value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="all">All TINs</option>
            <option value="scored">Scored</option>
            <option value="reweighted">Reweighted</option>
            <option value="noData">No data</option>
            <option value="problem">Data problems</option>
            <option value="blocked">With blocking clinicians</option>
          </NativeSelect>
        </FormField>
        <FormField id="overview-sort" label="Sort by">
          <NativeSelect value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            {SORTS.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="overview-order" label="Order">
          <NativeSelect value={descending ? "desc" : "asc"} onChange={(e) => setDescending(e.target.value === "desc")}>
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </NativeSelect>
        </FormField>
      </div>

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
