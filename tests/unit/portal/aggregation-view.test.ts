/** The group's lineage stays bounded: a measure of hundreds of reports lists the first ten and says how many more. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AggregationView, type AggregationViewProps } from "@/components/cehrt/aggregation-view";

function view(reports: number, excluded: number): string {
  const contributions = Array.from({ length: reports }, (_, i) => ({ reportId: `r${i}`, fileName: `file-${i}.xml`, npi: `NPI${i}`, product: "Vendor EHR", cehrtId: null, value: { numerator: 1, denominator: 2 } }));
  const props: AggregationViewProps = {
    periodNote: "2026-01-01..2026-06-30",
    measures: [{ measureId: "PI_EP_1", value: { numerator: reports, denominator: reports * 2 }, explanation: `sum of ${contributions.map((c) => `${c.fileName} 1/2`).join(", ")}`, contributions, notReportedBy: Array.from({ length: reports }, (_, i) => `Clinician ${i}`) }],
    excluded: Array.from({ length: excluded }, (_, i) => ({ report: { id: `x${i}`, fileName: `old-${i}.csv`, npi: null, performanceStart: "2026-01-01", performanceEnd: "2026-03-31" }, reason: "another period" })),
    problems: [],
    warnings: [],
    score: null,
    titles: { PI_EP_1: "e-Prescribing" },
  };
  return renderToStaticMarkup(createElement(AggregationView, props));
}

describe("AggregationView", () => {
  it("lists every report of a small group's lineage", () => {
    const html = view(3, 2);
    expect(html.match(/from file-\d+\.xml/g)).toHaveLength(3);
    expect(html).not.toContain("more report(s)");
    expect(html).toContain("Not reported by: Clinician 0; Clinician 1; Clinician 2<");
    expect(html.match(/old-\d+\.csv/g)).toHaveLength(2);
    expect(html).toContain("sum of file-0.xml 1/2, file-1.xml 1/2, file-2.xml 1/2<");
  });

  it("lists the first 10 reports of a measure and the first 25 excluded reports, then how many more", () => {
    const html = view(400, 60);
    expect(html.match(/from file-\d+\.xml/g)).toHaveLength(10);
    expect(html).toContain("and 390 more report(s) (400 in all; every report is in the Reports CSV)");
    expect(html).toContain("Clinician 9 and 390 more");
    expect(html.match(/old-\d+\.csv/g)).toHaveLength(25);
    expect(html).toContain("and 35 more excluded report(s) (60 in all)");
    const explanation = /sum of [^<]*/.exec(html)![0];
    expect(explanation.length).toBeLessThan(520);
    expect(explanation).toMatch(/^sum of file-0\.xml 1\/2, .*file-\d+\.xml 1\/2, … \(shortened: the lineage below and the Reports CSV list every report\)$/);
  });
});
