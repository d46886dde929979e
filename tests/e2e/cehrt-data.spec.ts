import { expect, test } from "@playwright/test";
import { syntheticNpi } from "../../lib/roster/generate";
import { DEMO, signIn, uniqueId } from "./helpers";

// Demo roster (db/seed/roster.ts): Riverside Pediatrics 111222555; Xavier Moreau and Yara Haddad are rows 17 and 18.
const PEDIATRICS = "111222555";
const XAVIER = syntheticNpi(20_180_017);
const YARA = syntheticNpi(20_180_018);
const HEADER = "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no";

function vendorCsv(cehrtId: string, npi: string, pea: [number, number]) {
  const row = (m: string, n: string, d: string, yn: string) => `2018,${PEDIATRICS},${npi},${cehrtId},2018-01-01,2018-03-31,${m},${n},${d},${yn}`;
  return [HEADER, row("PI_PPHI_1", "", "", "yes"), row("PI_INFBLO_1", "", "", "yes"), row("PI_ONCDIR_1", "", "", "yes"), row("PI_EP_1", "10", "20", ""), row("PI_PEA_1", String(pea[0]), String(pea[1]), ""), row("PI_HIE_1", "3", "9", ""), row("PI_HIE_2", "2", "8", "")].join("\n");
}

test("a clinician enters a report for their own NPI, with inline errors first", async ({ page }) => {
  await signIn(page, DEMO.clinician);
  await page.goto(page.url().replace(/\/o\/([^/]+).*/, "/o/$1/data/new"));
  await expect(page.getByRole("heading", { name: "Enter a 2018 report" })).toBeVisible();
  await page.getByLabel("PI_PEA_1 numerator").fill("12");
  await page.getByLabel("PI_PEA_1 denominator").fill("10");
  await page.getByRole("button", { name: "Save report" }).click();
  await expect(page.getByText(/numerator 12 exceeds denominator 10/)).toBeVisible();
  await page.getByLabel("PI_PEA_1 numerator").fill("7");
  await page.getByLabel("Performance period start").fill("2018-07-01");
  await page.getByLabel("Performance period end").fill("2018-09-30");
  await page.getByLabel("PI_PPHI_1 yes or no").selectOption("yes");
  await page.getByRole("button", { name: "Save report" }).click();
  await expect(page.getByText(/Saved the report for NPI/)).toBeVisible();
  await page.goto(page.url().replace(/\/data\/new.*/, "/data"));
  await expect(page.getByRole("cell", { name: "2018-07-01..2018-09-30" })).toBeVisible();
});

test("an admin imports two vendors' files, sees the group score and a measure's lineage, and downloads the submission", async ({ page }) => {
  const suffix = uniqueId().toUpperCase().replace(/[^0-9A-Z]/g, "").padEnd(7, "0").slice(0, 7);
  const vendorX = `0015EX${suffix}XX`.slice(0, 15);
  const vendorY = `0015EY${suffix}YY`.slice(0, 15);
  await signIn(page, DEMO.admin);
  const base = page.url().replace(/(\/o\/[^/]+).*/, "$1");
  await page.goto(`${base}/data/import`);
  await page.getByLabel("Vendor files").setInputFiles([
    { name: `vendor-x-${suffix}.csv`, mimeType: "text/csv", buffer: Buffer.from(vendorCsv(vendorX, XAVIER, [50, 100])) },
    { name: `vendor-y-${suffix}.csv`, mimeType: "text/csv", buffer: Buffer.from(vendorCsv(vendorY, YARA, [30, 60])) },
  ]);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview.getByText(`new product ${vendorX}`)).toBeVisible();
  await preview.getByRole("button", { name: /Import 2 file/ }).click();
  await expect(page.getByText(/Imported: 2 report\(s\) added/)).toBeVisible();

  await page.goto(`${base}/data`);
  await page.getByRole("link", { name: /11-1222555/ }).click();
  await expect(page.getByText(/^Group score: \d+%/)).toBeVisible();
  await page.getByText("Lineage of PI_PEA_1").click();
  await expect(page.getByText(new RegExp(`50/100 from vendor-x-${suffix}\\.csv, NPI ${XAVIER}`))).toBeVisible();
  await expect(page.getByText(new RegExp(`30/60 from vendor-y-${suffix}\\.csv, NPI ${YARA}`))).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download group submission (QPP JSON)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`qpp-2018-group-${PEDIATRICS}.json`);
  const body = JSON.parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"))) as { entityType: string; taxpayerIdentificationNumber: string };
  expect(body).toMatchObject({ entityType: "group", taxpayerIdentificationNumber: PEDIATRICS });
});
