/** Input schemas of the CEHRT data procedures (router input and forms share them). */
import { z } from "zod";
import { isoDateSchema, reportValueSchema } from "./report-values";
import { performanceYearField } from "../performance-year";

const id = z.uuid("expected an id");
const version = z.number().int().min(1);
/** A supported performance year (2017-2026), refused with a message naming the range. */
export const performanceYearInput = performanceYearField;
const optionalDate = z.union([isoDateSchema, z.literal("")]).nullish();

/** Base64 of at most `bytes` bytes (base64 is 4/3 of the size). */
function base64File(bytes: number) {
  return z
    .string()
    .max(Math.ceil(bytes / 3) * 4 + 4, `the file is larger than ${Math.round(bytes / 1024 / 1024)} MB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "expected the file's content in base64");
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 20;

export const productFieldsInput = z.object({
  tinId: id,
  vendor: z.string().trim().min(1, "the vendor's name is required").max(200),
  productName: z.string().trim().min(1, "the product's name is required").max(200),
  cehrtId: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z]{15}$/, "expected a CMS EHR Certification ID: 15 letters or digits, e.g. 0015E8BZ0F2E8WL")),
  edition: z.enum(["2014", "2015", "2014/2015"], "expected 2014, 2015 or 2014/2015").nullish(),
  inUseFrom: optionalDate,
  inUseTo: optionalDate,
});
export const updateProductInput = productFieldsInput.extend({ productId: id, expectedVersion: version });

export const recordAnalysisInput = z.object({
  productId: id,
  performanceYear: performanceYearInput,
  completedOn: isoDateSchema,
  attestedBy: z.string().trim().min(1, "name who attests the analysis").max(200),
  expectedVersion: version.optional(),
});

export const uploadEvidenceInput = z.object({
  analysisId: id,
  fileName: z.string().trim().min(1).max(255),
  contentBase64: base64File(10 * 1024 * 1024),
});

export const manualReportInput = z.object({
  reportId: id.optional(),
  expectedVersion: version.optional(),
  tinId: id,
  clinicianId: id.nullable(),
  productId: z.uuid("choose the CEHRT product the data comes from"),
  performanceYear: performanceYearInput,
  performanceStart: isoDateSchema,
  performanceEnd: isoDateSchema,
  values: z.array(reportValueSchema).max(100),
});

export const listReportsInput = z.object({
  tinId: id.optional(),
  performanceYear: performanceYearInput.optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export const importFilesInput = z.object({
  files: z
    .array(z.object({ fileName: z.string().trim().min(1).max(255), contentBase64: base64File(MAX_UPLOAD_BYTES) }))
    .min(1, "choose at least one file")
    .max(MAX_UPLOAD_FILES, `at most ${MAX_UPLOAD_FILES} files at once`),
});

/** The commit: the files again, with the vendor's name the user gave for each new CEHRT ID (the service checks them). */
export const commitImportInput = importFilesInput.extend({
  vendors: z
    .array(z.object({ cehrtId: z.string().max(40), vendor: z.string().max(1000, "a vendor's name has at most 200 characters") }))
    .max(200)
    .default([]),
});

export const reportingChoiceInput = z.object({
  tinId: id,
  performanceYear: performanceYearInput,
  mode: z.enum(["individual", "group", "virtualGroup"]),
  performanceStart: optionalDate,
  performanceEnd: optionalDate,
  expectedVersion: version.nullish(),
});

export const exportInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("individual"), tinId: id, clinicianId: id, performanceYear: performanceYearInput }),
  z.object({ kind: z.literal("group"), tinId: id, performanceYear: performanceYearInput }),
  z.object({ kind: z.literal("virtualGroup"), virtualGroupId: id, performanceYear: performanceYearInput }),
]);
