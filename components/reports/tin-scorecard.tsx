/** The TIN scorecard PDF: what an executive hands to a board or an auditor about one TIN and year. */
import { renderToBuffer } from "@react-pdf/renderer";
import { ENTERED_CATEGORIES, ENTERED_CATEGORY_LABELS } from "@/lib/mips/final-score-range";
import { longDate } from "@/lib/mips/year-calendar";
import type { TinScorecardData } from "@/server/reports/tin-scorecard";
import { checksumGroups, P, PdfTable, ReportDocument, Section, pdfStyles } from "./pdf-layout";
import { Text } from "@react-pdf/renderer";

const MODE = { individual: "individual reporting", group: "group reporting", virtualGroup: "virtual group reporting" } as const;

function scoreText(g: TinScorecardData["dashboard"]["group"]): string {
  if (g.status === "reweighted") return "reweighted (PI weighs 0%)";
  if (g.status === "noData") return "0 (no data: the TIN must report PI)";
  if (g.status === "problem") return "not scored (the data has problems)";
  return `${g.piScore ?? 0} / 100`;
}

export function TinScorecard({ data }: { data: TinScorecardData }) {
  const d = data.dashboard;
  const g = d.group;
  const year = d.performanceYear;
  const estimate = data.estimate;
  return (
    <ReportDocument
      title={`PI scorecard: ${d.tin.name} (TIN ${d.tin.tinDisplay})`}
      subtitle={`MIPS Promoting Interoperability, performance year ${year} · ${d.reportingMode ? MODE[d.reportingMode] : "reporting mode not chosen"}${d.virtualGroup ? ` (virtual group ${d.virtualGroup.name})` : ""} · ${d.period ? `period ${d.period.start} to ${d.period.end}` : d.periodNote}`}
      footer={{ organization: data.organization, performanceYear: year, generatedAt: data.generatedAt, estimate: estimate !== null }}
    >
      <Section title="Score">
        <P>
          <Text style={pdfStyles.strong}>PI category score: {scoreText(g)}</Text>
          {g.finalScorePoints !== null ? ` · ${g.finalScorePoints} final-score points` : ""}
        </P>
        {g.breakdown ? (
          <P>
            Breakdown: total {g.breakdown.total}
            {g.breakdown.base !== undefined ? `, base ${g.breakdown.base}` : ""}
            {g.breakdown.performance !== undefined ? `, performance ${g.breakdown.performance}` : ""}
            {g.breakdown.bonus !== undefined ? `, bonus ${g.breakdown.bonus}` : ""} · {g.baseMet ? "requirements met" : "requirements not met"} · attestations{" "}
            {g.attestationsComplete ? "complete" : "incomplete"}
          </P>
        ) : null}
        {g.problems.map((p) => (
          <P key={p}>Problem: {p}</P>
        ))}
        <P muted>
          From {d.includedReports} report(s) summed across clinicians and CEHRT products{d.excludedReports ? `; ${d.excludedReports} report(s) of another period left out` : ""}.
        </P>
      </Section>

      {d.measures.length ? (
        <Section title="Measures">
          <PdfTable
            columns={["Measure", "Numerator / denominator", "Rate", "Points", "Next band"]}
            widths={[0.4, 0.18, 0.1, 0.12, 0.2]}
            rows={d.measures.map((m) => [
              `${m.title} (${m.measureId})`,
              m.numerator !== null && m.denominator !== null ? `${m.numerator} / ${m.denominator}` : m.value === null ? "—" : m.value ? "yes" : "no",
              m.excluded ? "excluded" : m.rate,
              `${m.points} of ${m.maxPoints}`,
              m.moreNeeded !== null && m.nextBandNumerator !== null ? `numerator ${m.nextBandNumerator} (+${m.moreNeeded})` : "—",
            ])}
          />
        </Section>
      ) : null}

      {d.vendorShares.length ? (
        <Section title="Vendors">
          <PdfTable
            columns={["Measure", "CEHRT product", "Numerator / denominator"]}
            widths={[0.3, 0.45, 0.25]}
            rows={d.vendorShares.map((v) => [v.measureId, v.vendor, `${v.numerator} / ${v.denominator}`])}
          />
        </Section>
      ) : null}

      <Section title="Reweighting">
        <P>
          {d.reweighting.reweighted
            ? "Reweighted: PI weighs 0% and its weight moves to Quality."
            : d.reweighting.dataCancels
              ? "Every clinician qualifies, but the TIN submitted PI data, which cancels reweighting: the data is scored."
              : `Not reweighted: ${d.reweighting.blockers.length} clinician(s) block it.`}
        </P>
        {d.reweighting.reasons.map((r) => (
          <P key={r} muted>
            {r}
          </P>
        ))}
        {d.reweighting.blockers.length ? (
          <PdfTable
            columns={["Blocking clinician", "Why", "What would change it"]}
            widths={[0.25, 0.35, 0.4]}
            rows={d.reweighting.blockers.map((b) => [`${b.name} (NPI ${b.npi})`, b.why, b.advice])}
          />
        ) : null}
      </Section>

      {estimate ? (
        <Section title="Final score (estimate)">
          <P>
            PI fixed at {g.status === "reweighted" ? "reweighted" : `${g.piScore ?? 0}%`}.{" "}
            {ENTERED_CATEGORIES.map((k) => `${ENTERED_CATEGORY_LABELS[k]}: ${estimate.saved?.scores[k] ?? "not entered"}${estimate.saved?.scores[k] != null ? "%" : ""}`).join(" · ")}
            {estimate.saved ? ` (entered by ${estimate.saved.enteredBy ?? "a former member"} on ${new Date(estimate.saved.enteredAt).toISOString().slice(0, 10)})` : ""}
          </P>
          <P>
            <Text style={pdfStyles.estimate}>Estimate: </Text>
            {estimate.range.complete
              ? `final score ${estimate.range.best.finalScore.toFixed(2)} / 100, payment adjustment in ${estimate.range.best.paymentAdjustment.paymentYear} about ${estimate.range.best.paymentAdjustment.percent.toFixed(2)}%`
              : `final score between ${estimate.range.worst.finalScore.toFixed(2)} (categories not entered at 0%) and ${estimate.range.best.finalScore.toFixed(2)} (at 100%)`}
            ; performance threshold {estimate.range.worst.performanceThreshold}. CMS sets the final figures after the performance year.
          </P>
        </Section>
      ) : null}

      <Section title="Deadlines">
        <PdfTable
          columns={["Deadline", "Date", "Status"]}
          widths={[0.45, 0.25, 0.3]}
          rows={data.deadlines.map((x) => [x.label, longDate(x.date) + (x.assumed ? " (assumed)" : ""), x.when])}
        />
      </Section>

      <Section title="Data sources">
        {data.sources.length ? (
          <PdfTable
            columns={["File", "SHA-256 checksum", "Product", "NPI", "Period"]}
            widths={[0.22, 0.34, 0.18, 0.1, 0.16]}
            rows={data.sources.map((s) => [s.fileName, s.checksum ? checksumGroups(s.checksum) : "—", s.product ?? "—", s.npi ?? "whole TIN", s.period])}
          />
        ) : (
          <P muted>No data for this period.</P>
        )}
      </Section>
    </ReportDocument>
  );
}

export function renderTinScorecard(data: TinScorecardData): Promise<Buffer> {
  return renderToBuffer(<TinScorecard data={data} />);
}
