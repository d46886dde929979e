/**
 * What a practice manager and an executive take away every week: the TIN scorecard, organization
 * summary and clinician statement as PDFs (their text read with pdftotext), CSV exports that read back,
 * the audit trail filtered, the year's deadlines, the honest final-score estimate; no page scrolls
 * sideways on a phone, and axe finds no serious or critical violation on these pages.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Download, type Page } from "@playwright/test";
import { parseCsv } from "../../lib/roster/csv";
import { DEMO, signIn } from "./helpers";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

async function bytesOf(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  return Buffer.concat(await stream.toArray());
}

/** The PDF's text (poppler's pdftotext), whitespace collapsed. */
function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "report-")), "report.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

async function download(page: Page, linkName: string): Promise<{ name: string; bytes: Buffer }> {
  const pending = page.waitForEvent("download");
  await page.getByRole("link", { name: linkName }).click();
  const file = await pending;
  return { name: file.suggestedFilename(), bytes: await bytesOf(file) };
}

test("an executive downloads the TIN scorecard: its text holds the TIN's score and its blockers", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await page.goto("/o/riverside/dashboard?year=2018");
  await page.getByRole("link", { name: "Riverside Pediatrics" }).click();
  const score = (await page.getByTestId("group-pi-score").innerText()).trim();
  const blockers = await page.getByTestId("blocker").allInnerTexts();
  expect(blockers.length).toBeGreaterThan(0);
  const pdf = await download(page, "Scorecard (PDF)");
  expect(pdf.name).toBe("scorecard-riverside-pediatrics-111222555-2018.pdf");
  expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(pdf.bytes);
  expect(text).toContain("PI scorecard: Riverside Pediatrics (TIN 11-1222555)");
  expect(text).toContain(`PI category score: ${score.replace("%", "")} / 100`);
  expect(text).toContain(`Not reweighted: ${blockers.length} clinician(s) block it.`);
  for (const blocker of blockers) expect(text).toContain(blocker.split("\n")[0]!.trim());
  expect(text).toMatch(/Riverside .* performance year 2018 · generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  expect(text).toContain("Estimate: final-score figures are estimates");
  // Nothing is invented: without entered categories the estimate is a range with PI fixed.
  await expect(page.getByTestId("final-score-worst")).toBeVisible();
  await expect(page.getByTestId("final-score-best")).toBeVisible();
  await expect(page.getByLabel("Quality score (%)")).toHaveValue("");
});

test("the organization summary lists every TIN; a clinician downloads only their own statement", async ({ page, browser }) => {
  await signIn(page, DEMO.executive);
  await page.goto("/o/riverside/dashboard?year=2018");
  const summary = pdfText((await download(page, "Summary (PDF)")).bytes);
  for (const tin of ["Riverside Family Practice", "Riverside Hospitalists", "Riverside Pediatrics"]) expect(summary).toContain(tin);
  expect(summary).toMatch(/\d+ TINs: \d+ scored, \d+ reweighted, \d+ without data\./);

  const clinician = await browser.newPage();
  await signIn(clinician, DEMO.clinician);
  await clinician.goto("/o/riverside/dashboard/me?year=2018");
  const statement = pdfText((await download(clinician, "Statement (PDF)")).bytes);
  expect(statement).toContain("PI statement: Casey Clinician");
  // Another clinician's statement, or the organization's reports, are refused.
  expect((await clinician.request.get("/api/o/riverside/reports/organization?year=2018")).status()).toBe(403);
  expect((await clinician.request.get("/api/o/riverside/reports/clinicians/00000000-0000-4000-8000-000000000000?year=2018")).status()).toBe(403);
  await clinician.close();
});

test("CSV exports read back: clinicians with their statuses, TINs, the overview, a TIN's measures", async ({ page }) => {
  await signIn(page, DEMO.admin);
  for (const [table, header] of [
    ["clinicians", "NPI"],
    ["tins", "TIN"],
    ["overview", "TIN"],
    ["reports", "TIN"],
  ] as const) {
    const response = await page.request.get(`/api/o/riverside/exports/${table}.csv?year=2018`);
    expect(response.status(), table).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    const parsed = parseCsv(await response.text());
    expect(parsed.problems, table).toEqual([]);
    expect(parsed.records[0]!.cells[0], table).toBe(header);
    expect(parsed.records.length, table).toBeGreaterThan(1);
  }
  const clinicians = parseCsv(await (await page.request.get("/api/o/riverside/exports/clinicians.csv?year=2018")).text()).records;
  expect(clinicians.some((r) => r.cells[2] === "Casey" && r.cells[1] === "Clinician")).toBe(true);
  expect((await page.request.get("/api/o/lakeside/exports/tins.csv?year=2018")).status()).toBe(404);
});

test("an admin answers 'who changed this and when' from the audit page: filtered by what changed, exported", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/o/riverside/audit");
  await page.getByLabel("What changed").selectOption({ label: "hardship applications" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/family=hardship/);
  const entries = page.getByTestId("audit-entry");
  await expect(entries.first()).toContainText("hardship application");
  for (const text of await entries.allInnerTexts()) expect(text).toMatch(/hardship/);
  const exported = await page.request.get("/api/o/riverside/exports/audit.csv?family=hardship");
  const rows = parseCsv(await exported.text()).records;
  expect(rows[0]!.cells.slice(0, 4)).toEqual(["When (UTC)", "Who", "Email", "What happened"]);
  expect(rows.slice(1).every((r) => r.cells[4]!.startsWith("hardship."))).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the 2026 deadline page shows the hardship deadline Dec 31, 2026 as open; a past year reads 'closed on'", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await page.goto("/o/riverside/deadlines?year=2026");
  const hardship = page.getByTestId("deadline-hardshipApplication");
  await expect(hardship).toContainText("December 31, 2026");
  await expect(hardship).toContainText("open");
  await expect(hardship).toContainText("date assumed");
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/o/riverside/deadlines?year=2018");
  await expect(page.getByTestId("deadline-hardshipApplication")).toContainText("closed on December 31, 2018");
  await expect(page.getByText(/passed .* days ago/)).toHaveCount(0);
});

test("no page scrolls sideways at 390 px", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
  await signIn(page, DEMO.admin);
  await page.goto("/o/riverside/dashboard?year=2018");
  const tinHref = await page.getByRole("link", { name: "Riverside Pediatrics" }).getAttribute("href");
  for (const url of [tinHref!, "/o/riverside/data?year=2018", "/o/riverside/clinicians?year=2018", "/o/riverside/deadlines?year=2026", "/o/riverside/audit", "/o/riverside/hardships?year=2018", "/o/riverside"]) {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${url} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  await page.close();
});
