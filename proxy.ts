/**
 * Security headers on every page and API answer (Next 16 "proxy", formerly middleware):
 * - Content-Security-Policy with a fresh nonce per request for Next's scripts (no 'unsafe-inline' for
 *   scripts; 'strict-dynamic' lets those scripts load the app's chunks); frame-ancestors 'none'.
 *   Next reads the nonce from the request's CSP header and puts it on its own script tags.
 * - Cache-Control: no-store (pages and API answers hold patients' clinicians' data; static assets are
 *   not matched and keep their long cache).
 * - HSTS when the portal's URL (NEXTAUTH_URL) is https; Referrer-Policy; X-Content-Type-Options.
 */
import { NextResponse, type NextRequest } from "next/server";
import { declaredBodyTooLarge } from "@/server/limits/body-size";

function contentSecurityPolicy(nonce: string, https: boolean): string {
  const development = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // React's development build evaluates code (call stacks); never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Style attributes (charts, Radix positioning) need inline styles; scripts do not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function proxy(request: NextRequest) {
  // Every route: a body declared over its limit is refused before any route runs (server/limits/body-size.ts;
  // the tRPC and auth routes also count what they read, for bodies sent without a length).
  const tooLarge = declaredBodyTooLarge(request, request.nextUrl.pathname);
  if (tooLarge) return tooLarge;
  // base64url: the rendered-page cache (server/page-cache/store.ts) finds and replaces it in a kept page as it is.
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url");
  const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const csp = contentSecurityPolicy(nonce, https);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  // Everything but Next's static assets, the favicon and the streamed import upload: when the proxy runs,
  // Next buffers the request body in memory for it (and cuts it at 10 MB), which a streamed upload of up
  // to 200 MB must avoid. That route checks the session and role itself (importJobs.begin), counts the
  // bytes against its own limit (413) and sends no-store / nosniff (server/imports/upload.ts).
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/o/[^/]+/imports$).*)" }],
};
