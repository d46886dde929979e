/**
 * Improvement Activities of a QRDA III IA section (`...27.2.4`): each Improvement Activity Performed
 * Measure Reference and Results organizer (`...27.3.33`) names an activity
 * (`reference/externalDocument/id/@extension`, e.g. IA_EPA_1) and holds a measure-performed observation
 * (`...27.3.27`, `value/@code` Y or N). Checked against the year's IA catalog by the submission validator;
 * problems here are findings (CMS errors 50/51), never a refusal of the PI data.
 */
import type { Issue } from "../../errors";
import type { IaMeasurement } from "../../mips/submission";
import { type XmlElement, attr, childAt, childrenNamed, descendants, firstDescendant, where } from "../xml/tree";
import { hasTemplate } from "./cda";
import { TEMPLATE } from "./templates";

function activityIdOf(organizer: XmlElement): string | null {
  for (const reference of childrenNamed(organizer, "reference")) {
    const doc = childAt(reference, "externalDocument");
    for (const id of doc ? childrenNamed(doc, "id") : []) {
      const extension = attr(id, "extension")?.trim();
      if (extension) return extension;
    }
  }
  return null;
}

export function readIaMeasures(sections: readonly XmlElement[], findings: Issue[]): IaMeasurement[] {
  const out: IaMeasurement[] = [];
  for (const section of sections) {
    for (const organizer of descendants(section, (e) => hasTemplate(e, TEMPLATE.iaMeasure))) {
      const measureId = activityIdOf(organizer);
      if (!measureId) {
        findings.push({ path: where(organizer), message: "an improvement activity without its id (reference/externalDocument/id extension, e.g. IA_EPA_1)" });
        continue;
      }
      const observation = firstDescendant(organizer, (e) => hasTemplate(e, TEMPLATE.measurePerformed));
      const value = observation ? childAt(observation, "value") : undefined;
      const code = value ? attr(value, "code")?.trim().toUpperCase() : undefined;
      if (code !== "Y" && code !== "N") {
        findings.push({ path: where(value ?? observation ?? organizer), message: `improvement activity ${measureId}: expected a measure-performed observation with value/@code Y or N (CMS converter error 51); left out` });
        continue;
      }
      out.push({ measureId, value: code === "Y" });
    }
  }
  return out;
}
