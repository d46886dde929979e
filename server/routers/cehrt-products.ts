import { z } from "zod";
import { productFieldsInput, recordAnalysisInput, updateProductInput, uploadEvidenceInput, performanceYearInput } from "@/lib/cehrt/schemas";
import { addEvidence, createProduct, getEvidence, listProductsForViewer, recordAnalysis, updateProduct } from "../services/cehrt/products";
import { adminProcedure, createTRPCRouter, orgProcedure } from "../trpc";

const reader = orgProcedure("admin", "executive", "clinician");

export const cehrtProductsRouter = createTRPCRouter({
  /** A TIN's products with their security risk analyses (and evidence) in the year. */
  list: reader
    .input(z.object({ tinId: z.uuid(), performanceYear: performanceYearInput }))
    .query(({ ctx, input }) => listProductsForViewer(ctx.db, ctx.scope, { userId: ctx.user.id, role: ctx.membership.role }, input)),
  create: adminProcedure.input(productFieldsInput).mutation(({ ctx, input }) => createProduct(ctx.db, ctx.scope, input)),
  update: adminProcedure.input(updateProductInput).mutation(({ ctx, input }) => updateProduct(ctx.db, ctx.scope, input)),
  recordAnalysis: adminProcedure.input(recordAnalysisInput).mutation(({ ctx, input }) => recordAnalysis(ctx.db, ctx.scope, input)),
  uploadEvidence: adminProcedure.input(uploadEvidenceInput).mutation(({ ctx, input }) =>
    addEvidence(ctx.db, ctx.scope, { analysisId: input.analysisId, fileName: input.fileName, content: Buffer.from(input.contentBase64, "base64") }),
  ),
  /**
   * An evidence file's bytes, for the download route handler (app/api/o/[org]/evidence/[evidenceId]) that
   * calls it through `serverApi()`, so the session and membership checks are these ones. Admins and
   * executives only: an SRA documents the practice's security weaknesses, and CMS asks the practice (not
   * each clinician) for it. Clinicians see whether the analysis is recorded (`list`), not the document.
   */
  evidenceFile: orgProcedure("admin", "executive")
    .input(z.object({ evidenceId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const file = await getEvidence(ctx.db, ctx.scope, input.evidenceId);
      return { fileName: file.fileName, mediaType: file.mediaType, content: new Uint8Array(file.content) };
    }),
});
