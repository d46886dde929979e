"use client";
import { useState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { errorIssues, errorMessage, useTRPC } from "@/components/providers/trpc-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldError, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** A measure of the year's catalog as the form shows it (exclusions and PRE/PROD levels ride on their measure). */
export interface CatalogMeasure {
  measureId: string;
  title: string;
  metricType: "boolean" | "proportion";
  kind: string;
  isRequired: boolean;
  isBonus: boolean;
  measureSets: string[];
  /** Exclusions that may be claimed instead of the measure, with CMS's titles. */
  exclusions: { measureId: string; title: string }[];
  /** CMS's alternatives of the measure (e.g. 2026: PI_HIE_5 for PI_HIE_1 + PI_HIE_4). */
  alternatives: string[];
  /** 2023+ registries: the engagement-level measures (`X_PRE`, `X_PROD`), one of which goes with a "yes". */
  engagementLevels: { measureId: string; level: "PRE" | "PROD" }[];
}

/**
 * How a claimed exclusion is sent: 2017-2018 (base-score years) with the measure at 0/0, as CMS's 2018
 * QPP examples do; from 2019 the exclusion alone (a measure and its exclusion both are refused).
 */
export type ExclusionClaim = "withZeroes" | "alone";

/** The TINs, and the chosen TIN's (`tinId`) clinicians and products: the page loads one TIN's roster at a time. */
export interface EntryOptions {
  ownClinicianId: string | null;
  tinId: string | null;
  tins: { id: string; tinDisplay: string; name: string }[];
  clinicians: { tinId: string; clinicianId: string; npi: string; name: string }[];
  products: { id: string; tinId: string; vendor: string; productName: string; cehrtId: string }[];
}

type Cell = { numerator: string; denominator: string; yesNo: "" | "yes" | "no"; exclusion: string; level: string };

/** Numbers as typed: "" is no value; anything else is sent as a number (the server says what is wrong). */
function count(text: string): number | null {
  const v = text.trim();
  return v === "" ? null : Number(v);
}

/**
 * Data entry for one report: the year's measures of the chosen set, with CMS's titles, exclusions,
 * alternatives and engagement levels; the period defaults to the year's minimum; errors inline.
 */
export function ReportEntryForm({
  organization,
  performanceYear,
  options,
  measures,
  minimumPeriodDays,
  defaultPeriodEnd,
  exclusionClaim,
}: {
  organization: string;
  performanceYear: number;
  options: EntryOptions;
  measures: CatalogMeasure[];
  minimumPeriodDays: number;
  defaultPeriodEnd: string;
  exclusionClaim: ExclusionClaim;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  // The TIN is the page's (`?tin=`): choosing another loads that TIN's clinicians and products from the server.
  const tinId = options.tinId ?? "";
  const cliniciansOfTin = options.clinicians.filter((c) => c.tinId === tinId);
  const defaultClinicianId = options.ownClinicianId ?? cliniciansOfTin[0]?.clinicianId ?? "";
  const [clinicianId, setClinicianId] = useState<string>(defaultClinicianId);
  const [clinicianTinId, setClinicianTinId] = useState(tinId);
  if (clinicianTinId !== tinId) {
    // Another TIN arrived: its first clinician, as on first load (the typed values stay).
    setClinicianTinId(tinId);
    setClinicianId(defaultClinicianId);
  }
  const [requestedTinId, setRequestedTinId] = useState(tinId);
  const [switchingTin, startTinSwitch] = useTransition();
  const [measureSet, setMeasureSet] = useState<"pi" | "transition">("pi");
  const [cells, setCells] = useState<Record<string, Cell>>({});
  const productsOfTin = options.products.filter((p) => p.tinId === tinId);
  const save = useMutation(trpc.measureReports.save.mutationOptions({ onSuccess: () => router.refresh() }));
  const warning = useQuery(trpc.measureReports.warning.queryOptions({ organization, tinId, clinicianId: clinicianId || null, performanceYear }, { enabled: Boolean(tinId) }));
  const issues = errorIssues(save.error);
  const measureSets = [...new Set(measures.flatMap((m) => m.measureSets))];
  const shown = measures.filter((m) => measureSets.length === 1 || m.measureSets.length > 1 || m.measureSets[0] === measureSet);
  const cell = (id: string): Cell => cells[id] ?? { numerator: "", denominator: "", yesNo: "", exclusion: "", level: "" };
  const setCell = (id: string, patch: Partial<Cell>) => setCells((c) => ({ ...c, [id]: { ...cell(id), ...patch } }));

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = shown.flatMap((m) => {
      const c = cell(m.measureId);
      const out: { measureId: string; numerator?: number | null; denominator?: number | null; yesNo?: boolean | null }[] = [];
      const excluded = c.exclusion !== "";
      if (excluded) out.push({ measureId: c.exclusion, yesNo: true });
      if (excluded && exclusionClaim === "alone") return out;
      if (m.metricType === "boolean") {
        if (c.yesNo) out.push({ measureId: m.measureId, yesNo: c.yesNo === "yes" });
        if (c.yesNo === "yes" && c.level) out.push({ measureId: c.level, yesNo: true });
      } else if (c.numerator !== "" || c.denominator !== "") {
        out.push({ measureId: m.measureId, numerator: count(c.numerator), denominator: count(c.denominator) });
      }
      return out;
    });
    save.mutate({
      organization,
      tinId,
      clinicianId: clinicianId || null,
      productId: String(form.get("productId") ?? ""),
      performanceYear,
      performanceStart: String(form.get("performanceStart") ?? ""),
      performanceEnd: String(form.get("performanceEnd") ?? ""),
      values,
    });
  }

  if (options.tins.length === 0) return <Alert>No TIN to enter data for: {options.ownClinicianId ? "you do not bill under any TIN this year." : "add TINs and clinicians first."}</Alert>;
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      {save.error ? <Alert variant="destructive">{errorMessage(save.error)}</Alert> : null}
      {save.isSuccess ? <Alert variant="success">Saved the report for {save.data.npi ? `NPI ${save.data.npi}` : "the whole TIN"} ({save.data.performanceStart}..{save.data.performanceEnd}).</Alert> : null}
      {warning.data?.reweightingCancelled ? <Alert variant="warning">{warning.data.reweightingCancelled}</Alert> : null}
      <p role="status" className={switchingTin ? "text-sm text-muted-foreground" : "sr-only"}>
        {switchingTin ? "Loading the TIN's clinicians and CEHRT products…" : ""}
      </p>
      <div className="grid gap-4 md:grid-cols-3">
        <FormField id="entry-tin" label="TIN" error={fieldError(issues, "tinId")}>
          <NativeSelect
            value={switchingTin ? requestedTinId : tinId}
            onChange={(e) => {
              const next = e.target.value;
              setRequestedTinId(next);
              startTinSwitch(() => router.replace(`${pathname}?${new URLSearchParams({ year: String(performanceYear), tin: next }).toString()}`, { scroll: false }));
            }}
          >
            {options.tins.map((t) => (
              <option key={t.id} value={t.id}>
                {t.tinDisplay} {t.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="entry-clinician" label="Clinician (NPI)" error={fieldError(issues, "clinicianId")}>
          <NativeSelect value={clinicianId} onChange={(e) => setClinicianId(e.target.value)} disabled={Boolean(options.ownClinicianId) || switchingTin}>
            {options.ownClinicianId ? null : <option value="">Whole TIN (group-level data)</option>}
            {cliniciansOfTin.map((c) => (
              <option key={c.clinicianId} value={c.clinicianId}>
                {c.npi} {c.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="entry-product" label="CEHRT product" error={fieldError(issues, "productId")}>
          <NativeSelect name="productId" defaultValue={productsOfTin[0]?.id ?? ""} key={tinId} disabled={switchingTin}>
            {productsOfTin.length === 0 ? <option value="">No product registered for this TIN</option> : null}
            {productsOfTin.map((p) => (
              <option key={p.id} value={p.id}>
                {p.vendor} {p.productName} ({p.cehrtId})
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="entry-start" label="Performance period start" error={fieldError(issues, "performanceStart")}>
          <Input name="performanceStart" type="date" defaultValue={`${performanceYear}-01-01`} />
        </FormField>
        <FormField id="entry-end" label="Performance period end" hint={`At least ${minimumPeriodDays} consecutive days inside ${performanceYear}.`} error={fieldError(issues, "performanceEnd")}>
          <Input name="performanceEnd" type="date" defaultValue={defaultPeriodEnd} />
        </FormField>
        {measureSets.length > 1 ? (
          <FormField id="entry-set" label="Measure set">
            <NativeSelect value={measureSet} onChange={(e) => setMeasureSet(e.target.value as "pi" | "transition")}>
              <option value="pi">Objectives and Measures</option>
              <option value="transition">Transition Objectives and Measures</option>
            </NativeSelect>
          </FormField>
        ) : null}
      </div>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Measure</TableHead>
            <TableHead>Value</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((m) => {
            const c = cell(m.measureId);
            const err = (f: string) => fieldError(issues, `values.${m.measureId}.${f}`);
            return (
              <TableRow key={m.measureId}>
                <TableCell>
                  <span className="font-mono text-xs">{m.measureId}</span> {m.title}
                  {m.isRequired ? <span className="text-xs text-muted-foreground"> (required)</span> : null}
                  {m.isBonus ? <span className="text-xs text-muted-foreground"> (bonus)</span> : null}
                  {m.alternatives.length > 0 ? <span className="block text-xs text-muted-foreground">Alternatives: {m.alternatives.join(", ")} (report one option, not both)</span> : null}
                </TableCell>
                <TableCell>
                  <div className="grid grid-cols-2 gap-2 md:grid-cols-3">
                    {m.metricType === "boolean" ? (
                      <>
                        <FormField id={`v-${m.measureId}-yesno`} label={`${m.measureId} yes or no`} error={err("yesNo")}>
                          <NativeSelect value={c.yesNo} disabled={c.exclusion !== "" && exclusionClaim === "alone"} onChange={(e) => setCell(m.measureId, { yesNo: e.target.value as Cell["yesNo"] })}>
                            <option value="">not reported</option>
                            <option value="yes">yes</option>
                            <option value="no">no</option>
                          </NativeSelect>
                        </FormField>
                        {m.engagementLevels.length > 0 ? (
                          <FormField id={`v-${m.measureId}-level`} label={`${m.measureId} engagement level`}>
                            <NativeSelect value={c.level} disabled={c.yesNo !== "yes"} onChange={(e) => setCell(m.measureId, { level: e.target.value })}>
                              <option value="">not stated</option>
                              {m.engagementLevels.map((l) => (
                                <option key={l.measureId} value={l.measureId}>
                                  {l.level === "PRE" ? "Pre-production and validation" : "Validated data production"} ({l.measureId})
                                </option>
                              ))}
                            </NativeSelect>
                          </FormField>
                        ) : null}
                      </>
                    ) : (
                      <>
                        <FormField id={`v-${m.measureId}-num`} label={`${m.measureId} numerator`} error={err("numerator")}>
                          <Input inputMode="numeric" value={c.numerator} disabled={c.exclusion !== "" && exclusionClaim === "alone"} onChange={(e) => setCell(m.measureId, { numerator: e.target.value })} />
                        </FormField>
                        <FormField id={`v-${m.measureId}-den`} label={`${m.measureId} denominator`} error={err("denominator")}>
                          <Input inputMode="numeric" value={c.denominator} disabled={c.exclusion !== "" && exclusionClaim === "alone"} onChange={(e) => setCell(m.measureId, { denominator: e.target.value })} />
                        </FormField>
                      </>
                    )}
                    {m.exclusions.length === 1 && m.metricType === "proportion" && exclusionClaim === "withZeroes" ? (
                      <div className="flex items-center gap-2 pt-6">
                        <input
                          id={`v-${m.measureId}-excl`}
                          type="checkbox"
                          checked={c.exclusion !== ""}
                          onChange={(e) => setCell(m.measureId, e.target.checked ? { exclusion: m.exclusions[0]!.measureId, numerator: "0", denominator: "0" } : { exclusion: "" })}
                        />
                        <label htmlFor={`v-${m.measureId}-excl`} className="text-sm">
                          {m.measureId} exclusion ({m.exclusions[0]!.measureId})
                        </label>
                      </div>
                    ) : m.exclusions.length > 0 ? (
                      <FormField id={`v-${m.measureId}-excl`} label={`${m.measureId} exclusion`}>
                        <NativeSelect value={c.exclusion} onChange={(e) => setCell(m.measureId, { exclusion: e.target.value })}>
                          <option value="">none claimed</option>
                          {m.exclusions.map((x) => (
                            <option key={x.measureId} value={x.measureId}>
                              {x.measureId}: {x.title}
                            </option>
                          ))}
                        </NativeSelect>
                      </FormField>
                    ) : null}
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <div>
        <Button type="submit" disabled={save.isPending || switchingTin}>
          {save.isPending ? "Saving…" : "Save report"}
        </Button>
      </div>
    </form>
  );
}
