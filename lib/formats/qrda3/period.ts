/**
 * The performance period of a QRDA III PI section: the Reporting Parameters Act
 * (`2.16.840.1.113883.10.20.17.3.8`) `effectiveTime/low/@value` and `high/@value`, found by template id.
 * The PI section must carry its own act: CMS's converter refuses a PI section without one (error 22),
 * even when a document-wide Reporting Parameters section gives a period, and so does the reader.
 */
import type { Issue } from "../../errors";
import { type XmlElement, attr, childAt, firstDescendant } from "../xml/tree";
import { hasTemplate } from "./cda";
import { TEMPLATE } from "./templates";

export interface PerformancePeriod {
  start: string; // YYYY-MM-DD
  end: string;
  /** Where it was read, for messages. */
  path: string;
}

/** `20180201` or `20180201120000-0500` -> `2018-02-01`; null when it is not a real calendar date. */
export function hl7Date(value: string | undefined): string | null {
  const digits = value?.trim().slice(0, 8) ?? "";
  if (!/^\d{8}$/.test(digits)) return null;
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

function reportingAct(container: XmlElement): XmlElement | undefined {
  return firstDescendant(container, (e) => hasTemplate(e, TEMPLATE.reportingParametersAct));
}

/** Whether `container` holds a Reporting Parameters Act (whatever its dates). */
export function hasReportingAct(container: XmlElement): boolean {
  return reportingAct(container) !== undefined;
}

/** The period of the first container holding a Reporting Parameters Act, or null with issues when bad. */
export function readPeriod(containers: XmlElement[], issues: Issue[]): PerformancePeriod | null {
  for (const container of containers) {
    const act = reportingAct(container);
    if (!act) continue;
    const time = childAt(act, "effectiveTime");
    const low = time ? childAt(time, "low") : undefined;
    const high = time ? childAt(time, "high") : undefined;
    const start = hl7Date(low ? attr(low, "value") : undefined);
    const end = hl7Date(high ? attr(high, "value") : undefined);
    if (!start) issues.push({ path: `${act.path}/effectiveTime/low`, message: "expected the period start as value=\"YYYYMMDD\"" });
    if (!end) issues.push({ path: `${act.path}/effectiveTime/high`, message: "expected the period end as value=\"YYYYMMDD\"" });
    if (!start || !end) return null;
    if (start > end) {
      issues.push({ path: `${act.path}/effectiveTime`, message: `the performance period ends (${end}) before it starts (${start})` });
      return null;
    }
    return { start, end, path: act.path };
  }
  issues.push({
    path: containers[0]?.path ?? "/ClinicalDocument",
    message: `no performance period: expected a Reporting Parameters Act (templateId "${TEMPLATE.reportingParametersAct}") with effectiveTime low and high`,
  });
  return null;
}
