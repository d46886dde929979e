import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/routers/_app";
import { clientIp, getSession } from "@/server/auth";
import { createTrpcContext } from "@/server/trpc";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => {
      const session = await getSession();
      return createTrpcContext({
        session: session ? { userId: session.user.id, sessionId: session.sessionId } : null,
        ip: clientIp(req.headers),
      });
    },
    // Answers hold the organization's data: never stored by a browser or a shared cache.
    responseMeta: () => ({ headers: new Headers({ "Cache-Control": "no-store" }) }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
