/**
 * The QRDA III header: which CMS program and entity the report is for, its TIN, NPI or virtual group id,
 * and the CMS EHR Certification (CEHRT) ID. Identifier rules: ../shared/domain/mips-rules.md section 1.
 */
import { type Issue, badInput } from "../../errors";
import { describeNpiProblem, isValidCehrtId, npiProblem } from "../../mips/identifiers";
import type { EntityType } from "../../mips/submission";
import type { WarningList } from "../warnings";
import { type XmlElement, attr, childAt, childrenNamed, where } from "../xml/tree";
import { idsWithRoot } from "./cda";
import { ID_ROOT } from "./templates";

export interface Qrda3Header {
  /** `intendedRecipient/id/@extension` as written (`MIPS_INDIV`, `MIPS_GROUP`, `MIPS_VIRTUALGROUP`, ...). */
  programName: string;
  /** The QPP program of a non-plain-MIPS report (`app1`, `appPlus`), written on each measurement set. */
  qppProgramName: string | null;
  entityType: EntityType;
  tin: string | null;
  /** Only for an individual report. */
  npi: string | null;
  /** Only for a virtual group report: CMS's virtual group id. */
  virtualGroupId: string | null;
  cehrtId: string | null;
}

/**
 * The program names of the CMS QRDA III implementation guides (2019-2026) this portal reads, the entity each
 * one means and the QPP program (null: plain MIPS). APP: the APM Performance Pathway (from 2021), APP Plus
 * (from 2025); CMS's converter reads them the same way (`Program`: MIPS, APP, APP_PLUS).
 */
const PROGRAMS: Readonly<Record<string, { entityType: EntityType; qppProgramName: string | null }>> = {
  MIPS_INDIV: { entityType: "individual", qppProgramName: null },
  MIPS_GROUP: { entityType: "group", qppProgramName: null },
  MIPS_VIRTUALGROUP: { entityType: "virtualGroup", qppProgramName: null },
  MIPS_APP1_INDIV: { entityType: "individual", qppProgramName: "app1" },
  MIPS_APP1_GROUP: { entityType: "group", qppProgramName: "app1" },
  APP_PLUS_INDIV: { entityType: "individual", qppProgramName: "appPlus" },
  APP_PLUS_GROUP: { entityType: "group", qppProgramName: "appPlus" },
};

/** Reports for entities this portal does not submit for: recognised and refused with what they are. */
const REFUSED_PROGRAMS: Readonly<Record<string, string>> = {
  MIPS_APMENTITY: "an APM Entity report",
  MIPS_APP1_APMENTITY: "an APM Entity report (APM Performance Pathway)",
  APP_PLUS_APMENTITY: "an APM Entity report (APP Plus)",
  SSP_PI_APMENTITY: "a Shared Savings Program APM Entity report",
  PCF: "a Primary Care First (APM Entity) report",
  MIPS_SUBGROUP: "a MIPS subgroup report (MVP reporting)",
};

interface Performer {
  npi: string | null; // null: nullFlavor (group reports)
  tin: string | null;
  virtualGroupId: string | null;
  element: XmlElement;
}

function programId(root: XmlElement, source: string): { name: string; element: XmlElement } {
  for (const recipient of childrenNamed(root, "informationRecipient")) {
    const intended = childAt(recipient, "intendedRecipient");
    const id = intended ? idsWithRoot(intended, ID_ROOT.cmsProgram)[0] : undefined;
    const name = id ? attr(id, "extension")?.trim() : undefined;
    if (id && name) return { name, element: id };
  }
  throw badInput(
    `${source}: the header names no CMS program: expected /ClinicalDocument/informationRecipient/intendedRecipient/id with root "${ID_ROOT.cmsProgram}" and extension MIPS_INDIV, MIPS_GROUP or MIPS_VIRTUALGROUP`,
  );
}

function performers(root: XmlElement): Performer[] {
  const found: Performer[] = [];
  for (const doc of childrenNamed(root, "documentationOf")) {
    for (const performer of childrenNamed(childAt(doc, "serviceEvent") ?? doc, "performer")) {
      const entity = childAt(performer, "assignedEntity");
      if (!entity) continue;
      const npiId = idsWithRoot(entity, ID_ROOT.npi)[0];
      const org = childAt(entity, "representedOrganization");
      const tinId = org ? idsWithRoot(org, ID_ROOT.tin)[0] : undefined;
      const vgId = org ? idsWithRoot(org, ID_ROOT.virtualGroup)[0] : undefined;
      found.push({
        npi: npiId ? (attr(npiId, "extension")?.trim() ?? null) : null,
        tin: tinId ? (attr(tinId, "extension")?.trim() ?? null) : null,
        virtualGroupId: vgId ? (attr(vgId, "extension")?.trim() ?? null) : null,
        element: entity,
      });
    }
  }
  return found;
}

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ""))];
}

function entityTypeOf(program: string, npis: string[], at: string, source: string, warnings: WarningList): EntityType {
  const name = program.toUpperCase();
  const known = PROGRAMS[name];
  if (known) return known.entityType;
  const refused = REFUSED_PROGRAMS[name];
  if (refused) {
    const message = `program "${program}" is ${refused}; this portal reports individuals, groups and virtual groups only (MIPS_INDIV, MIPS_GROUP, MIPS_VIRTUALGROUP, MIPS_APP1_INDIV, MIPS_APP1_GROUP, APP_PLUS_INDIV, APP_PLUS_GROUP): submit this file to CMS directly`;
    throw badInput(`${source}: ${message}`, [{ path: at, message }]);
  }
  // CMS's converter reads any other program name (the 2017 "MIPS", "CPCPLUS") as an individual report.
  // We follow it when the file names one clinician, and read a report over several clinicians as the
  // TIN's group report, since that is what its data covers.
  const entityType: EntityType = npis.length === 1 ? "individual" : "group";
  warnings.add(
    at,
    `program "${program}" is not one of ${Object.keys(PROGRAMS).join(", ")}; read as ${entityType === "individual" ? "an individual report (one NPI)" : `a group report (${npis.length} NPIs)`}`,
  );
  return entityType;
}

function readCehrtId(root: XmlElement, warnings: WarningList): string | null {
  const ids: { value: string; element: XmlElement }[] = [];
  for (const participant of childrenNamed(root, "participant")) {
    const entity = childAt(participant, "associatedEntity");
    for (const id of entity ? idsWithRoot(entity, ID_ROOT.cehrtId) : []) {
      const value = attr(id, "extension")?.trim();
      if (value) ids.push({ value, element: id });
    }
  }
  const values = distinct(ids.map((i) => i.value));
  const first = ids[0];
  if (!first) return null;
  if (values.length > 1) {
    warnings.add(first.element.path, `several CEHRT IDs (${values.join(", ")}); none is used, state the edition instead`);
    return null;
  }
  if (!isValidCehrtId(first.value)) {
    warnings.add(
      first.element.path,
      `CEHRT ID "${first.value}" is not a CMS EHR Certification ID (15 upper-case letters or digits); it is left out`,
    );
    return null;
  }
  return first.value;
}

export function readHeader(root: XmlElement, source: string, warnings: WarningList): Qrda3Header {
  const program = programId(root, source);
  const found = performers(root);
  const npis = distinct(found.map((p) => p.npi));
  const tins = distinct(found.map((p) => p.tin));
  const virtualGroupIds = distinct(found.map((p) => p.virtualGroupId));
  const entityType = entityTypeOf(program.name, npis, program.element.path, source, warnings);
  const performerPath = "/ClinicalDocument/documentationOf/serviceEvent/performer/assignedEntity";
  const problems: Issue[] = [];

  if (tins.length > 1) {
    problems.push({ path: `${performerPath}/representedOrganization/id`, message: `several TINs (${tins.join(", ")}); a report covers one TIN` });
  }
  const tin = tins[0] ?? null;
  if (tin !== null && !/^\d{9}$/.test(tin)) {
    problems.push({ path: `${performerPath}/representedOrganization/id`, message: `TIN "${tin}" must be exactly 9 digits` });
  }
  if (tin === null && entityType !== "virtualGroup") {
    problems.push({
      path: `${performerPath}/representedOrganization/id`,
      message: `no TIN: expected an id with root "${ID_ROOT.tin}" and the 9-digit TIN as extension`,
    });
  }

  let npi: string | null = null;
  if (entityType === "individual") {
    if (npis.length !== 1) {
      problems.push({
        path: `${performerPath}/id`,
        message:
          npis.length === 0
            ? `an individual report needs the clinician's NPI (id with root "${ID_ROOT.npi}")`
            : `an individual report names one NPI, found ${npis.length} (${npis.join(", ")})`,
      });
    }
    npi = npis[0] ?? null;
    if (npi !== null && !/^\d{10}$/.test(npi)) {
      problems.push({ path: `${performerPath}/id`, message: `NPI "${npi}" must be exactly 10 digits` });
    } else if (npi !== null && npiProblem(npi) !== null) {
      // CMS's own samples carry such NPIs; the file converts, but the NPI cannot join a roster (rules 1).
      const performer = found.find((p) => p.npi === npi);
      warnings.add(performer ? where(performer.element) : performerPath, `${describeNpiProblem(npi)}; it cannot join a roster until corrected`);
    }
  }

  let virtualGroupId: string | null = null;
  if (entityType === "virtualGroup") {
    virtualGroupId = virtualGroupIds[0] ?? null;
    if (virtualGroupIds.length !== 1) {
      problems.push({
        path: `${performerPath}/representedOrganization/id`,
        message:
          virtualGroupIds.length === 0
            ? `a virtual group report needs its virtual group id (id with root "${ID_ROOT.virtualGroup}")`
            : `several virtual group ids (${virtualGroupIds.join(", ")}); a report covers one virtual group`,
      });
    }
  }

  if (problems.length > 0) {
    throw badInput(`${source}: the QRDA III header cannot be used (${problems.length} problem(s))`, problems);
  }
  const qppProgramName = PROGRAMS[program.name.toUpperCase()]?.qppProgramName ?? null;
  return { programName: program.name, qppProgramName, entityType, tin, npi, virtualGroupId, cehrtId: readCehrtId(root, warnings) };
}
