/**
 * Dashboards on the demo seed (server/seed/roster.ts, server/seed/cehrt.ts), 2018:
 * - Riverside Pediatrics (11-1222555) reports as a group for Q1 with two vendors: base 50 + performance
 *   30 (PEA 325/500 -> 7, HIE_1 97/180 -> 6, HIE_2 80/172 -> 5, VDT 50/440 -> 2, immunization registry 10)
 *   + 2015-Edition bonus 10 = 90% -> 22.5 points; five physicians block reweighting;
 * - Riverside Hospitalists: every clinician qualifies, no data -> reweighted;
 * - Riverside Family Practice: Dr. Casey Clinician's pending hardship is the single blocker.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

async function openTin(page: Page, name: string) {
  await page.goto("/o/riverside/dashboard?year=2018");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
}

test("an executive reads the overview: scores, reweighting and blockers per TIN", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Dashboard", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organization dashboard" })).toBeVisible();
  // The dashboard opens on the current performance year; this test reads the 2018 demo.
  await page.getByRole("navigation", { name: "Performance year" }).getByRole("link", { name: "2018" }).click();
  await expect(page).toHaveURL(/year=2018/);
  const pediatrics = page.getByTestId("overview-row-111222555");
  await expect(pediatrics).toContainText("90%");
  await expect(pediatrics).toContainText("22.5");
  await expect(pediatrics).toContainText("group");
  await expect(page.getByTestId("overview-row-111222333")).toContainText("reweighted");
  const family = page.getByTestId("overview-row-111222444");
  await expect(family).toContainText("no data (0%)");
  // Filter: only TINs with blocking clinicians.
  await page.getByLabel("Show").selectOption("blocked");
  await expect(page.getByTestId("overview-row-111222333")).toHaveCount(0);
  await expect(family).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("an executive opens a TIN dashboard: score, next band, blockers, and a what-if moves the score", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await openTin(page, "Riverside Pediatrics");
  await expect(page.getByTestId("group-pi-score")).toHaveText("90%");
  await expect(page.getByTestId("group-final-points")).toHaveText("22.5");
  await expect(page.getByTestId("measure-PI_PEA_1")).toContainText("351 (26 more)");
  await expect(page.getByTestId("blocker")).toHaveCount(5);
  await expect(page.getByTestId("individual-vs-group")).toContainText("better as a group");
  expect(await seriousViolations(page)).toEqual([]);

  // PEA 351/500 reaches band 8: one more point.
  await page.getByLabel(/Provide Patient Access/).fill("351");
  await page.getByRole("button", { name: "Recalculate" }).click();
  await expect(page.getByTestId("what-if-score")).toHaveText("91%");
  // Nothing saved.
  await page.reload();
  await expect(page.getByTestId("group-pi-score")).toHaveText("90%");
});

test("the blocked TIN names its single blocker and what would change it", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await openTin(page, "Riverside Family Practice");
  const blocker = page.getByTestId("blocker");
  await expect(blocker).toHaveCount(1);
  await expect(blocker).toContainText("Casey Clinician");
  await expect(blocker).toContainText("The hardship application of Casey Clinician");
});

test("a clinician sees only their own view", async ({ page }) => {
  await signIn(page, DEMO.clinician);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "My dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "Performance year" }).getByRole("link", { name: "2018" }).click();
  await expect(page).toHaveURL(/year=2018/);
  await expect(page.getByText("Casey Clinician · NPI")).toBeVisible();
  await expect(page.getByTestId("clinician-tin")).toHaveCount(1);
  await expect(page.getByTestId("clinician-reweighting")).toContainText("you block the TIN");
  expect(await seriousViolations(page)).toEqual([]);
  // The organization dashboard sends a clinician to their own view; a TIN dashboard is refused.
  await page.goto("/o/riverside/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/me/);
  await expect(page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Dashboard", exact: true })).toHaveCount(0);
  await page.goto("/o/riverside/dashboard/me?clinician=00000000-0000-4000-8000-000000000000");
  await expect(page.getByText("Casey Clinician · NPI")).toBeVisible();
});
