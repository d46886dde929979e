/**
 * Single-use secrets sent by email (invitations, password resets): 32 random bytes, base64url in the
 * link, SHA-256 at rest. A fast hash is enough here: the token has 256 bits of entropy, nothing to guess.
 */
import { createHash, randomBytes } from "node:crypto";
import { env } from "../env";

export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** An absolute link into the portal for emails (NEXTAUTH_URL is the portal's public URL). */
export function portalUrl(path: string): string {
  return new URL(path, env.NEXTAUTH_URL ?? "http://localhost:3000").toString();
}
