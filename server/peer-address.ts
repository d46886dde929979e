/**
 * Records each HTTP request's TCP peer address in a header (PEER_ADDRESS_HEADER) before Next handles it,
 * overwriting whatever the client sent under that name: route handlers and server components only see
 * headers, and Next keeps a client's own X-Forwarded-For as it is. Installed once at server start
 * (instrumentation.ts), for `next start` and `next dev` alike.
 */
import http from "node:http";
import { PEER_ADDRESS_HEADER } from "./client-ip";

const INSTALLED = Symbol.for("pi-portal.peer-address");

export function recordPeerAddresses(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  if (proto[INSTALLED]) return;
  const emit = proto.emit;
  proto.emit = function emitWithPeerAddress(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "unknown";
    }
    return emit.call(this, event, ...args);
  };
  proto[INSTALLED] = true;
}
