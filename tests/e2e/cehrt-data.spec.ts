import { expect, test } from "@playwright/test";
import { syntheticNpi } from "../../lib/roster/generate";
import { DEMO, signIn, uniqueId } from "./helpers";

// Demo roster (server/seed/roster.ts): Riverside Pediatrics 111222555; Xavier Moreau and Yara Haddad are rows 17 and 18.
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
  await page.goto(page.url().replace(/\/o\/([^/]+).*/, "/o/$1/data/new?year=2018"));
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
  await page.goto(page.url().replace(/\/data\/new.*/, "/data?year=2018"));
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
    { name: `vendor-x-${suffix}.csv`, mimeType: "text/csv", buffer: Buffer.from(vendorCsv(vendorX, XAVIER, [100, 100])) },
    { name: `vendor-y-${suffix}.csv`, mimeType: "text/csv", buffer: Buffer.from(vendorCsv(vendorY, YARA, [60, 60])) },
  ]);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview.getByText(`new product ${vendorX}`)).toBeVisible();
  // Neither CSV names its vendor: the import asks for both names before it can run.
  const importButton = preview.getByRole("button", { name: /Import 2 file/ });
  await expect(importButton).toBeDisabled();
  await expect(preview.getByText(/Enter the vendor's name/).first()).toBeVisible();
  await preview.getByLabel(`Vendor of CEHRT ID ${vendorX} (TIN 11-1222555)`).fill("  Xavier Charts  ");
  await expect(importButton).toBeDisabled();
  await preview.getByLabel(`Vendor of CEHRT ID ${vendorY} (TIN 11-1222555)`).fill("Yara EHR Co");
  await importButton.click();
  await expect(page.getByText(/Imported: 2 report\(s\) added, 0 replaced, 2 CEHRT product\(s\) added/)).toBeVisible();
  await page.goto(`${base}/data/import`);
  await page.getByLabel("Vendor files").setInputFiles([{ name: `vendor-x-${suffix}-again.csv`, mimeType: "text/csv", buffer: Buffer.from(vendorCsv(vendorX, XAVIER, [99, 100])) }]);
  await expect(page.getByRole("region", { name: "Import preview" }).getByText(`Xavier Charts imported from vendor-x-${suffix}.csv`)).toBeVisible();

  await page.goto(`${base}/data?year=2018`);
  await page.getByRole("link", { name: /11-1222555/ }).click();
  // Q1 2018 group sums (server/seed/cehrt.ts: Xavier, Yara, Aaron on vendor A, the group export on vendor B, plus
  // the two files): PEA_1 (150+90+30+55+100+60)/(200+150+60+90+100+60) = 485/660 = 73.5% -> band 8 (the seed
  // alone: 325/500 = 65% -> band 7); CCTPE_1 50/440 -> 2; HIE_1 (97+3+3)/(180+9+9) = 103/198 -> 6; HIE_2
  // 84/188 -> 5; immunization registry yes -> 10. Base 50 + performance 8+2+6+5+10 = 31 + bonus 10 (only 2015
  // Edition CEHRT, only PI measures) = 91: one point more than the seed's 90, so the imported files count.
  await expect(page.getByText(/^Group score: 91%/)).toBeVisible();
  await page.getByText("Lineage of PI_PEA_1").click();
  await expect(page.getByText(new RegExp(`100/100 from vendor-x-${suffix}\\.csv, NPI ${XAVIER}`))).toBeVisible();
  await expect(page.getByText(new RegExp(`60/60 from vendor-y-${suffix}\\.csv, NPI ${YARA}`))).toBeVisible();

  // Individual scores: a row per clinician; "why" explains one of them below the table.
  const xavier = page.getByRole("row", { name: new RegExp(`Xavier Moreau NPI ${XAVIER}`) });
  await expect(xavier.getByRole("cell", { name: /^\d+%/ })).toBeVisible();
  await xavier.getByRole("link", { name: "Why Xavier Moreau scores so" }).click();
  const why = page.getByRole("region", { name: "Why Xavier Moreau scores so" });
  await expect(why.getByText(new RegExp(`^Xavier Moreau \\(NPI ${XAVIER}\\): \\d+%`))).toBeVisible();
  await expect(page.getByText(/^Group score: 91%/)).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download group submission (QPP JSON)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`qpp-2018-group-${PEDIATRICS}.json`);
  const body = JSON.parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"))) as { entityType: string; taxpayerIdentificationNumber: string };
  expect(body).toMatchObject({ entityType: "group", taxpayerIdentificationNumber: PEDIATRICS });
});

test("an admin records a security risk analysis, uploads a PDF as evidence and downloads it; another organization gets 404", async ({ page, browser }) => {
  const id = uniqueId();
  const vendor = `SRA Vendor ${id}`;
  const cehrtId = `0015ES${id.toUpperCase().replace(/[^0-9A-Z]/g, "")}`.padEnd(15, "0").slice(0, 15);
  await signIn(page, DEMO.admin);
  const base = page.url().replace(/(\/o\/[^/]+).*/, "$1");
  await page.goto(`${base}/data?year=2018`);
  await page.getByRole("link", { name: /11-1222555/ }).click();
  // Wait for the TIN's page: the form of the TIN shown before would add the product there.
  await expect(page.getByText("Group aggregation for TIN 11-1222555")).toBeVisible();
  await page.getByLabel("Vendor", { exact: true }).fill(vendor);
  await page.getByLabel("Product", { exact: true }).fill("Chart");
  await page.getByLabel("CEHRT ID", { exact: true }).fill(cehrtId);
  await page.getByRole("button", { name: "Add product" }).click();

  const panel = page.getByRole("region", { name: `CEHRT product ${vendor} Chart` });
  await expect(panel.getByText("Not recorded for 2018.")).toBeVisible();
  await panel.getByLabel("Analysis completed on").fill("2018-02-20");
  await panel.getByLabel("Attested by").fill("Robin Riverside");
  await panel.getByRole("button", { name: "Record analysis" }).click();
  await expect(panel.getByText("Completed 2018-02-20, attested by Robin Riverside.")).toBeVisible();

  // A text file named .pdf is refused by its content; a real PDF is stored.
  const upload = panel.getByLabel(`Upload evidence for ${vendor} Chart`);
  await upload.setInputFiles({ name: "fake.pdf", mimeType: "application/pdf", buffer: Buffer.from("not really a pdf") });
  await expect(panel.getByText(/fake\.pdf is not a PDF, PNG or JPEG file/)).toBeVisible();
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
  await upload.setInputFiles({ name: `sra-${id}.pdf`, mimeType: "application/pdf", buffer: pdf });
  await expect(panel.getByText(new RegExp(`Uploaded sra-${id}\\.pdf \\(application/pdf`))).toBeVisible();

  const link = panel.getByRole("link", { name: `sra-${id}.pdf` });
  const download = page.waitForEvent("download");
  await link.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`sra-${id}.pdf`);
  const body = Buffer.concat(await (await file.createReadStream()).toArray());
  expect(body.equals(pdf)).toBe(true);

  const href = await link.getAttribute("href");
  const direct = await page.request.get(href!);
  expect(direct.status()).toBe(200);
  expect(direct.headers()).toMatchObject({ "content-type": "application/pdf", "x-content-type-options": "nosniff" });
  expect(direct.headers()["content-disposition"]).toMatch(/^attachment;/);

  // Another organization's admin: the same URL (and the id under their own organization) answers 404.
  const outsider = await browser.newContext();
  const outsiderPage = await outsider.newPage();
  await signIn(outsiderPage, DEMO.lakesideAdmin);
  expect((await outsiderPage.request.get(href!)).status()).toBe(404);
  const lakeside = outsiderPage.url().replace(/.*\/o\/([^/]+).*/, "$1");
  expect((await outsiderPage.request.get(href!.replace(/\/api\/o\/[^/]+\//, `/api/o/${lakeside}/`))).status()).toBe(404);
  await outsider.close();
});

test("an executive reads products and analyses without forms, and sees a virtual group's aggregation and download", async ({ page }) => {
  await signIn(page, DEMO.executive);
  const base = page.url().replace(/(\/o\/[^/]+).*/, "$1");
  await page.goto(`${base}/data?year=2018`);
  await page.getByRole("link", { name: /11-1222555/ }).click();
  await expect(page.getByText("Group aggregation for TIN 11-1222555")).toBeVisible();
  await expect(page.getByText("CEHRT products of this TIN")).toBeVisible();
  await expect(page.getByRole("button", { name: /Record analysis|Update analysis|^Edit / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add product" })).toHaveCount(0);

  await page.getByRole("link", { name: /Riverside Small Practices \(2 TINs\)/ }).click();
  const group = page.getByRole("region", { name: "Virtual group Riverside Small Practices" });
  await expect(group.getByText(/CMS id x12345: member TINs/)).toBeVisible();
  await expect(group.getByText(/^Period: /)).toBeVisible();
  await expect(group.getByRole("button", { name: "Download virtual group submission (QPP JSON)" })).toBeVisible();
});
