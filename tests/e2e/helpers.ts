import { expect, type Page } from "@playwright/test";

/** The demo logins (server/seed/demo.ts). */
export const DEMO_PASSWORD = "demo-password-2018";
export const DEMO = {
  admin: "admin@riverside.test",
  executive: "exec@riverside.test",
  clinician: "clinician@riverside.test",
  lakesideAdmin: "admin@lakeside.test",
} as const;

/** Signs in through the real form and waits to land inside an organization. */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/o\/[^/]+/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

export function uniqueId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
