/**
 * Request body size limits, for every route: a request that declares (Content-Length) or sends more than
 * its route accepts is refused with 413 and a message saying the limit, before or while it is read, so a
 * 200 MB POST costs the server nothing beyond the bytes counted up to the limit.
 *
 * - tRPC: 1 MB for every procedure (forms, filters, what-ifs), except the few that take files in their
 *   input (vendor file imports, roster imports, evidence uploads): `UPLOAD_BODY_BYTES`.
 * - Sign-in and the other auth routes: 64 kB.
 * A batched tRPC request holds at most MAX_BATCH_SIZE calls (tRPC refuses more with 400).
 */
import { MAX_UPLOAD_BYTES } from "@/lib/cehrt/schemas";

export const DEFAULT_BODY_BYTES = 1024 * 1024;
/** Procedures in one batched tRPC request (the client's httpBatchLink sends at most as many). */
export const MAX_BATCH_SIZE = 16;
export const AUTH_BODY_BYTES = 64 * 1024;
/** One file at its largest (base64 grows it by 4/3) plus the JSON around it; several files go in several requests. */
export const UPLOAD_BODY_BYTES = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 1024 * 1024;

/** tRPC procedures whose input carries file contents. */
const UPLOAD_PROCEDURES = new Set(["dataImports.preview", "dataImports.commit", "rosterImport.preview", "rosterImport.commit", "cehrtProducts.uploadEvidence"]);

/** The limit of a tRPC request (`a.b,c.d` for a batch: the largest of its procedures'). */
export function trpcBodyLimit(pathList: string): number {
  return pathList.split(",").some((p) => UPLOAD_PROCEDURES.has(p)) ? UPLOAD_BODY_BYTES : DEFAULT_BODY_BYTES;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(n / 1024)} kB`;
}

export function bodyTooLargeMessage(limit: number, received?: number): string {
  return `The request is too large: this endpoint accepts at most ${formatBytes(limit)}${received !== undefined ? ` (this one declares ${formatBytes(received)})` : ""}. Send smaller files, or fewer at a time.`;
}

/** The declared length, or null when absent or not a number (a chunked body is counted as it is read). */
function declaredLength(req: Request): number | null {
  const value = req.headers.get("content-length");
  if (value === null || !/^\d+$/.test(value)) return null;
  return Number(value);
}

/**
 * The same request with its body limited to `limit` bytes: reading it fails with `tooLarge(limit)` as
 * soon as more arrives (at once when the declared length is already over), without reading the rest.
 */
export function limitRequestBody(req: Request, limit: number, tooLarge: (limit: number, declared?: number) => Error): Request {
  if (!req.body) return req;
  const declared = declaredLength(req);
  const source = req.body;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let received = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (declared !== null && declared > limit) {
        controller.error(tooLarge(limit, declared));
        await source.cancel().catch(() => undefined);
        return;
      }
      reader ??= source.getReader();
      const { done, value } = await reader.read();
      if (done) return controller.close();
      received += value.byteLength;
      if (received > limit) {
        controller.error(tooLarge(limit));
        await reader.cancel().catch(() => undefined);
        return;
      }
      controller.enqueue(value);
    },
    async cancel(reason) {
      await (reader ? reader.cancel(reason) : source.cancel(reason)).catch(() => undefined);
    },
  });
  return new Request(req, { body, duplex: "half" } as RequestInit);
}

/** A plain 413 answer (route handlers other than tRPC, which answers in its own envelope). */
export function payloadTooLargeResponse(limit: number, declared?: number): Response {
  return Response.json({ error: bodyTooLargeMessage(limit, declared) }, { status: 413, headers: { "Cache-Control": "no-store" } });
}

/**
 * For handlers that read small bodies themselves (auth): the body read within the limit, as a new
 * request, or a 413 answer.
 */
export async function readBodyWithin(req: Request, limit: number): Promise<Request | Response> {
  if (!req.body) return req;
  const declared = declaredLength(req);
  if (declared !== null && declared > limit) return payloadTooLargeResponse(limit, declared);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      return payloadTooLargeResponse(limit);
    }
    chunks.push(value);
  }
  return new Request(req, { body: Buffer.concat(chunks), duplex: "half" } as RequestInit);
}

/** The limit of any route by its path: tRPC by procedure, auth, everything else the default. */
export function bodyLimitForPath(pathname: string): number {
  if (pathname.startsWith("/api/trpc/")) return trpcBodyLimit(decodeURIComponent(pathname.slice("/api/trpc/".length)));
  if (pathname.startsWith("/api/auth/")) return AUTH_BODY_BYTES;
  return DEFAULT_BODY_BYTES;
}

/** 413 for a request whose declared length is over its route's limit (the proxy, before any route runs), else null. */
export function declaredBodyTooLarge(req: Request, pathname: string): Response | null {
  // The tRPC route refuses in tRPC's envelope (the page shows the message), without reading the body.
  if (pathname.startsWith("/api/trpc/")) return null;
  const declared = declaredLength(req);
  const limit = bodyLimitForPath(pathname);
  return declared !== null && declared > limit ? payloadTooLargeResponse(limit, declared) : null;
}
