/**
 * The client's IP address, for the per-IP sign-in throttle, sessions and the audit log.
 *
 * - Without TRUST_PROXY the portal is reached directly: the address is the TCP peer's, recorded by
 *   server/peer-address.ts before Next sees the request. X-Forwarded-For is ignored (any client can
 *   write it; Next itself keeps a client's header as it is).
 * - With TRUST_PROXY=N (N reverse proxies in front, each appending the address it saw), the client is
 *   the N-th address from the right of X-Forwarded-For; what the client wrote further left is ignored.
 */
export const PEER_ADDRESS_HEADER = "x-pi-peer-address";

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

function read(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

export function clientIpFrom(headers: HeaderBag, trustedProxyHops: number | undefined): string {
  const peer = read(headers, PEER_ADDRESS_HEADER)?.trim() || undefined;
  if (trustedProxyHops && trustedProxyHops > 0) {
    const forwarded = (read(headers, "x-forwarded-for") ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
    // Fewer entries than proxies: the request did not come through all of them; the leftmost is the best guess.
    return forwarded[Math.max(0, forwarded.length - trustedProxyHops)] ?? peer ?? "unknown";
  }
  return peer ?? "unknown";
}
