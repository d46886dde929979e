/**
 * Printed dashboard pages (app/globals.css, @media print): no header, navigation, form, button or download
 * link on paper; the content is there and a table row is never cut across pages. With PRINT_DIR=<dir> the
 * printed pages (Chromium's PDF of the print stylesheet) and the three PDF reports are left there, for
 * looking at them (pdftoppm -png).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const outDir = process.env.PRINT_DIR ?? mkdtempSync(path.join(tmpdir(), "print-"));

function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
}

/** Prints the page as Chromium would on Letter paper; checks what must not reach paper. */
async function printed(page: Page, name: string): Promise<{ file: string; text: string; pages: number }> {
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header, nav, form, button, a[download], select, input").filter({ visible: true })).toHaveCount(0);
  // Every card's content still prints (nothing of the page itself is hidden by the navigation rules).
  await expect(page.locator("main h1")).toBeVisible();
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.pdf`);
  // Charts print as their numbers: a picture laid out for the screen would be cut at the page's edge.
  await expect(page.locator("svg.recharts-surface").filter({ visible: true })).toHaveCount(0);
  await page.pdf({ path: file, format: "Letter", printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "12mm", right: "12mm" } });
  await page.emulateMedia({ media: "screen" });
  return { file, text: pdfText(file), pages: pageCount(file) };
}

async function saveReport(page: Page, url: string, name: string) {
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  writeFileSync(path.join(outDir, `${name}.pdf`), await response.body());
}

test("the dashboards print without navigation, forms or buttons, and keep their figures", async ({ page, browser }) => {
  await signIn(page, DEMO.executive);
  await page.goto("/o/riverside/dashboard?year=2018");
  const overview = await printed(page, "overview-2018");
  // Every TIN's row, to its last column (a table in a scroll box would be cut at the page's edge).
  for (const name of ["Pediatrics", "Hospitalists", "Surgical"]) expect(overview.text).toContain(name);
  expect(overview.text).toContain("Vendors"); // the last column's header ("Vendors with data", wrapped)
  expect(overview.text).not.toMatch(/Dashboard\s+TINs\s+Clinicians/); // the navigation
  const tinHref = await page.getByRole("link", { name: "Riverside Pediatrics" }).first().getAttribute("href");
  await saveReport(page, "/api/o/riverside/reports/organization?year=2018", "report-organization-2018");

  await page.goto(tinHref!);
  const score = (await page.getByTestId("group-pi-score").innerText()).trim();
  const tin = await printed(page, "tin-dashboard-2018");
  expect(tin.text).toContain(score);
  expect(tin.text).toContain("Measures");
  expect(tin.text).not.toContain("Try other numerators"); // the what-if card: a form, nothing on paper
  expect(tin.text).not.toContain("Numbers behind"); // closed details are controls
  expect(tin.text).not.toContain("back to the overview");
  expect(tin.text).toMatch(new RegExp(`Category score \\(capped\\)\\s+${score}`)); // the score chart's numbers, in place of the picture
  const tinId = /\/tins\/([0-9a-f-]{36})/.exec(tinHref!)![1]!;
  await saveReport(page, `/api/o/riverside/reports/tins/${tinId}?year=2018`, "report-tin-scorecard-2018");

  const clinician = await (await browser.newContext()).newPage();
  await signIn(clinician, DEMO.clinician);
  await clinician.goto("/o/riverside/dashboard/me?year=2018");
  const me = await printed(clinician, "clinician-dashboard-2018");
  expect(me.text).toContain("Casey Clinician");
  const statementHref = await clinician.getByRole("link", { name: "Statement (PDF)" }).getAttribute("href");
  await saveReport(clinician, statementHref!, "report-clinician-statement-2018");
  await clinician.context().close();
});
