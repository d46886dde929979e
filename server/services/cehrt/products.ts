/**
 * CEHRT products per TIN (vendor, product, CMS EHR Certification ID with its edition derived where the
 * ID says it), their security risk analyses per year, and evidence files (PDF, PNG, JPEG, checked by
 * their first bytes, at most 10 MB, stored in Postgres).
 */
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cehrtProducts, evidenceFiles, MAX_EVIDENCE_BYTES, securityRiskAnalyses, tins } from "@/db/schema";
import { AppError, badInput } from "@/lib/errors";
import { cehrtEditionFromId, type CehrtEdition, isValidCehrtId } from "@/lib/mips";
import { recordAudit, staleVersionMessage } from "../audit";
import { entryOptions } from "./reports";
import type { OrgScope } from "../scope";
import { type DataViewer, isUniqueViolation, notFound, versionMatches } from "./access";

export interface ProductFields {
  tinId: string;
  vendor: string;
  productName: string;
  cehrtId: string;
  /** Needed only when the ID does not say (not 0014…/0015…/0015H…). */
  edition?: CehrtEdition | null | undefined;
  inUseFrom?: string | null | undefined;
  inUseTo?: string | null | undefined;
}

/** The edition: derived from the ID where its pattern allows, else the one given; refused when neither. */
export function resolveEdition(cehrtId: string, given: CehrtEdition | null | undefined): CehrtEdition {
  const issues = [];
  if (!isValidCehrtId(cehrtId)) {
    issues.push({ path: "cehrtId", message: `"${cehrtId}" is not a CMS EHR Certification ID (expected 15 upper-case letters or digits, e.g. 0015E...)` });
    throw badInput("The CEHRT ID is not valid.", issues);
  }
  const derived = cehrtEditionFromId(cehrtId);
  if (derived && given && derived !== given) {
    throw badInput("The edition contradicts the CEHRT ID.", [{ path: "edition", message: `CEHRT ID ${cehrtId} is a ${derived} Edition ID, not ${given}` }]);
  }
  const edition = derived ?? given;
  if (!edition) {
    throw badInput("Say which CEHRT edition this is.", [{ path: "edition", message: `the edition cannot be derived from ${cehrtId}: choose 2014, 2015 or 2014/2015` }]);
  }
  return edition;
}

/** The dates in use, blank as none; the last day not before the first (a form sends "" for an empty date). */
function inUseDates(params: Pick<ProductFields, "inUseFrom" | "inUseTo">) {
  const inUseFrom = params.inUseFrom || null;
  const inUseTo = params.inUseTo || null;
  if (inUseFrom && inUseTo && inUseTo < inUseFrom) {
    throw badInput("The dates in use are reversed.", [{ path: "inUseTo", message: `${inUseTo} is before the first day in use ${inUseFrom}` }]);
  }
  return { inUseFrom, inUseTo };
}

async function requireTin(db: Db, scope: OrgScope, tinId: string) {
  const [tin] = await db.select({ id: tins.id, tin: tins.tin }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.id, tinId)));
  if (!tin) throw notFound("TIN");
  return tin;
}

export async function listProducts(db: Db, scope: OrgScope, params: { tinIds?: readonly string[] | undefined }) {
  if (params.tinIds && params.tinIds.length === 0) return [];
  return db
    .select()
    .from(cehrtProducts)
    .where(and(eq(cehrtProducts.organizationId, scope.organizationId), params.tinIds ? inArray(cehrtProducts.tinId, [...params.tinIds]) : undefined))
    .orderBy(asc(cehrtProducts.vendor), asc(cehrtProducts.productName));
}

function uniqueCehrtConflict(error: unknown): boolean {
  for (let e: unknown = error, d = 0; e && typeof e === "object" && d < 5; e = (e as { cause?: unknown }).cause, d++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export async function createProduct(db: Db, scope: OrgScope, params: ProductFields) {
  const edition = resolveEdition(params.cehrtId, params.edition);
  const inUse = inUseDates(params);
  return db.transaction(async (tx) => {
    await requireTin(tx, scope, params.tinId);
    try {
      const [row] = await tx
        .insert(cehrtProducts)
        .values({
          organizationId: scope.organizationId,
          tinId: params.tinId,
          vendor: params.vendor,
          productName: params.productName,
          cehrtId: params.cehrtId,
          edition,
          ...inUse,
        })
        .returning();
      await recordAudit(tx, scope, { action: "cehrt_product.created", targetType: "cehrt_product", targetId: row!.id, after: row });
      return row!;
    } catch (error) {
      if (uniqueCehrtConflict(error)) {
        throw new AppError("CONFLICT", `CEHRT ID ${params.cehrtId} is already registered for this TIN.`, [{ path: "cehrtId", message: "already registered for this TIN" }]);
      }
      throw error;
    }
  });
}

export async function updateProduct(db: Db, scope: OrgScope, params: ProductFields & { productId: string; expectedVersion: number }) {
  const edition = resolveEdition(params.cehrtId, params.edition);
  const inUse = inUseDates(params);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(cehrtProducts).where(and(eq(cehrtProducts.organizationId, scope.organizationId), eq(cehrtProducts.id, params.productId)));
    if (!before) throw notFound("CEHRT product");
    await requireTin(tx, scope, params.tinId);
    if (before.version !== params.expectedVersion) throw new AppError("CONFLICT", await staleVersionMessage(tx, scope, "cehrt_product", before.id, "CEHRT product"));
    const [after] = await tx
      .update(cehrtProducts)
      .set({
        vendor: params.vendor,
        productName: params.productName,
        cehrtId: params.cehrtId,
        edition,
        ...inUse,
        version: sql`${cehrtProducts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(cehrtProducts.organizationId, scope.organizationId), eq(cehrtProducts.id, before.id), eq(cehrtProducts.version, before.version)))
      .returning()
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          throw new AppError("CONFLICT", `This TIN already has a CEHRT product with the CEHRT ID ${params.cehrtId}.`, [
            { path: "cehrtId", message: "already registered for this TIN" },
          ]);
        }
        throw error;
      });
    if (!after) throw new AppError("CONFLICT", await staleVersionMessage(tx, scope, "cehrt_product", before.id, "CEHRT product"));
    await recordAudit(tx, scope, { action: "cehrt_product.updated", targetType: "cehrt_product", targetId: before.id, before, after });
    return after!;
  });
}

/** Security risk analyses of the given products in a year (batch). */
export async function listAnalyses(db: Db, scope: OrgScope, params: { productIds: readonly string[]; performanceYear: number }) {
  if (params.productIds.length === 0) return [];
  const rows = await db
    .select({ analysis: securityRiskAnalyses, evidenceId: evidenceFiles.id, evidenceName: evidenceFiles.fileName, evidenceSize: evidenceFiles.sizeBytes, evidenceType: evidenceFiles.mediaType })
    .from(securityRiskAnalyses)
    .leftJoin(evidenceFiles, and(eq(evidenceFiles.organizationId, securityRiskAnalyses.organizationId), eq(evidenceFiles.analysisId, securityRiskAnalyses.id)))
    .where(
      and(
        eq(securityRiskAnalyses.organizationId, scope.organizationId),
        inArray(securityRiskAnalyses.productId, [...params.productIds]),
        eq(securityRiskAnalyses.performanceYear, params.performanceYear),
      ),
    );
  const byId = new Map<string, (typeof rows)[number]["analysis"] & { evidence: { id: string; fileName: string; sizeBytes: number; mediaType: string }[] }>();
  for (const r of rows) {
    const entry = byId.get(r.analysis.id) ?? { ...r.analysis, evidence: [] };
    if (r.evidenceId) entry.evidence.push({ id: r.evidenceId, fileName: r.evidenceName!, sizeBytes: r.evidenceSize!, mediaType: r.evidenceType! });
    byId.set(r.analysis.id, entry);
  }
  return [...byId.values()];
}

/** Records (or updates) the analysis of one product in one year. */
export async function recordAnalysis(
  db: Db,
  scope: OrgScope,
  params: { productId: string; performanceYear: number; completedOn: string; attestedBy: string; expectedVersion?: number | undefined },
) {
  if (!params.completedOn.startsWith(`${params.performanceYear}-`)) {
    throw badInput("The analysis date is outside the year.", [
      { path: "completedOn", message: `${params.completedOn} is not in ${params.performanceYear}: the analysis must be done during the performance year` },
    ]);
  }
  return db.transaction(async (tx) => {
    const [product] = await tx.select({ id: cehrtProducts.id }).from(cehrtProducts).where(and(eq(cehrtProducts.organizationId, scope.organizationId), eq(cehrtProducts.id, params.productId)));
    if (!product) throw notFound("CEHRT product");
    const [before] = await tx
      .select()
      .from(securityRiskAnalyses)
      .where(
        and(
          eq(securityRiskAnalyses.organizationId, scope.organizationId),
          eq(securityRiskAnalyses.productId, params.productId),
          eq(securityRiskAnalyses.performanceYear, params.performanceYear),
        ),
      );
    if (before) {
      const stale = async () => new AppError("CONFLICT", await staleVersionMessage(tx, scope, "security_risk_analysis", before.id, "security risk analysis"));
      if (!versionMatches(before.version, params.expectedVersion)) throw await stale();
      const [after] = await tx
        .update(securityRiskAnalyses)
        .set({ completedOn: params.completedOn, attestedBy: params.attestedBy, version: sql`${securityRiskAnalyses.version} + 1`, updatedAt: new Date() })
        .where(and(eq(securityRiskAnalyses.organizationId, scope.organizationId), eq(securityRiskAnalyses.id, before.id), eq(securityRiskAnalyses.version, before.version)))
        .returning();
      if (!after) throw await stale();
      await recordAudit(tx, scope, { action: "security_risk_analysis.updated", targetType: "security_risk_analysis", targetId: before.id, before, after });
      return after!;
    }
    const [row] = await tx
      .insert(securityRiskAnalyses)
      .values({ organizationId: scope.organizationId, productId: params.productId, performanceYear: params.performanceYear, completedOn: params.completedOn, attestedBy: params.attestedBy })
      .returning()
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Someone recorded this analysis meanwhile. Reload to see it, then apply your change again.");
        throw error;
      });
    await recordAudit(tx, scope, { action: "security_risk_analysis.recorded", targetType: "security_risk_analysis", targetId: row!.id, after: row });
    return row!;
  });
}

/** The media type by the file's first bytes (never by its name or the browser's claim). */
export function sniffEvidenceType(bytes: Uint8Array): "application/pdf" | "image/png" | "image/jpeg" | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  return null;
}

const EXTENSIONS: Record<NonNullable<ReturnType<typeof sniffEvidenceType>>, readonly string[]> = {
  "application/pdf": [".pdf"],
  "image/png": [".png"],
  "image/jpeg": [".jpg", ".jpeg"],
};

/**
 * The name an evidence file is stored and served under: the uploader's name with the extension of its
 * sniffed content (`sra.html` holding a PDF becomes `sra.pdf`), so a download never opens as another type.
 */
export function evidenceFileName(fileName: string, mediaType: keyof typeof EXTENSIONS): string {
  const allowed = EXTENSIONS[mediaType];
  const base = fileName.trim() || "evidence";
  if (allowed.some((ext) => base.toLowerCase().endsWith(ext))) return base;
  const dot = base.lastIndexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return `${stem}${allowed[0]}`;
}

export async function addEvidence(db: Db, scope: OrgScope, params: { analysisId: string; fileName: string; content: Uint8Array }) {
  const size = params.content.byteLength;
  if (size === 0) throw badInput(`${params.fileName} is empty.`, [{ path: "file", message: "the file is empty" }]);
  if (size > MAX_EVIDENCE_BYTES) {
    throw badInput(`${params.fileName} is too large.`, [{ path: "file", message: `${size} bytes; evidence files are limited to ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB` }]);
  }
  const mediaType = sniffEvidenceType(params.content);
  if (!mediaType) {
    throw badInput(`${params.fileName} is not a PDF, PNG or JPEG file.`, [{ path: "file", message: "its content is not a PDF, PNG or JPEG (checked by the file's first bytes, not its name)" }]);
  }
  return db.transaction(async (tx) => {
    const [analysis] = await tx
      .select({ id: securityRiskAnalyses.id })
      .from(securityRiskAnalyses)
      .where(and(eq(securityRiskAnalyses.organizationId, scope.organizationId), eq(securityRiskAnalyses.id, params.analysisId)));
    if (!analysis) throw notFound("security risk analysis");
    const sha256 = createHash("sha256").update(params.content).digest("hex");
    const [row] = await tx
      .insert(evidenceFiles)
      .values({
        organizationId: scope.organizationId,
        analysisId: analysis.id,
        fileName: evidenceFileName(params.fileName, mediaType),
        mediaType,
        sizeBytes: size,
        sha256,
        content: Buffer.from(params.content),
        uploadedBy: scope.actorUserId,
      })
      .returning({ id: evidenceFiles.id, fileName: evidenceFiles.fileName, mediaType: evidenceFiles.mediaType, sizeBytes: evidenceFiles.sizeBytes, sha256: evidenceFiles.sha256 });
    await recordAudit(tx, scope, { action: "evidence_file.uploaded", targetType: "evidence_file", targetId: row!.id, after: { ...row, analysisId: analysis.id } });
    return row!;
  });
}

/** An evidence file's bytes, for download behind the membership check. */
export async function getEvidence(db: Db, scope: OrgScope, evidenceId: string) {
  const [row] = await db
    .select({ fileName: evidenceFiles.fileName, mediaType: evidenceFiles.mediaType, content: evidenceFiles.content })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.organizationId, scope.organizationId), eq(evidenceFiles.id, evidenceId)));
  if (!row) throw notFound("evidence file");
  return row;
}

/**
 * A TIN's products with their analysis of the year, as the viewer may see them: admins and executives
 * everything; a clinician only the TINs they bill under that year, and of each analysis only whether and
 * when it was done (not who attested nor the evidence files).
 */
export async function listProductsForViewer(db: Db, scope: OrgScope, viewer: DataViewer, params: { tinId: string; performanceYear: number }) {
  await requireTin(db, scope, params.tinId);
  if (viewer.role === "clinician") {
    const options = await entryOptions(db, scope, viewer, { performanceYear: params.performanceYear, tinId: params.tinId });
    if (!options.tins.some((t) => t.id === params.tinId)) throw new AppError("FORBIDDEN", "Clinicians see the CEHRT products of the TINs they bill under.");
  }
  const products = await listProducts(db, scope, { tinIds: [params.tinId] });
  const analyses = await listAnalyses(db, scope, { productIds: products.map((p) => p.id), performanceYear: params.performanceYear });
  const byProduct = new Map(analyses.map((a) => [a.productId, a]));
  return products.map((p) => {
    const analysis = byProduct.get(p.id) ?? null;
    if (viewer.role !== "clinician" || !analysis) return { ...p, analysis };
    return { ...p, analysis: { ...analysis, attestedBy: "", evidence: [] } };
  });
}
