/**
 * Answers of the report and export route handlers: the file as an attachment (no-store, nosniff), and a
 * procedure's refusal as a plain status (other tenants' ids and unknown ids both 404).
 */
import { TRPCError } from "@trpc/server";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { parseYearParam } from "@/lib/performance-year";
import type { PerformanceYear } from "@/lib/mips/years";

const STATUS: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 404 };

export function fileResponse(body: BodyInit, contentType: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": attachmentDisposition(fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

export function pdfResponse(pdf: Buffer, fileName: string): Response {
  return fileResponse(new Uint8Array(pdf), "application/pdf", fileName);
}

/** A refusal as its status with the reason (404 says only "Not found"); anything else is rethrown. */
export function refusalResponse(error: unknown): Response {
  if (error instanceof TRPCError) {
    const status = STATUS[error.code];
    if (status) return new Response(status === 404 ? "Not found" : error.message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
  }
  throw error;
}

/** The ?year= of a report URL (the current performance year without one); an unsupported year is a 404 with the reason. */
export function reportYear(request: Request): { ok: true; year: PerformanceYear } | { ok: false; response: Response } {
  const parsed = parseYearParam(new URL(request.url).searchParams.get("year") ?? undefined);
  if (!parsed.ok) return { ok: false, response: new Response(parsed.message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } }) };
  return { ok: true, year: parsed.year };
}

/** A file-name-safe slug: "Riverside Family Practice" -> "riverside-family-practice". */
export function fileSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "report";
}
