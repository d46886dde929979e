/**
 * The session cookie decoded once per cookie text (server/session-cookie.ts): a kept decoding must never
 * outlive the cookie's expiry, and a cookie that does not decrypt is refused and never kept.
 */
import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { createSessionCookieDecoder } from "@/server/session-cookie";

const SECRET = "session-cookie-test-secret-of-enough-length";

async function cookie(maxAgeSeconds: number, secret = SECRET) {
  return encode({ token: { sub: "user-1", sid: "session-1", email: "ada@example.test" }, secret, maxAge: maxAgeSeconds });
}

describe("session cookie decoder", () => {
  it("decodes a valid cookie's claims, and keeps the decoding", async () => {
    const decoder = createSessionCookieDecoder(SECRET);
    const token = await cookie(3600);
    expect(await decoder.decode(token)).toMatchObject({ sub: "user-1", sid: "session-1" });
    expect(decoder.size).toBe(1);
    expect(await decoder.decode(token)).toMatchObject({ sub: "user-1", sid: "session-1" });
    expect(decoder.size).toBe(1);
  });

  it("refuses a kept cookie once its expiry (plus 15 s) has passed, and forgets it", async () => {
    let now = Date.now();
    const decoder = createSessionCookieDecoder(SECRET, { now: () => now });
    const token = await cookie(60);
    expect(await decoder.decode(token)).not.toBeNull();
    now += 60_000 + 10_000; // within the tolerance
    expect(await decoder.decode(token)).not.toBeNull();
    now += 10_000; // 80 s after it was made: 20 s past its expiry
    expect(await decoder.decode(token)).toBeNull();
    expect(decoder.size).toBe(0);
  });

  it("refuses a tampered cookie, another secret's cookie and an expired one, keeping none", async () => {
    const decoder = createSessionCookieDecoder(SECRET);
    const token = await cookie(3600);
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await decoder.decode(tampered)).toBeNull();
    expect(await decoder.decode(await cookie(3600, "another-secret-of-enough-length-here"))).toBeNull();
    expect(await decoder.decode(await cookie(-60))).toBeNull();
    expect(await decoder.decode("not a cookie")).toBeNull();
    expect(decoder.size).toBe(0);
  });

  it("holds at most maxEntries cookies, dropping the oldest", async () => {
    const decoder = createSessionCookieDecoder(SECRET, { maxEntries: 2 });
    for (let i = 0; i < 3; i++) expect(await decoder.decode(await cookie(3600))).not.toBeNull();
    expect(decoder.size).toBe(2);
  });
});
