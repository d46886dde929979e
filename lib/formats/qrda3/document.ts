/**
 * Loads a QRDA III document safely and keeps only what the readers need: the CDA header, the PI, quality
 * (eCQM) and IA sections and the document-level Reporting Parameters section. Other sections, and the
 * stratum and supplemental data of quality measures, are skipped as soon as their template ids show
 * what they are, so a big group file costs little memory.
 * Refuses anything that is not a QRDA III document (root `ClinicalDocument` in `urn:hl7-org:v3` with the
 * QRDA III document template), as early as the header shows it.
 */
import { badInput } from "../../errors";
import { type SelectiveParseOptions, parseXmlSelectively } from "../xml/safe-parse";
import type { XmlLimits } from "../xml/limits";
import { type XmlElement, descendants } from "../xml/tree";
import { hasTemplate, templateIds } from "./cda";
import { HL7_V3_NAMESPACE, SKIPPED_TEMPLATES, TEMPLATE } from "./templates";

export interface Qrda3Document {
  root: XmlElement;
  /** Sections with the PI (ACI) section template. */
  piSections: XmlElement[];
  /** Document-wide Reporting Parameters sections (older files carry the period only there). */
  reportingParametersSections: XmlElement[];
  /** eCQM (quality) measure sections. */
  qualitySections: XmlElement[];
  /** Improvement Activities sections. */
  iaSections: XmlElement[];
}

const SECTIONS_KEPT: readonly string[] = [
  TEMPLATE.piSection,
  TEMPLATE.reportingParametersSection,
  TEMPLATE.reportingParametersSectionBase,
  TEMPLATE.qualitySection,
  TEMPLATE.qualitySectionCms,
  TEMPLATE.iaSection,
];

function isQualitySection(s: XmlElement): boolean {
  return (hasTemplate(s, TEMPLATE.qualitySection) || hasTemplate(s, TEMPLATE.qualitySectionCms)) && !hasTemplate(s, TEMPLATE.piSection) && !hasTemplate(s, TEMPLATE.iaSection);
}

/** Header children that may precede the document's template ids (CDA order: realmCode, typeId, templateId). */
const BEFORE_TEMPLATE_IDS: readonly string[] = ["realmCode", "typeId", "templateId"];

function describeRoot(root: XmlElement): string {
  return root.uri ? `<${root.local}> in namespace "${root.uri}"` : `<${root.local}> without a namespace`;
}

function assertQrdaRoot(root: XmlElement, source: string): void {
  if (root.local !== "ClinicalDocument" || root.uri !== HL7_V3_NAMESPACE) {
    throw badInput(
      `${source} is not a QRDA III document: its root element is ${describeRoot(root)}; expected <ClinicalDocument> in namespace "${HL7_V3_NAMESPACE}"`,
    );
  }
}

function assertQrdaTemplate(root: XmlElement, source: string): void {
  if (!hasTemplate(root, TEMPLATE.qrda3Document)) {
    const found = templateIds(root);
    throw badInput(
      `${source} is not a QRDA III document: /ClinicalDocument has no templateId with root "${TEMPLATE.qrda3Document}" (QRDA Category III Report)` +
        (found.length > 0 ? `; found ${found.join(", ")}` : ""),
    );
  }
}

export function loadQrda3Document(text: string, source: string, limits?: XmlLimits): Qrda3Document {
  let templateChecked = false;
  // The template roots of each kept element's kept templateId children, recorded as they are kept: what
  // hasTemplate would find among its children so far, without a scan of them for every child that follows.
  const templateRoots = new Map<XmlElement, string[]>();
  const hasTemplateSoFar = (element: XmlElement, root: string): boolean => templateRoots.get(element)?.includes(root) === true;
  const decide = (element: XmlElement, parent: XmlElement | null): boolean => {
    if (element.uri !== HL7_V3_NAMESPACE) return false; // foreign extensions are not ours to read
    if (element.local === "text") return false; // CDA narrative: for human eyes, never read as data
    if (parent && parent.path === "/ClinicalDocument" && !templateChecked && !BEFORE_TEMPLATE_IDS.includes(element.local)) {
      assertQrdaTemplate(parent, source); // refuse early, before reading the body
      templateChecked = true;
    }
    if (parent?.local === "section" && element.local !== "templateId") {
      return SECTIONS_KEPT.some((t) => hasTemplateSoFar(parent, t));
    }
    // Reporting strata and supplemental data are observations; skip their content.
    if (parent?.local === "observation" && element.local !== "templateId" && SKIPPED_TEMPLATES.some((t) => hasTemplateSoFar(parent, t))) return false;
    return true;
  };
  const keep: SelectiveParseOptions["keep"] = (element, parent) => {
    const kept = decide(element, parent);
    if (kept && parent && element.local === "templateId" && element.uri === parent.uri) {
      const root = element.attrs.get("root");
      if (root !== undefined) {
        const roots = templateRoots.get(parent);
        if (roots) roots.push(root);
        else templateRoots.set(parent, [root]);
      }
    }
    return kept;
  };
  const root = parseXmlSelectively(text, {
    source,
    limits,
    keep,
    // Organization names (the author's, the custodian's): the vendor an import names for a new CEHRT product.
    keepText: (e) => e.local === "name" && (e.path.startsWith("/ClinicalDocument/author[") || e.path.startsWith("/ClinicalDocument/custodian[")),
    onRoot: (r) => assertQrdaRoot(r, source),
  });
  assertQrdaTemplate(root, source);
  const sections = descendants(root, (e) => e.local === "section");
  return {
    root,
    piSections: sections.filter((s) => hasTemplate(s, TEMPLATE.piSection)),
    reportingParametersSections: sections.filter(
      (s) => hasTemplate(s, TEMPLATE.reportingParametersSection) || hasTemplate(s, TEMPLATE.reportingParametersSectionBase),
    ),
    qualitySections: sections.filter(isQualitySection),
    iaSections: sections.filter((s) => hasTemplate(s, TEMPLATE.iaSection)),
  };
}
