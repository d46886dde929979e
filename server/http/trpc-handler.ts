/**
 * The tRPC fetch handler with the request limits every call goes through: the body limit of its
 * procedures (413 PAYLOAD_TOO_LARGE in tRPC's envelope, so the page shows the message; counted while
 * read, never buffered past the limit), at most MAX_BATCH_SIZE calls per batch (400), and a Retry-After
 * header when a call was refused for too many concurrent ones (server/limits/concurrency.ts). The route
 * (app/api/trpc) gives the context; tests give their own.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import { appRouter } from "../routers/_app";
import { bodyTooLargeMessage, limitRequestBody, MAX_BATCH_SIZE, trpcBodyLimit } from "../limits/body-size";
import { TooManyRequestsError } from "../limits/concurrency";
import type { TrpcContext } from "../trpc";

export function handleTrpcRequest(req: Request, createContext: () => Promise<TrpcContext>): Promise<Response> {
  const procedures = decodeURIComponent(new URL(req.url).pathname.replace(/^\/api\/trpc\/?/, ""));
  const limited = limitRequestBody(req, trpcBodyLimit(procedures), (limit, declared) => new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: bodyTooLargeMessage(limit, declared) }));
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: limited,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext,
    // Answers hold the organization's data: never stored by a browser or a shared cache.
    responseMeta: ({ errors }) => {
      const headers = new Headers({ "Cache-Control": "no-store" });
      const refusal = errors.map((e) => e.cause).find((c): c is TooManyRequestsError => c instanceof TooManyRequestsError);
      if (refusal) headers.set("Retry-After", String(refusal.retryAfterSeconds));
      return { headers };
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}
