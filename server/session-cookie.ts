/**
 * next-auth's session cookie (a JWE) decoded once per cookie text: next-auth's own `getServerSession`
 * derives the key (HKDF) and decrypts on every request, about 4% of the server's CPU under bench:load.
 * A cookie decoded earlier is still refused once its `exp` has passed (jwtDecrypt's own 15 s tolerance);
 * one that does not decrypt (tampered, another secret's, expired) is never kept. Whether the server-side
 * session is still live is checked against its row on every call (server/trpc.ts), so a kept decoding
 * never keeps a revoked session alive.
 */
import { decode, type JWT } from "next-auth/jwt";

/** Whether next-auth sets its cookies `__Secure-` (server/auth.ts `useSecureCookies`): in production, unless the portal's URL is plain http. */
export function secureSessionCookies(nodeEnv: string | undefined, portalUrl: string | undefined): boolean {
  return nodeEnv === "production" && !portalUrl?.startsWith("http://");
}

/** next-auth's session cookie's name (a JWE; next-auth splits one above 4 kB into `.0`, `.1`, ...). */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

/** jwtDecrypt's clock tolerance, applied again to a cookie decoded earlier. */
const EXPIRY_TOLERANCE_MS = 15_000;

export interface SessionCookieDecoder {
  decode(token: string): Promise<JWT | null>;
  /** Cookies held decoded now (tests). */
  readonly size: number;
}

export function createSessionCookieDecoder(secret: string, options: { maxEntries?: number; now?: () => number } = {}): SessionCookieDecoder {
  const maxEntries = options.maxEntries ?? 5_000;
  const now = options.now ?? Date.now;
  const decoded = new Map<string, JWT>();
  return {
    get size() {
      return decoded.size;
    },
    async decode(token) {
      let payload = decoded.get(token);
      if (!payload) {
        try {
          payload = (await decode({ token, secret })) ?? undefined;
        } catch {
          return null; // tampered, another secret's, or expired: not signed in
        }
        if (!payload) return null;
        decoded.set(token, payload);
        if (decoded.size > maxEntries) decoded.delete(decoded.keys().next().value!);
      }
      if (typeof payload.exp === "number" && payload.exp * 1000 + EXPIRY_TOLERANCE_MS < now()) {
        decoded.delete(token);
        return null;
      }
      return payload;
    },
  };
}
