/**
 * Another tenant's object ids inside the caller's own organization. Walks every procedure of the app
 * router; for each input field that holds an id (found by its name: tinId, clinicianId, membershipId, ...)
 * it calls the procedure as an admin of the caller's organization, with the caller's own records in every
 * other id field and ANOTHER organization's record in that one, and requires NOT_FOUND with nothing changed
 * anywhere in the database. A positive control with only the caller's own ids proves the input reaches
 * the service (it must not answer NOT_FOUND), so a wrong id mapping cannot make the test pass vacuously.
 * A new procedure is covered without editing this file; one with an id field of a new kind, or with a field
 * no sample value fits, fails here until it is added to ID_KINDS or SAMPLES.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { appRouter } from "@/server/routers/_app";
import { organizationInput } from "@/server/trpc";
import { addEvidence, createProduct, recordAnalysis } from "@/server/services/cehrt/products";
import { saveManualReport } from "@/server/services/cehrt/reports";
import { createClinician } from "@/server/services/roster/clinicians";
import { inviteMember } from "@/server/services/invitations";
import { fileHardship } from "@/server/services/roster/hardships";
import { addMembership as addTinMembership, setYearStatus } from "@/server/services/roster/tin-memberships";
import { createTin } from "@/server/services/roster/tins";
import { createImportJob, stageUpload } from "@/server/services/imports/jobs";
import { addVirtualGroupTin, createVirtualGroup } from "@/server/services/roster/virtual-groups";
import { syntheticNpi } from "@/lib/roster/generate";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { codeOf } from "./helpers/outcome";
import { addMembership, callerAs, createTestTenant, createUser, type TestTenant } from "./helpers/tenant";

type IdKind = "tin" | "clinician" | "tinMembership" | "orgMembership" | "user" | "hardship" | "virtualGroup" | "product" | "analysis" | "evidence" | "report" | "invitation" | "importJob";
type Records = Record<IdKind, string>;

/** What record an id field names, by the field's name. */
const ID_KINDS: Record<string, IdKind> = {
  tinId: "tin",
  clinicianId: "clinician",
  membershipId: "tinMembership",
  userId: "user",
  hardshipId: "hardship",
  virtualGroupId: "virtualGroup",
  productId: "product",
  analysisId: "analysis",
  evidenceId: "evidence",
  reportId: "report",
  invitationId: "invitation",
  jobId: "importJob",
};
/** Identifiers that end in "Id" but are CMS's or ONC's numbers, not records of ours. */
const EXTERNAL_IDS = new Set(["cmsId", "cehrtId"]);
const isIdField = (field: string) => /Id$/.test(field) && !EXTERNAL_IDS.has(field);
/** Where a field name means another kind in one router: `members.*` membershipId is the organization membership. */
const ID_KINDS_BY_ROUTER: Record<string, Partial<Record<string, IdKind>>> = {
  members: { membershipId: "orgMembership" },
  // The audit log's filters: who made a change, and which record it changed (here: a TIN).
  audit: { actorUserId: "user", targetId: "tin" },
};

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF");
const FULL_VALUES = [
  { measureId: "PI_PPHI_1", yesNo: true },
  { measureId: "PI_EP_1", numerator: 5, denominator: 10 },
  { measureId: "PI_PEA_1", numerator: 5, denominator: 10 },
  { measureId: "PI_HIE_1", numerator: 5, denominator: 10 },
  { measureId: "PI_HIE_2", numerator: 5, denominator: 10 },
];
let npiSeed = 70_000_000;

/** Values for the other (non-id) fields, by name; a procedure whose input needs more fails until added. */
const SAMPLES: Record<string, () => unknown> = {
  performanceYear: () => 2018,
  expectedVersion: () => 1,
  role: () => "executive",
  email: () => `walk-${Math.random().toString(36).slice(2)}@example.test`,
  name: () => `Walk ${npiSeed++}`,
  tin: () => "987650001",
  npi: () => syntheticNpi(npiSeed++),
  firstName: () => "Walk",
  lastName: () => "Through",
  clinicianType: () => "physician",
  startDate: () => "2018-01-01",
  archived: () => true,
  allowedChargesCents: () => 100_000_00,
  partBBeneficiaries: () => 300,
  vendor: () => "Walk Vendor",
  productName: () => "Walk EHR",
  cehrtId: () => "0015EWALKWALK01",
  completedOn: () => "2018-02-01",
  attestedBy: () => "Walk",
  fileName: () => "walk.pdf",
  contentBase64: () => PDF.toString("base64"),
  performanceStart: () => "2018-01-01",
  performanceEnd: () => "2018-12-31",
  values: () => FULL_VALUES,
  mode: () => "group",
  status: () => "approved",
  reason: () => "insufficientInternetConnectivity",
  filedOn: () => "2018-06-01",
  electionDate: () => "2017-12-01",
  overrides: () => [],
  files: () => [{ fileName: "walk.csv", contentBase64: Buffer.from("performance_year\n").toString("base64") }],
  csv: () => "tin\n",
  decision: () => "approved",
  decidedOn: () => "2018-07-01",
  scores: () => ({ quality: 50, improvementActivities: null, cost: null }),
};

interface ProcedureDef {
  _def: { inputs: z.ZodType[]; type: "query" | "mutation" | "subscription" };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

/** The input's object variants beside `{ organization }`: the merged objects, or one per kind of a discriminated union. */
function inputVariants(procedure: ProcedureDef): z.ZodObject[] {
  let merged = z.object({});
  let unionOptions: z.ZodObject[] | null = null;
  for (const input of procedure._def.inputs) {
    if (input === organizationInput) continue;
    if (input instanceof z.ZodObject) merged = merged.extend(input.shape);
    else if (input instanceof z.ZodDiscriminatedUnion) unionOptions = input.options as z.ZodObject[];
    else throw new Error(`an input of an unexpected shape (${input.constructor.name}); teach inputVariants about it`);
  }
  return unionOptions ? unionOptions.map((o) => merged.extend(o.shape)) : [merged];
}

function idKindOf(path: string, field: string): IdKind | undefined {
  return ID_KINDS_BY_ROUTER[path.split(".")[0]!]?.[field] ?? ID_KINDS[field];
}

function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

interface Case {
  path: string;
  variant: z.ZodObject;
  idFields: string[];
}

/** Every (procedure, input variant) that takes an id; fails on a field it cannot fill. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const [path, procedure] of procedures) {
    if (!procedure._def.inputs.includes(organizationInput)) continue;
    for (const variant of inputVariants(procedure)) {
      const idFields = Object.keys(variant.shape).filter(isIdField);
      if (idFields.length) out.push({ path, variant, idFields });
    }
  }
  return out;
}

/** The input with `mine`'s ids (and `foreign` for one field), sample values for the rest. */
function buildInput(c: Case, organization: string, mine: Records, foreign?: { field: string; id: string }) {
  const input: Record<string, unknown> = { organization };
  for (const [field, schema] of Object.entries(c.variant.shape as Record<string, z.ZodType>)) {
    const kind = idKindOf(c.path, field);
    if (foreign?.field === field) input[field] = foreign.id;
    else if (isIdField(field)) {
      if (!kind) throw new Error(`${c.path}: id field "${field}" names no known record kind; add it to ID_KINDS`);
      // Optional ids (filters, "edit this one") are left out unless under test: the call then still reaches the service.
      if (!isOptional(schema)) input[field] = mine[kind];
    } else if (schema instanceof z.ZodLiteral) input[field] = schema.value;
    else if (SAMPLES[field]) input[field] = SAMPLES[field]();
    else if (!isOptional(schema)) throw new Error(`${c.path}: no sample value for the required field "${field}"; add one to SAMPLES`);
  }
  const parsed = z.object({ organization: z.string() }).extend(c.variant.shape).safeParse(input);
  if (!parsed.success) throw new Error(`${c.path}: the walk's input does not validate (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}); fix SAMPLES`);
  return input;
}

function callByPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

/** A digest of every table's contents (sign-in attempts and the callers' own sessions aside): equal before and after means nothing changed. */
async function databaseDigest(db: Db): Promise<string> {
  const rows = async <T>(query: ReturnType<typeof sql.raw>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  const tables = await rows<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('sign_in_attempts', 'sessions', '__drizzle_migrations') order by tablename`);
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await rows<{ digest: string }>(sql.raw(`select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`));
    parts.push(`${name}=${row!.digest}`);
  }
  return parts.join("\n");
}

let database: TestDatabase;
let mine: TestTenant;
let theirs: TestTenant;
let theirRecords: Records;

/** One record of every kind in `tenant`, all linked (membership of the clinician in the TIN, the TIN in the virtual group, ...). */
async function createRecords(db: Db, tenant: TestTenant): Promise<Records> {
  const scope = tenant.adminScope;
  const tin = await createTin(db, scope, { tin: String(600_000_000 + (npiSeed % 1_000_000)), name: "Walk Clinic" });
  const clinician = await createClinician(db, scope, { npi: syntheticNpi(npiSeed++), firstName: "Walk", lastName: "Clinician", clinicianType: "physician", userId: null });
  const membership = await addTinMembership(db, scope, { tinId: tin.id, clinicianId: clinician.id, startDate: "2017-01-01" });
  await setYearStatus(db, scope, {
    membershipId: membership.id,
    performanceYear: 2018,
    nonPatientFacing: false,
    hospitalBased: false,
    ascBased: false,
    rural: false,
    hpsa: false,
    allowedChargesCents: 200_000_00,
    partBBeneficiaries: 500,
    newlyEnrolled: false,
    advancedApmQp: false,
  });
  const user = await createUser(db, "walk-member");
  const orgMembership = await addMembership(db, tenant.organization.id, user.id, "clinician");
  const hardship = await fileHardship(db, scope, { tinId: tin.id, clinicianId: null, performanceYear: 2018, reason: "insufficientInternetConnectivity", filedOn: "2018-06-01", now: new Date("2018-07-01T12:00:00Z") });
  const virtualGroup = await createVirtualGroup(db, scope, { performanceYear: 2018, name: `Walk VG ${npiSeed++}`, electionDate: "2017-12-01", now: new Date("2017-12-15T12:00:00Z") });
  await addVirtualGroupTin(db, scope, { virtualGroupId: virtualGroup.id, tinId: tin.id });
  const product = await createProduct(db, scope, { tinId: tin.id, vendor: "Walk Vendor", productName: "Walk EHR", cehrtId: "0015EWALKWALK00" });
  const analysis = await recordAnalysis(db, scope, { productId: product.id, performanceYear: 2018, completedOn: "2018-02-01", attestedBy: "Walk" });
  const evidence = await addEvidence(db, scope, { analysisId: analysis.id, fileName: "sra.pdf", content: PDF });
  const report = await saveManualReport(db, scope, { userId: tenant.admin.id, role: "admin" }, {
    tinId: tin.id,
    clinicianId: clinician.id,
    productId: product.id,
    performanceYear: 2018,
    performanceStart: "2018-01-01",
    performanceEnd: "2018-03-31",
    values: FULL_VALUES.map((v) => ({ numerator: null, denominator: null, yesNo: null, ...v })),
  });
  const invitation = await inviteMember(db, scope, { email: `walk-invitee-${npiSeed++}@example.test`, role: "clinician" });
  // A streamed import waiting in the queue (its file staged).
  const importJob = await createImportJob(db, scope, { kind: "cehrt_csv", fileName: "walk.csv" });
  await stageUpload(db, scope, { jobId: importJob.id, body: [Buffer.from("performance_year\n")] });
  return {
    importJob: importJob.id,
    invitation: invitation.invitationId,
    tin: tin.id,
    clinician: clinician.id,
    tinMembership: membership.id,
    orgMembership: orgMembership.id,
    user: user.id,
    hardship: hardship.id,
    virtualGroup: virtualGroup.id,
    product: product.id,
    analysis: analysis.id,
    evidence: evidence.id,
    report: report.id,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  mine = await createTestTenant(database.db, "ids-mine");
  theirs = await createTestTenant(database.db, "ids-theirs");
  theirRecords = await createRecords(database.db, theirs);
});
afterAll(() => database.close());

describe("another tenant's object ids inside the caller's own organization", () => {
  const all = cases();

  it("finds the procedures that take ids (the walk itself works)", () => {
    const paths = new Set(all.map((c) => c.path));
    for (const known of ["tins.archive", "clinicians.updateMembership", "virtualGroups.addTin", "cehrtProducts.list", "measureReports.export", "members.changeRole"]) {
      expect(paths, known).toContain(known);
    }
  });

  for (const c of all) {
    const variantName = c.variant.shape.kind instanceof z.ZodLiteral ? ` (kind ${String(c.variant.shape.kind.value)})` : "";
    it(`${c.path}${variantName}: another organization's ${c.idFields.join(", ")} → NOT_FOUND, nothing changed`, async () => {
      const myRecords = await createRecords(database.db, mine);
      const admin = callerAs(database.db, mine.admin);
      for (const field of c.idFields) {
        const kind = idKindOf(c.path, field);
        if (!kind) throw new Error(`${c.path}: id field "${field}" names no known record kind; add it to ID_KINDS`);
        const before = await databaseDigest(database.db);
        const input = buildInput(c, mine.organization.slug, myRecords, { field, id: theirRecords[kind] });
        expect(await codeOf(callByPath(admin, c.path, input)), `${c.path} with their ${field}`).toBe("NOT_FOUND");
        expect(await databaseDigest(database.db), `${c.path} with their ${field} changed the database`).toBe(before);
      }
      // Positive control: with the caller's own ids the same call reaches past the look-ups.
      const own = buildInput(c, mine.organization.slug, myRecords);
      expect(await codeOf(callByPath(admin, c.path, own)), `${c.path} with the caller's own ids`).not.toBe("NOT_FOUND");
    });
  }
});
