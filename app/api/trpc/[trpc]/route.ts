import { clientIp, getSession } from "@/server/auth";
import { handleTrpcRequest } from "@/server/http/trpc-handler";
import { createTrpcContext } from "@/server/trpc";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return handleTrpcRequest(req, async () => {
    const session = await getSession();
    return createTrpcContext({
      session: session ? { userId: session.user.id, sessionId: session.sessionId } : null,
      ip: clientIp(req.headers),
    });
  });
}

export { handler as GET, handler as POST };
