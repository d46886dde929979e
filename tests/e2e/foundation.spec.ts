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
    await page.getByLabel("Action").fill("member.added");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=member.added/);
    await expect(page.getByRole("cell", { name: "member.added" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: /^(?!member\.added$)[a-z_]+\.[a-z_]+$/ })).toHaveCount(0);
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
    await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
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
  test("an admin adds a user, the user changes their password and signs in with the new one", async ({ browser }) => {
    const id = uniqueId();
    const email = `new-${id}@example.test`;
    const adminPage = await (await browser.newContext()).newPage();
    await signIn(adminPage, DEMO.admin);
    await adminPage.goto("/o/riverside/members");
    await adminPage.getByLabel("Email").fill(email);
    await adminPage.getByLabel("Role", { exact: true }).selectOption("executive");
    await adminPage.getByLabel("Name (new users)").fill(`New Person ${id}`);
    await adminPage.getByLabel("Initial password (new users)").fill("initial-password-1");
    await adminPage.getByRole("button", { name: "Add member" }).click();
    await expect(adminPage.getByRole("cell", { name: email })).toBeVisible();
    // The role can be changed from the list.
    await adminPage.getByLabel(`Role of New Person ${id}`).selectOption("clinician");
    await expect(adminPage.getByLabel(`Role of New Person ${id}`)).toHaveValue("clinician");

    const page = await (await browser.newContext()).newPage();
    await signIn(page, email, "initial-password-1");
    await page.goto("/account");
    await page.getByLabel("Current password").fill("initial-password-1");
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByLabel("Confirm new password").fill("short");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("at least 10 characters").last()).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill("changed-password-2");
    await page.getByLabel("Confirm new password").fill("changed-password-2");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=password-changed/);
    await signIn(page, email, "changed-password-2");
    await expect(page.getByText("You see and log your own measure data")).toBeVisible();
  });

  test("the last admin of an organization cannot be demoted or removed", async ({ page }) => {
    await signIn(page, DEMO.lakesideAdmin);
    await page.goto("/o/lakeside/members");
    await expect(page.getByLabel("Role of Lee Lakeside")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Remove Lee Lakeside" })).toBeDisabled();
  });
});
