/**
 * The current performance year end to end: a 2026 TIN scored in the portal from a manual entry and from
 * an imported vendor file, the 180-day period minimum, and a small practice reweighted automatically from
 * 2022. Each test creates its own TIN (roster CSV import), so the specs stay independent of order.
 *
 * The 2026 figures (points: e-Prescribing 10, PDMP 10, HIE_1 15, HIE_4 15, Provide Patient Access 25,
 * public health 25 when immunization and case reporting are both "yes"):
 *   PI_EP_1 5/10 -> 5, PI_EP_2 yes -> 10, PI_HIE_1 2/10 -> 3, PI_HIE_4 6/10 -> 9, PI_PEA_1 8/10 -> 20,
 *   PI_PHCDRR_1 + PI_PHCDRR_3 yes (production) -> 25: 72%.
 */
import { expect, test, type Page } from "@playwright/test";
import { syntheticNpi, syntheticTin } from "../../lib/roster/generate";
import { DEMO, signIn, uniqueId } from "./helpers";

const ROSTER_HEADER = "TIN,TIN name,NPI,First name,Last name,Clinician type,Membership start,Performance year,Allowed charges,Part B beneficiaries";
const MEASURES_HEADER = "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no";

function uniqueNumber(): number {
  return Math.floor(Math.random() * 80_000_000) + 10_000_000;
}

/** A new TIN with two physicians billing from 2016, figures above the low-volume threshold in `years`; returns its ids. */
async function newTin(page: Page, label: string, years: number[]) {
  const n = uniqueNumber();
  const tin = syntheticTin(n);
  const name = `${label} ${uniqueId()}`;
  const rows = years.flatMap((y) => [
    `${tin},${name},${syntheticNpi(n)},Avery,First${n},MD,2016-01-01,${y},250000,600`,
    `${tin},${name},${syntheticNpi(n + 1)},Blair,Second${n},MD,2016-01-01,${y},260000,650`,
  ]);
  await page.goto("/o/riverside/roster-import");
  await page.getByLabel("Roster CSV file").setInputFiles({ name: `${label}.csv`, mimeType: "text/csv", buffer: Buffer.from([ROSTER_HEADER, ...rows].join("\n") + "\n") });
  await page.getByRole("button", { name: `Import ${rows.length} rows` }).click();
  await expect(page.getByText(`Imported ${label}.csv`)).toBeVisible();
  await page.goto(`/o/riverside/tins?year=${years[0]}&q=${encodeURIComponent(name)}`);
  const display = `${tin.slice(0, 2)}-${tin.slice(2)}`;
  await page.getByRole("link", { name: display }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} (${display})` })).toBeVisible();
  const tinId = /\/tins\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  return { tin, tinId, name, display };
}

test("a 2026 TIN is scored from a manual entry; a period shorter than 180 days is refused first", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const { tinId, name, display } = await newTin(page, "Manual 2026", [2026]);
  const cehrtId = `0015E${uniqueNumber()}MAN`.slice(0, 15).toUpperCase();
  await page.goto(`/o/riverside/data?year=2026&tin=${tinId}`);
  await page.getByLabel("Vendor").fill("Cedar Health");
  await page.getByLabel("Product").fill("Cedar EHR 2026");
  await page.getByLabel("CEHRT ID").fill(cehrtId);
  await page.getByRole("button", { name: "Add product" }).click();
  await expect(page.getByText(/Cedar Health Cedar EHR 2026/).first()).toBeVisible();

  await page.goto("/o/riverside/data/new?year=2026");
  await expect(page.getByRole("heading", { name: "Enter a 2026 report" })).toBeVisible();
  // 2026 has one measure set, SAFER Guides and the PDMP query, and engagement levels for registries.
  await expect(page.getByLabel("Measure set")).toHaveCount(0);
  await expect(page.getByLabel("PI_PPHI_2 yes or no")).toBeVisible();
  await expect(page.getByText("Performance period end").locator("..")).toContainText("At least 180 consecutive days inside 2026.");
  await page.getByLabel("TIN", { exact: true }).selectOption({ label: `${display} ${name}` });
  // The TIN select loads that TIN's roster from the server (?tin=): its two physicians and the whole TIN.
  await expect(page).toHaveURL(new RegExp(`[?&]tin=${tinId}`));
  await expect(page.getByLabel("Clinician (NPI)").locator("option")).toHaveCount(3);
  await page.getByLabel("Clinician (NPI)").selectOption({ label: "Whole TIN (group-level data)" });
  for (const id of ["PI_PPHI_1", "PI_PPHI_2", "PI_INFBLO_1", "PI_ONCDIR_1", "PI_EP_2", "PI_PHCDRR_1", "PI_PHCDRR_3"]) await page.getByLabel(`${id} yes or no`).selectOption("yes");
  await page.getByLabel("PI_PHCDRR_1 engagement level").selectOption("PI_PHCDRR_1_PROD");
  await page.getByLabel("PI_PHCDRR_3 engagement level").selectOption("PI_PHCDRR_3_PROD");
  for (const [id, num, den] of [["PI_EP_1", "5", "10"], ["PI_HIE_1", "2", "10"], ["PI_HIE_4", "6", "10"], ["PI_PEA_1", "8", "10"]] as const) {
    await page.getByLabel(`${id} numerator`).fill(num);
    await page.getByLabel(`${id} denominator`).fill(den);
  }
  await page.getByLabel("Performance period start").fill("2026-01-01");
  await page.getByLabel("Performance period end").fill("2026-03-31");
  await page.getByRole("button", { name: "Save report" }).click();
  await expect(page.getByText(/90 days; PI in 2026 needs at least 180 consecutive days/).first()).toBeVisible();
  await page.getByLabel("Performance period end").fill("2026-06-30");
  await page.getByRole("button", { name: "Save report" }).click();
  await expect(page.getByText(/Saved the report for the whole TIN \(2026-01-01..2026-06-30\)/)).toBeVisible();

  await page.goto(`/o/riverside/data?year=2026&tin=${tinId}`);
  await expect(page.getByText(/^Group score: 72%/)).toBeVisible();
});

test("a 2026 TIN is scored from an imported vendor file (CSV), with the HIE_5 alternative", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const { tin, tinId } = await newTin(page, "Import 2026", [2026]);
  const cehrtId = `0015E${uniqueNumber()}IMP`.slice(0, 15).toUpperCase();
  const row = (m: string, n: string, d: string, yn: string) => `2026,${tin},,${cehrtId},2026-01-01,2026-07-01,${m},${n},${d},${yn}`;
  // HIE_5 (bi-directional exchange, 30 points) instead of HIE_1 + HIE_4: 5 + 10 + 30 + 20 + 25 = 90%.
  const csv = [
    MEASURES_HEADER,
    ...["PI_PPHI_1", "PI_PPHI_2", "PI_INFBLO_1", "PI_ONCDIR_1", "PI_EP_2", "PI_HIE_5", "PI_PHCDRR_1", "PI_PHCDRR_1_PROD", "PI_PHCDRR_3", "PI_PHCDRR_3_PROD"].map((m) => row(m, "", "", "yes")),
    row("PI_EP_1", "5", "10", ""),
    row("PI_PEA_1", "8", "10", ""),
  ].join("\n");
  await page.goto("/o/riverside/data/import");
  await page.getByLabel("Vendor files").setInputFiles([{ name: `vendor-2026-${tin}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) }]);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview.getByText(`new product ${cehrtId}`)).toBeVisible();
  await preview.getByLabel(new RegExp(`^Vendor of CEHRT ID ${cehrtId}`)).fill("Import 2026 EHR");
  await preview.getByRole("button", { name: /Import 1 file/ }).click();
  await expect(page.getByText(/Imported: 1 report\(s\) added/)).toBeVisible();

  await page.goto(`/o/riverside/data?year=2026&tin=${tinId}`);
  await expect(page.getByRole("cell", { name: "2026-01-01..2026-07-01" })).toBeVisible();
  await expect(page.getByText(/^Group score: 90%/)).toBeVisible();
});

test("a small practice is reweighted automatically from 2022, while in 2018 its physicians must report", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const { tinId } = await newTin(page, "Small 2023", [2023, 2018]);
  await page.goto(`/o/riverside/tins/${tinId}?year=2023`);
  await expect(page.getByText("PI is reweighted to 0% for this TIN in 2023")).toBeVisible();
  await expect(page.getByText(/small practice/i).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Clinicians who block reweighting" })).toHaveCount(0);
  await page.goto(`/o/riverside/tins/${tinId}?year=2018`);
  await expect(page.getByText("This TIN must report PI in 2018")).toBeVisible();
  await expect(page.getByRole("list", { name: "Clinicians who block reweighting" })).toContainText("Avery");
});

test("the demo opens on 2026 with live figures: Pediatrics scored, the small practices reweighted, Surgical Associates blocked", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await page.goto("/o/riverside/dashboard");
  await expect(page.getByText(/Promoting Interoperability in 2026/)).toBeVisible();
  await expect(page.getByTestId("overview-row-111222555")).toContainText(/\d+%/);
  await expect(page.getByTestId("overview-row-111222333")).toContainText("reweighted");
  await expect(page.getByTestId("overview-row-111222444")).toContainText("reweighted");
  await expect(page.getByTestId("overview-row-111222666")).toContainText("no data");
});
