/**
 * Secrets are validated when the server starts, not when it is built (issue 14: `npm run build` failed
 * without SKIP_ENV_VALIDATION=1, so the README's production commands did not work as written).
 */
import { afterEach, describe, expect, it, vi } from "vitest";

async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
  return import("@/server/env");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("server/env", () => {
  it("a production build (NEXT_PHASE=phase-production-build) does not need NEXTAUTH_SECRET", async () => {
    await expect(loadEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build", NEXTAUTH_SECRET: undefined, SKIP_ENV_VALIDATION: undefined })).resolves.toBeDefined();
  });

  it("a production server without NEXTAUTH_SECRET refuses to start, saying what is missing", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(loadEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-server", NEXTAUTH_SECRET: undefined, SKIP_ENV_VALIDATION: undefined })).rejects.toThrow(/environment variables/i);
  });

  it("TRUST_PROXY must be a number of proxies", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(loadEnv({ NODE_ENV: "development", NEXT_PHASE: undefined, TRUST_PROXY: "yes", SKIP_ENV_VALIDATION: undefined })).rejects.toThrow();
    const { env } = await loadEnv({ NODE_ENV: "development", NEXT_PHASE: undefined, TRUST_PROXY: "2", SKIP_ENV_VALIDATION: undefined });
    expect(env.TRUST_PROXY).toBe(2);
  });
});
