import { commitImportInput, importFilesInput } from "@/lib/cehrt/schemas";
import { commitImport, previewImport, type ImportFile } from "../services/cehrt/imports";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { limitConcurrency, who } from "../limits/concurrency";

const decode = (files: { fileName: string; contentBase64: string }[]): ImportFile[] =>
  files.map((f) => ({ fileName: f.fileName, content: Buffer.from(f.contentBase64, "base64") }));

export const dataImportsRouter = createTRPCRouter({
  /** What the files would add or replace, with every problem; changes nothing. */
  preview: adminProcedure.input(importFilesInput).mutation(({ ctx, input }) => limitConcurrency("importPreview", who(ctx), () => previewImport(ctx.db, ctx.scope, { files: decode(input.files) }))),
  /** All files or none; a new CEHRT ID's product takes the vendor's name given for it. */
  commit: adminProcedure.input(commitImportInput).mutation(({ ctx, input }) => commitImport(ctx.db, ctx.scope, { files: decode(input.files), vendors: input.vendors })),
});
