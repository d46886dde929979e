/**
 * The red team's findings that a browser sees (issue 14): security headers with a nonce-based CSP that
 * the app still runs under, no-store caching, 404 (not 500) for absurd page parameters, an open redirect
 * refused, and X-Forwarded-For ignored without TRUST_PROXY.
 */
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test.describe("hardening", () => {
  test("pages carry a nonce-based CSP (no inline scripts allowed), frame-ancestors 'none', no-store; the app hydrates under it", async ({ page }) => {
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    const response = await page.goto("/sign-in");
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    // 18 random bytes, base64url (proxy.ts): the page cache finds and replaces it in a kept page as it is.
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9_-]{24}'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["cache-control"]).toContain("no-store");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBeTruthy();
    // Two requests, two nonces.
    const again = (await page.request.get("/sign-in")).headers()["content-security-policy"];
    expect(again).not.toBe(csp);
    // The client app runs (sign-in through the real form is a client-side action).
    await signIn(page, DEMO.executive);
    expect(errors).toEqual([]);
    const trpc = await page.request.get(`/api/trpc/account.me?input=${encodeURIComponent(JSON.stringify({ json: null }))}`);
    expect(trpc.headers()["cache-control"]).toContain("no-store");
  });

  test("absurd page and year parameters answer 404, not 500", async ({ page }) => {
    await signIn(page, DEMO.admin);
    for (const path of ["/o/riverside/audit?page=99999999999999999999", "/o/riverside/clinicians?page=99999999999999999999", "/o/riverside/dashboard?year=abc", "/o/riverside%00"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(500);
    }
    expect((await page.goto("/o/riverside/audit?page=99999999999999999999"))?.status()).toBe(404);
  });

  test("callbackUrl to another site is not followed after sign-in", async ({ page }) => {
    await page.goto("/sign-in?callbackUrl=%2F%5Cevil.example%2F");
    await page.getByLabel("Email").fill(DEMO.executive);
    await page.getByLabel("Password").fill("demo-password-2018");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/localhost:\d+\/o\/riverside/);
  });

  test("a client's own X-Forwarded-For is not taken as its address (no TRUST_PROXY)", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "6.6.6.6" } });
    const page = await context.newPage();
    await signIn(page, DEMO.clinician);
    await page.goto("/account");
    const sessions = page.getByRole("table", { name: "Active sessions" });
    await expect(sessions).toBeVisible();
    await expect(sessions.getByRole("cell", { name: "6.6.6.6" })).toHaveCount(0);
    await expect(sessions.getByRole("cell", { name: /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/ }).first()).toBeVisible();
  });
});
