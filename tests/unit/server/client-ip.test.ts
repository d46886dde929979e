import { describe, expect, it } from "vitest";
import { clientIpFrom, PEER_ADDRESS_HEADER } from "@/server/client-ip";

describe("clientIpFrom (X-Forwarded-For trusted only with TRUST_PROXY, issue 14)", () => {
  const spoofed = { "x-forwarded-for": "6.6.6.6", [PEER_ADDRESS_HEADER]: "203.0.113.7" };

  it("without TRUST_PROXY: the TCP peer, whatever X-Forwarded-For says", () => {
    expect(clientIpFrom(spoofed, undefined)).toBe("203.0.113.7");
    expect(clientIpFrom(new Headers(spoofed), undefined)).toBe("203.0.113.7");
    expect(clientIpFrom({ "x-forwarded-for": "6.6.6.6" }, undefined)).toBe("unknown");
  });

  it("with TRUST_PROXY=1: the address the proxy appended (the last), not what the client wrote before it", () => {
    expect(clientIpFrom({ "x-forwarded-for": "6.6.6.6, 198.51.100.2", [PEER_ADDRESS_HEADER]: "10.0.0.1" }, 1)).toBe("198.51.100.2");
  });

  it("with TRUST_PROXY=2: the second from the right", () => {
    expect(clientIpFrom({ "x-forwarded-for": "6.6.6.6, 198.51.100.2, 10.0.0.5", [PEER_ADDRESS_HEADER]: "10.0.0.1" }, 2)).toBe("198.51.100.2");
    expect(clientIpFrom({ "x-forwarded-for": "198.51.100.2", [PEER_ADDRESS_HEADER]: "10.0.0.1" }, 2)).toBe("198.51.100.2");
    expect(clientIpFrom({ [PEER_ADDRESS_HEADER]: "10.0.0.1" }, 2)).toBe("10.0.0.1");
  });
});
