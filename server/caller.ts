/**
 * The tRPC caller for server components: the same procedures (and checks) as the HTTP endpoint, with the
 * request's session. Pages call `await serverApi()` then `api.members.list(...)`.
 */
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { createCaller } from "./routers/_app";
import { clientIp, getSession } from "./auth";
import { createTrpcContext } from "./trpc";

export const serverApi = cache(async () => {
  const [session, requestHeaders] = await Promise.all([getSession(), headers()]);
  const ctx = await createTrpcContext({
    session: session ? { userId: session.user.id, sessionId: session.sessionId } : null,
    ip: clientIp(requestHeaders),
    // The page's procedure calls share one check of the session and membership.
    memoizePerRequest: true,
  });
  return createCaller(ctx);
});
