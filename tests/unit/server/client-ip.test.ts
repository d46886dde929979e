import { describe, expect, it } from "vitest";
import { clientIp } from "@/server/auth";

describe("clientIp", () => {
  it("takes the address the proxy appended, not what the client wrote into X-Forwarded-For", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp({ "x-forwarded-for": "198.51.100.2" })).toBe("198.51.100.2");
    expect(clientIp({ "x-real-ip": "198.51.100.3" })).toBe("198.51.100.3");
    expect(clientIp(undefined)).toBe("unknown");
  });
});
