import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/safe-redirect";

describe("safeCallbackPath (open redirect after sign-in, issue 14)", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeCallbackPath("/o/riverside/members?year=2018#top")).toBe("/o/riverside/members?year=2018#top");
    expect(safeCallbackPath("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
    expect(safeCallbackPath(["/account", "/other"])).toBe("/account");
  });

  it.each([
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "/%252F/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/ /evil.example",
    "%2F%2Fevil.example",
    "o/riverside",
    "",
  ])("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it("refuses missing values and malformed encodings", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
    expect(safeCallbackPath("/%E0%A4%A")).toBe("/");
  });
});
