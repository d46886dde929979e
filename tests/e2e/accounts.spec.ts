/**
 * Accounts (issue 14): an admin invites by email, the invitee reads the mail from the portal's mail
 * catcher (/dev/mail on the e2e server), accepts by choosing a name and password, turns on two-factor
 * and signs in with a TOTP code; sign-out ends the session on the server (a copied cookie stops
 * working); password reset by email.
 */
import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { DEMO, signIn, signOut, uniqueId } from "./helpers";

/** The first link to `path` in the newest caught mail to `email`. */
async function linkFromMail(page: Page, email: string, subject: RegExp, path: string): Promise<string> {
  const mail = page.getByRole("article").filter({ has: page.getByRole("heading", { name: subject }) }).first();
  // Some mails are sent after the answer (password reset): reload until it arrived.
  await expect(async () => {
    await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const href = await mail.getByRole("link", { name: new RegExp(path) }).first().getAttribute("href");
  expect(href).toBeTruthy();
  return new URL(href!).pathname;
}

/** The code an authenticator app would show for `secret`, `stepsAhead` periods from now. */
function totp(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

test.describe("accounts", () => {
  test("an admin invites, the invitee accepts from the mail, turns on two-factor, and signs in with a TOTP code (and once with a recovery code)", async ({ browser }) => {
    const id = uniqueId();
    const email = `totp-${id}@example.test`;
    const adminPage = await (await browser.newContext()).newPage();
    await signIn(adminPage, DEMO.admin);
    await adminPage.goto("/o/riverside/members");
    await adminPage.getByLabel("Email").fill(email);
    await adminPage.getByLabel("Role", { exact: true }).selectOption("clinician");
    await adminPage.getByRole("button", { name: "Send invitation" }).click();
    await expect(adminPage.getByText(`Invitation sent to ${email} as clinician.`)).toBeVisible();

    const page = await (await browser.newContext()).newPage();
    await page.goto(await linkFromMail(page, email, /invited to Riverside Medical Group/, "/invite/"));
    await page.getByLabel("Your name").fill(`Tess Totp ${id}`);
    await page.getByLabel("Password", { exact: true }).fill("totp-password-1");
    await page.getByLabel("Confirm password").fill("totp-password-1");
    await page.getByRole("button", { name: "Create account and join" }).click();
    await expect(page).toHaveURL(/\/o\/riverside$/);

    // Enrol: QR code and key, a first code, 10 recovery codes shown once.
    await page.goto("/account");
    await page.getByRole("button", { name: "Set up two-factor" }).click();
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    const secret = (await page.getByLabel("Authenticator key").textContent())!.trim();
    await page.getByLabel("Code from the app").fill(await totp(secret));
    await page.getByRole("button", { name: "Turn on two-factor" }).click();
    const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await expect(codes).toHaveCount(10);
    const recoveryCode = (await codes.first().textContent())!.trim();
    await page.getByRole("button", { name: "I stored my recovery codes" }).click();
    await expect(page.getByText("Two-factor authentication is on. 10 recovery codes left.")).toBeVisible();

    // Sign in again: the password, then the code.
    await page.goto("/o/riverside");
    await signOut(page);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("totp-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("Authentication code").fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText(/That authentication code is not right/);
    await page.getByLabel("Authentication code").fill(await totp(secret, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/o\/riverside$/);
    await expect(page.getByText("You see and log your own measure data")).toBeVisible();
    // The account page lists the sign-ins, the failed code included.
    await page.goto("/account");
    const history = page.getByRole("table", { name: "Recent sign-ins" });
    await expect(history.getByRole("cell", { name: "Wrong two-factor code" })).toBeVisible();
    await expect(history.getByRole("cell", { name: "Signed in", exact: true }).first()).toBeVisible();

    // A recovery code instead of the app, once.
    await page.goto("/o/riverside");
    await signOut(page);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("totp-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("Authentication code").fill(recoveryCode);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/o\/riverside$/);
  });

  test("an admin invites, the invitee reads the mail, accepts with a name and password, signs in, changes the password", async ({ browser }) => {
    const id = uniqueId();
    const email = `invitee-${id}@example.test`;
    const adminPage = await (await browser.newContext()).newPage();
    await signIn(adminPage, DEMO.admin);
    await adminPage.goto("/o/riverside/members");
    await adminPage.getByLabel("Email").fill(email);
    await adminPage.getByLabel("Role", { exact: true }).selectOption("executive");
    await adminPage.getByRole("button", { name: "Send invitation" }).click();
    await expect(adminPage.getByText(`Invitation sent to ${email} as executive.`)).toBeVisible();
    const pending = adminPage.getByRole("table", { name: "Pending invitations" });
    await expect(pending.getByRole("cell", { name: email, exact: true })).toBeVisible();

    const page = await (await browser.newContext()).newPage();
    const invitePath = await linkFromMail(page, email, /invited to Riverside Medical Group/, "/invite/");
    await page.goto(invitePath);
    await expect(page.getByText("You are invited to join Riverside Medical Group on PI Portal as executive.")).toBeVisible();
    await page.getByLabel("Your name").fill(`Ivy Invitee ${id}`);
    await page.getByLabel("Password", { exact: true }).fill("invitee-password-1");
    await page.getByLabel("Confirm password").fill("invitee-password-1");
    await page.getByRole("button", { name: "Create account and join" }).click();
    await expect(page).toHaveURL(/\/o\/riverside$/);
    await expect(page.getByText("You can read everything in this organization")).toBeVisible();
    // The link works once.
    await page.goto(invitePath);
    await expect(page.getByText(/This invitation link is not valid/)).toBeVisible();

    // The admin sees a member, no longer an invitation.
    await adminPage.reload();
    await expect(adminPage.getByRole("cell", { name: email, exact: true })).toHaveCount(1);
    // Not among the pending invitations (other tests, running at the same time, may have some of their own).
    await expect(adminPage.getByRole("table", { name: "Pending invitations" }).getByRole("cell", { name: email, exact: true })).toHaveCount(0);

    // Signing in again, then changing the password.
    await page.goto("/o/riverside");
    await signOut(page);
    await signIn(page, email, "invitee-password-1");
    await page.goto("/account");
    await page.getByLabel("Current password").fill("invitee-password-1");
    await page.getByLabel("New password", { exact: true }).fill("changed-password-2");
    await page.getByLabel("Confirm new password").fill("changed-password-2");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=password-changed/);
    await signIn(page, email, "changed-password-2");
  });

  test("after sign-out, a copy of the session cookie no longer works", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, DEMO.executive);
    const cookies = await context.cookies();
    await signOut(page);
    const thief = await browser.newContext();
    await thief.addCookies(cookies);
    const stolen = await thief.newPage();
    await stolen.goto("/o/riverside");
    await expect(stolen).toHaveURL(/\/sign-in/);
  });

  test("password reset by email: generic answer, the link sets a new password and works once", async ({ browser }) => {
    // An account of its own, by invitation, so the demo logins keep their passwords.
    const id = uniqueId();
    const email = `reset-${id}@example.test`;
    const adminPage = await (await browser.newContext()).newPage();
    await signIn(adminPage, DEMO.lakesideAdmin);
    await adminPage.goto("/o/lakeside/members");
    await adminPage.getByLabel("Email").fill(email);
    await adminPage.getByRole("button", { name: "Send invitation" }).click();
    await expect(adminPage.getByText(`Invitation sent to ${email}`)).toBeVisible();
    const page = await (await browser.newContext()).newPage();
    await page.goto(await linkFromMail(page, email, /invited/, "/invite/"));
    await page.getByLabel("Your name").fill(`Reset ${id}`);
    await page.getByLabel("Password", { exact: true }).fill("first-password-1");
    await page.getByLabel("Confirm password").fill("first-password-1");
    await page.getByRole("button", { name: "Create account and join" }).click();
    await expect(page).toHaveURL(/\/o\/lakeside$/);
    await signOut(page);

    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page.getByText(/If an account exists for that email/)).toBeVisible();
    const resetPath = await linkFromMail(page, email, /Reset your PI Portal password/, "/reset-password/");
    await page.goto(resetPath);
    await page.getByLabel("New password", { exact: true }).fill("second-password-2");
    await page.getByLabel("Confirm new password").fill("second-password-2");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText("Your password was changed and every session of yours ended.")).toBeVisible();
    await signIn(page, email, "second-password-2");
    await page.goto(resetPath);
    await page.getByLabel("New password", { exact: true }).fill("third-password-3");
    await page.getByLabel("Confirm new password").fill("third-password-3");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText(/This password reset link is not valid/)).toBeVisible();
  });
});
