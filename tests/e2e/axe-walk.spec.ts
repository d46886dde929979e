/**
 * Every route of the app, walked as each role that sees it differently (admin, executive, clinician,
 * signed out): axe finds no serious or critical violation, and at 390 px no page scrolls sideways. The
 * routes come from the app/ folder (every page.tsx, and not-found.tsx): a new page without an entry in WALK
 * fails the first test. Ids are the demo seed's, read from the pages themselves.
 * With WALK_SCREENSHOTS=<dir>, each visit also leaves full-page screenshots at 1280 and 390 px there.
 */
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, signIn, uniqueId } from "./helpers";

type Role = "admin" | "executive" | "clinician" | "signedOut";

/** The ids a walk needs, found on the demo organization's pages. */
interface Ids {
  org: string;
  tinId: string;
  clinicianId: string;
  inviteToken: string;
  resetToken: string;
}

interface Visit {
  roles: readonly Role[];
  url: (ids: Ids) => string;
}

const STAFF = ["admin", "executive"] as const;
const MEMBERS = ["admin", "executive", "clinician"] as const;

/**
 * Route pattern (the folder under app/, `[param]` kept) -> where to look at it and as whom. Pages a role
 * may not open are walked too where the role could follow a link there (their refusal must be accessible).
 */
const WALK: Record<string, Visit[]> = {
  "/": [{ roles: ["admin"], url: () => "/" }],
  "/account": [{ roles: MEMBERS, url: () => "/account" }],
  "/dev/mail": [{ roles: ["signedOut"], url: () => "/dev/mail?to=nobody@example.test" }],
  "/forgot-password": [{ roles: ["signedOut"], url: () => "/forgot-password" }],
  "/invite/[token]": [
    { roles: ["signedOut"], url: (ids) => `/invite/${ids.inviteToken}` },
    { roles: ["signedOut"], url: () => "/invite/not-a-real-token" },
  ],
  "/reset-password/[token]": [
    { roles: ["signedOut"], url: (ids) => `/reset-password/${ids.resetToken}` },
    { roles: ["signedOut"], url: () => "/reset-password/not-a-real-token" },
  ],
  "/sign-in": [{ roles: ["signedOut"], url: () => "/sign-in" }],
  "/o/[org]": [{ roles: MEMBERS, url: (ids) => `/o/${ids.org}` }],
  "/o/[org]/audit": [{ roles: ["admin", "executive"], url: (ids) => `/o/${ids.org}/audit` }],
  "/o/[org]/clinicians": [{ roles: MEMBERS, url: (ids) => `/o/${ids.org}/clinicians?year=2018` }],
  "/o/[org]/clinicians/[clinicianId]": [{ roles: MEMBERS, url: (ids) => `/o/${ids.org}/clinicians/${ids.clinicianId}?year=2018` }],
  "/o/[org]/dashboard": [
    { roles: STAFF, url: (ids) => `/o/${ids.org}/dashboard?year=2018` },
    { roles: ["admin"], url: (ids) => `/o/${ids.org}/dashboard?year=2026` },
  ],
  "/o/[org]/dashboard/me": [{ roles: ["clinician"], url: (ids) => `/o/${ids.org}/dashboard/me?year=2018` }],
  "/o/[org]/dashboard/tins/[tinId]": [
    { roles: STAFF, url: (ids) => `/o/${ids.org}/dashboard/tins/${ids.tinId}?year=2018` },
    { roles: ["admin"], url: (ids) => `/o/${ids.org}/dashboard/tins/${ids.tinId}?year=2026` },
  ],
  "/o/[org]/data": [{ roles: MEMBERS, url: (ids) => `/o/${ids.org}/data?year=2018` }],
  "/o/[org]/data/import": [{ roles: ["admin", "clinician"], url: (ids) => `/o/${ids.org}/data/import` }],
  "/o/[org]/data/new": [{ roles: ["admin"], url: (ids) => `/o/${ids.org}/data/new?year=2018` }],
  "/o/[org]/deadlines": [{ roles: STAFF, url: (ids) => `/o/${ids.org}/deadlines?year=2026` }],
  "/o/[org]/hardships": [{ roles: STAFF, url: (ids) => `/o/${ids.org}/hardships?year=2018` }],
  "/o/[org]/members": [{ roles: ["admin", "executive"], url: (ids) => `/o/${ids.org}/members` }],
  "/o/[org]/roster-import": [{ roles: ["admin"], url: (ids) => `/o/${ids.org}/roster-import` }],
  "/o/[org]/tins": [{ roles: STAFF, url: (ids) => `/o/${ids.org}/tins?year=2018` }],
  "/o/[org]/tins/[tinId]": [{ roles: STAFF, url: (ids) => `/o/${ids.org}/tins/${ids.tinId}?year=2018` }],
  "/o/[org]/virtual-groups": [{ roles: STAFF, url: (ids) => `/o/${ids.org}/virtual-groups?year=2018` }],
  "(not found)": [
    { roles: ["signedOut"], url: () => "/no-such-page" },
    { roles: ["admin"], url: (ids) => `/o/${ids.org}/no-such-page` },
  ],
};

/** Every route pattern under app/: folders holding a page.tsx (route groups `(x)` dropped), and the 404 page. */
function appRoutes(): string[] {
  const appDir = path.resolve("app");
  const found: string[] = [];
  const walk = (dir: string, route: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_") || entry.name === "api") continue; // private folders, route handlers
        walk(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? route : [...route, entry.name]);
      } else if (entry.name === "page.tsx") found.push(`/${route.join("/")}`);
      else if (entry.name === "not-found.tsx" && route.length === 0) found.push("(not found)");
    }
  };
  walk(appDir, []);
  return found.sort();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
}

const screenshotDir = process.env.WALK_SCREENSHOTS;

function shotName(role: Role, url: string, width: number) {
  return `${role}${url.replace(/[^a-z0-9]+/gi, "_").slice(0, 120)}-${width}.png`;
}

/** Visits each URL: axe at 1280 px, then the same page at 390 px must not scroll sideways. */
async function walkAs(page: Page, role: Role, urls: string[]) {
  const problems: string[] = [];
  for (const url of urls) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    for (const v of await seriousViolations(page)) problems.push(`${role} ${url}: ${v}`);
    if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, shotName(role, url, 1280)), fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) problems.push(`${role} ${url}: scrolls sideways by ${overflow}px at 390 px`);
    if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, shotName(role, url, 390)), fullPage: true });
  }
  expect(problems).toEqual([]);
}

function urlsFor(role: Role, ids: Ids): string[] {
  return Object.values(WALK).flatMap((visits) => visits.filter((v) => v.roles.includes(role)).map((v) => v.url(ids)));
}

/** A link's path in the newest caught mail to `email` (the e2e server keeps mails at /dev/mail). */
async function tokenFromMail(page: Page, email: string, prefix: string): Promise<string> {
  let href: string | null = null;
  await expect(async () => {
    await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
    href = await page.getByRole("link", { name: new RegExp(prefix) }).first().getAttribute("href", { timeout: 1_000 });
    expect(href).toBeTruthy();
  }).toPass({ timeout: 15_000 });
  return new URL(href!).pathname.slice(prefix.length);
}

/** The demo's ids: Riverside Pediatrics, the role's first clinician, a fresh invitation and reset link. */
async function demoIds(browser: Browser, role: Role): Promise<Ids> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.admin);
  const org = new URL(page.url()).pathname.split("/")[2]!;
  await page.goto(`/o/${org}/dashboard?year=2018`);
  const tinHref = await page.getByRole("link", { name: "Riverside Pediatrics" }).first().getAttribute("href");
  const tinId = /\/tins\/([0-9a-f-]{36})/.exec(tinHref ?? "")![1]!;
  let clinicianPage = page;
  if (role === "executive" || role === "clinician") {
    clinicianPage = await (await browser.newContext()).newPage();
    await signIn(clinicianPage, DEMO[role]);
  }
  await clinicianPage.goto(`/o/${org}/clinicians?year=2018`);
  const clinicianHref = await clinicianPage.locator(`a[href*="/o/${org}/clinicians/"]`).first().getAttribute("href");
  const clinicianId = /\/clinicians\/([0-9a-f-]{36})/.exec(clinicianHref ?? "")![1]!;
  let inviteToken = "";
  let resetToken = "";
  if (role === "signedOut") {
    const email = `walk-${uniqueId()}@example.test`;
    await page.goto(`/o/${org}/members`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("executive");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(`Invitation sent to ${email} as executive.`)).toBeVisible();
    const mail = await (await browser.newContext()).newPage();
    inviteToken = await tokenFromMail(mail, email, "/invite/");
    await mail.goto("/forgot-password");
    await mail.getByLabel("Email").fill(DEMO.lakesideAdmin);
    await mail.getByRole("button", { name: "Send me a link" }).click();
    resetToken = await tokenFromMail(mail, DEMO.lakesideAdmin, "/reset-password/");
    await mail.context().close();
  }
  await context.close();
  return { org, tinId, clinicianId, inviteToken, resetToken };
}

test("every page under app/ has a walk entry, and every entry a page", () => {
  expect(appRoutes()).toEqual(Object.keys(WALK).sort());
});

for (const role of ["admin", "executive", "clinician", "signedOut"] as const) {
  test(`axe and 390 px on every route as ${role}`, async ({ browser }) => {
    test.setTimeout(240_000);
    if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });
    const ids = await demoIds(browser, role);
    const page = await (await browser.newContext()).newPage();
    if (role !== "signedOut") await signIn(page, DEMO[role]);
    await walkAs(page, role, urlsFor(role, ids));
  });
}
