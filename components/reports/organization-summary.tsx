/** The organization summary PDF (every TIN, one line each, totals) and the clinician statement PDF. */
import { renderToBuffer, Text } from "@react-pdf/renderer";
import { piScoreText } from "@/components/dashboards/pi-score";
import type { ClinicianStatementData, OrganizationSummaryData } from "@/server/reports/organization-summary";
import { P, PdfTable, ReportDocument, Section, pdfStyles } from "./pdf-layout";

const MODE = { individual: "individual", group: "group", virtualGroup: "virtual group" } as const;

/** "no reweighting reason in 2018: ..." -> "No reweighting reason in 2018: ....": clauses read as sentences. */
function sentence(clause: string): string {
  const text = clause.trim();
  if (!text) return text;
  return `${text[0]!.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;
}

export function OrganizationSummary({ data }: { data: OrganizationSummaryData }) {
  const o = data.overview;
  const h = o.headline;
  return (
    <ReportDocument
      title={`PI summary: ${data.organization}`}
      subtitle={`MIPS Promoting Interoperability, performance year ${o.performanceYear} · ${h.tinCount} TIN(s)`}
      footer={{ organization: data.organization, performanceYear: o.performanceYear, generatedAt: data.generatedAt, estimate: false }}
    >
      <Section title="Totals">
        <P>
          <Text style={pdfStyles.strong}>
            {h.tinCount} TINs: {h.scoredTins} scored, {h.reweightedTins} reweighted, {h.tinsWithoutData} without data.
          </Text>{" "}
          Average PI score of the scored TINs: {h.averagePiScore ?? "—"}
          {h.averagePiScore !== null ? "%" : ""}. Base met: {h.baseMetTins}. Clinicians: {h.clinicians} ({h.cliniciansWithData} with data);{" "}
          {h.blockingClinicians} block reweighting.
        </P>
      </Section>
      <Section title="TINs">
        <PdfTable
          columns={["TIN", "Reporting", "PI score", "Final-score points", "Blocking", "Clinicians with data", "Vendors with data"]}
          widths={[0.3, 0.1, 0.12, 0.12, 0.1, 0.13, 0.13]}
          rows={o.tins.map((t) => [
            `${t.name} (${t.tinDisplay})`,
            t.reportingMode ? MODE[t.reportingMode] : "not chosen",
            piScoreText(t),
            t.finalScorePoints ?? "—",
            t.blockingCount,
            `${t.cliniciansWithData} of ${t.clinicianCount}`,
            `${t.vendorsWithData} of ${t.vendorsRegistered}`,
          ])}
        />
      </Section>
    </ReportDocument>
  );
}

export function ClinicianStatement({ data }: { data: ClinicianStatementData }) {
  const d = data.dashboard;
  return (
    <ReportDocument
      title={`PI statement: ${d.clinician.name} (NPI ${d.clinician.npi})`}
      subtitle={`MIPS Promoting Interoperability, performance year ${d.performanceYear} · ${d.tins.length} TIN(s)`}
      footer={{ organization: data.organization, performanceYear: d.performanceYear, generatedAt: data.generatedAt, estimate: false }}
    >
      {d.tins.length === 0 ? <P muted>No TIN in this year.</P> : null}
      {d.tins.map((t) => (
        <Section key={t.tinId} title={`${t.tinName} (TIN ${t.tinDisplay})`}>
          <P>
            <Text style={pdfStyles.strong}>Individual PI score: {piScoreText(t.score)}</Text>
            {t.score.finalScorePoints !== null ? ` · ${t.score.finalScorePoints} final-score points` : ""}
            {t.period ? ` · period ${t.period.start} to ${t.period.end}` : ""}
          </P>
          <P muted>
            {t.reweighting.reweighted ? "Reweighted. " : ""}
            {t.reweighting.blocksGroup ? "Blocks the TIN's group reweighting (100% rule). " : ""}
            {t.reweighting.explanation.map((e) => sentence(e)).join(" ")}
          </P>
          {t.measures.length ? (
            <PdfTable
              columns={["Measure", "Numerator / denominator", "Rate", "Points", "Next band"]}
              widths={[0.4, 0.18, 0.1, 0.12, 0.2]}
              rows={t.measures.map((m) => [
                `${m.title} (${m.measureId})`,
                m.numerator !== null && m.denominator !== null ? `${m.numerator} / ${m.denominator}` : m.value === null ? "—" : m.value ? "yes" : "no",
                m.excluded ? "excluded" : m.rate,
                `${m.points} of ${m.maxPoints}`,
                m.moreNeeded !== null && m.nextBandNumerator !== null ? `numerator ${m.nextBandNumerator} (+${m.moreNeeded})` : "—",
              ])}
            />
          ) : (
            <P muted>No measure data under this TIN.</P>
          )}
        </Section>
      ))}
    </ReportDocument>
  );
}

export const renderOrganizationSummary = (data: OrganizationSummaryData): Promise<Buffer> => renderToBuffer(<OrganizationSummary data={data} />);
export const renderClinicianStatement = (data: ClinicianStatementData): Promise<Buffer> => renderToBuffer(<ClinicianStatement data={data} />);
