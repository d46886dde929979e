/**
 * next-auth (v4) with a credentials provider: email + password checked by services/sign-in.ts (argon2id,
 * throttled per email and IP). The httpOnly JWT cookie (8 hours) carries the id of a server-side session
 * row (services/sessions.ts) created at sign-in; every request checks that row (server/trpc.ts), and
 * sign-out revokes it, so a copied cookie stops working once its session ends.
 */
import type { NextAuthOptions, Session } from "next-auth";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAppDatabase } from "./database";
import { createSessionCookieDecoder, secureSessionCookies, sessionCookieName } from "./session-cookie";
import { AppError } from "@/lib/errors";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { TWO_FACTOR_INVALID_MESSAGE, TWO_FACTOR_REQUIRED } from "@/lib/sign-in-answers";
import { clientIpFrom } from "./client-ip";
import { env } from "./env";
import { endSessionOfCookie, SESSION_MAX_AGE_SECONDS } from "./services/sessions";
import { signInWithPassword } from "./services/sign-in-flow";

export { SESSION_MAX_AGE_SECONDS };

/** The client's IP (server/client-ip.ts): the TCP peer, or X-Forwarded-For's N-th from the right with TRUST_PROXY=N. */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined> | undefined): string {
  return clientIpFrom(headers, env.TRUST_PROXY);
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Secure cookies in production, unless the deployment explicitly runs on plain http (local e2e runs).
  useSecureCookies: secureSessionCookies(env.NODE_ENV, env.NEXTAUTH_URL),
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Authentication code", type: "text" },
      },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        const { db } = await getAppDatabase();
        const headers = req.headers as Record<string, string | undefined> | undefined;
        try {
          const outcome = await signInWithPassword(db, {
            email: credentials.email,
            password: credentials.password,
            code: credentials.code,
            ip: clientIp(req.headers),
            userAgent: headers?.["user-agent"] ?? null,
          });
          // next-auth passes an Error's message to the client as `error` (the sign-in form reads these).
          if (outcome.kind === "two_factor_required") throw new Error(TWO_FACTOR_REQUIRED);
          if (outcome.kind === "two_factor_invalid") throw new Error(TWO_FACTOR_INVALID_MESSAGE);
          if (outcome.kind === "invalid") return null;
          return { ...outcome.user, sessionId: outcome.sessionId };
        } catch (error) {
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // next-auth's own redirects (sign-in, sign-out callbackUrl) stay on this site's paths.
    redirect({ url, baseUrl }) {
      if (url.startsWith("/")) return `${baseUrl}${safeCallbackPath(url)}`;
      try {
        const target = new URL(url);
        if (target.origin === new URL(baseUrl).origin) return `${baseUrl}${safeCallbackPath(target.pathname + target.search + target.hash)}`;
      } catch {
        // not a URL: home
      }
      return baseUrl;
    },
    jwt({ token, user }) {
      if (user && "sessionId" in user && typeof user.sessionId === "string") token.sid = user.sessionId;
      return token;
    },
    session({ session, token }) {
      if (token.sub && session.user) {
        session.user.id = token.sub;
        session.sessionId = typeof token.sid === "string" ? token.sid : "";
      }
      return session;
    },
  },
  events: {
    // Sign-out ends the session on the server too: the cookie, if someone kept a copy, is refused from now on.
    async signOut({ token }) {
      const { db } = await getAppDatabase();
      await endSessionOfCookie(db, token);
    },
  },
};

const SESSION_COOKIE = sessionCookieName(authOptions.useSecureCookies === true);
const sessionCookies = createSessionCookieDecoder(authOptions.secret!);

/**
 * The signed-in user's session in a server component or route handler, or null: the cookie's claims (user
 * id and server-side session id), decoded once per cookie. Whether the session is still live is checked
 * against its row on every call (server/trpc.ts), so a cached decoding never keeps a revoked session alive.
 */
export async function getSession(): Promise<Pick<Session, "user" | "sessionId"> | null> {
  const store = await cookies();
  const token = store.get(SESSION_COOKIE)?.value;
  if (!token) return store.has(`${SESSION_COOKIE}.0`) ? getServerSession(authOptions) : null;
  const claims = await sessionCookies.decode(token);
  if (!claims?.sub) return null;
  return { user: { id: claims.sub, email: claims.email ?? null, name: claims.name ?? null }, sessionId: typeof claims.sid === "string" ? claims.sid : "" };
}

declare module "next-auth" {
  interface Session {
    user: { id: string; email?: string | null; name?: string | null };
    /** The server-side session's id (services/sessions.ts); "" for a cookie from before sessions existed. */
    sessionId: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    /** The server-side session's id. */
    sid?: string;
  }
}
