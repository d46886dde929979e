/**
 * POST /api/o/<org>/imports?kind=cehrt_csv|roster_csv&name=<file name>, the file as the raw body: the
 * streamed upload. The caller's session, organization and role are checked by `importJobs.begin` (the
 * same admin procedure as every import; another tenant's organization is a 404), the body is read as a
 * stream into the job's staged chunks (server/services/imports/jobs.ts) with STREAMED_IMPORT_MAX_BYTES
 * as its limit (413 with the limit, whether declared or counted), then the job is queued. Answers JSON:
 * 202 { jobId } (the page polls `importJobs.get`), or { error, issues } with the status.
 */
import { TRPCError } from "@trpc/server";
import { AppError } from "@/lib/errors";
import { serverApi } from "@/server/caller";
import { getAppDatabase } from "@/server/database";
import { payloadTooLargeResponse } from "@/server/limits/body-size";
import { IMPORT_JOB_KINDS, STREAMED_IMPORT_MAX_BYTES, stageUpload } from "@/server/services/imports/jobs";
import { getImportQueue } from "@/server/services/imports/queue";

const HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

const STATUS: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };
const APP_STATUS: Record<AppError["code"], number> = { BAD_INPUT: 400, NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };

function errorResponse(error: unknown): Response {
  if (error instanceof TRPCError && STATUS[error.code]) {
    const status = STATUS[error.code]!;
    const issues = error.cause instanceof AppError ? error.cause.issues : [];
    return Response.json({ error: status === 404 ? "Not found" : error.message, issues }, { status, headers: HEADERS });
  }
  if (error instanceof AppError) return Response.json({ error: error.message, issues: error.issues }, { status: APP_STATUS[error.code], headers: HEADERS });
  console.error("streamed upload failed:", error);
  return Response.json({ error: "Something went wrong on our side while receiving the file. Try again." }, { status: 500, headers: HEADERS });
}

/** A web ReadableStream as an async iterable of chunks (read one at a time, as they arrive). */
async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export async function receiveUpload(request: Request, organization: string): Promise<Response> {
  const declared = request.headers.get("content-length");
  if (declared && /^\d+$/.test(declared) && Number(declared) > STREAMED_IMPORT_MAX_BYTES) return payloadTooLargeResponse(STREAMED_IMPORT_MAX_BYTES, Number(declared));
  const search = new URL(request.url).searchParams;
  const kind = search.get("kind") ?? "";
  if (!(IMPORT_JOB_KINDS as readonly string[]).includes(kind)) {
    return Response.json({ error: `Unknown import kind "${kind}": expected ${IMPORT_JOB_KINDS.join(" or ")}.` }, { status: 400, headers: HEADERS });
  }
  try {
    const api = await serverApi();
    const { jobId, organizationId } = await api.importJobs.begin({ organization, kind: kind as (typeof IMPORT_JOB_KINDS)[number], fileName: search.get("name") ?? "" });
    if (!request.body) return Response.json({ error: "The request has no file: send the file as the request body." }, { status: 400, headers: HEADERS });
    const handle = await getAppDatabase();
    const scope = { organizationId, actorUserId: null, ip: null };
    const staged = await stageUpload(handle.db, scope, { jobId, body: chunksOf(request.body) });
    if (!staged.ok) return payloadTooLargeResponse(staged.limit);
    const queue = await getImportQueue(handle);
    await queue.enqueue({ organizationId, jobId });
    return Response.json({ jobId, byteSize: staged.byteSize }, { status: 202, headers: HEADERS });
  } catch (error) {
    return errorResponse(error);
  }
}
