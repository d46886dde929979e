import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut, uniqueId } from "./helpers";

test.describe("sign-in and roles", () => {
  test("an admin signs in, sees the admin navigation, members and the audit log, then signs out", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await expect(page).toHaveURL(/\/o\/riverside$/);
    await expect(page.getByRole("heading", { level: 1, name: "Riverside Medical Group" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Organization" });
    await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
    await nav.getByRole("link", { name: "Members" }).click();
    await expect(page.getByRole("cell", { name: "exec@riverside.test" })).toBeVisible();
    await nav.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    // The audit trail reads as sentences; filtered to the members family, every entry is about a member.
    await page.getByLabel("What changed").selectOption({ label: "members" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/family=member/);
    const entries = page.getByTestId("audit-entry");
    await expect(entries.first()).toBeVisible();
    for (const text of await entries.allInnerTexts()) expect(text).toMatch(/member/i);
    await signOut(page);
    await page.goto("/o/riverside");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an executive reads the organization but has no admin pages", async ({ page }) => {
    await signIn(page, DEMO.executive);
    await expect(page.getByText("You can read everything in this organization")).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Organization" });
    await expect(nav.getByRole("link", { name: "Members" })).toHaveCount(0);
    await page.goto("/o/riverside/members");
    await expect(page.getByText("This page needs the admin role; you are executive")).toBeVisible();
    await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  });

  test("a clinician sees the clinician's view only", async ({ page }) => {
    await signIn(page, DEMO.clinician);
    await expect(page.getByText("You see and log your own measure data")).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Organization" });
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await page.goto("/o/riverside/audit");
    await expect(page.getByText("This page needs the admin role; you are clinician")).toBeVisible();
  });

  test("a member of another organization gets a 404 on its pages", async ({ page }) => {
    await signIn(page, DEMO.admin);
    for (const path of ["/o/lakeside", "/o/lakeside/members", "/o/lakeside/audit", "/o/no-such-org"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
  });

  test("wrong credentials get one generic message, whether or not the email exists", async ({ page }) => {
    for (const email of [DEMO.lakesideAdmin, `nobody-${uniqueId()}@example.test`]) {
      await page.goto("/sign-in");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("wrong-password-123");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("Invalid email or password.");
    }
  });

  test("repeated failures for one email are refused for a while with a message saying when to retry", async ({ page }) => {
    const email = `throttled-${uniqueId()}@example.test`;
    await page.goto("/sign-in");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`wrong-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("Invalid email or password.");
    }
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText(/Too many failed sign-in attempts. Try again in 15 minutes./);
  });
});

test.describe("members and account", () => {
  // Joining by invitation, then changing the password: tests/e2e/accounts.spec.ts.

  test("the last admin of an organization cannot be demoted or removed", async ({ page }) => {
    await signIn(page, DEMO.lakesideAdmin);
    await page.goto("/o/lakeside/members");
    await expect(page.getByLabel("Role of Lee Lakeside")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Remove Lee Lakeside" })).toBeDisabled();
  });
});
