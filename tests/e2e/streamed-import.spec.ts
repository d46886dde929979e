import { expect, test } from "@playwright/test";
import { syntheticNpi, syntheticTin } from "../../lib/roster/generate";
import { DEMO, signIn } from "./helpers";

// Streamed imports (issue 13) through the real upload route, the in-process queue of the embedded database
// and the page's polling: a roster file committed in the background, a measure file refused with its problems.
const ROSTER_HEADER = "TIN,TIN name,NPI,First name,Last name,Clinician type,Membership start,Performance year,Allowed charges,Part B beneficiaries";
const HEADER = "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no";

test("a large roster file is imported in the background with progress and a final report", async ({ page }) => {
  const n = Date.now() % 1_000_000;
  const tin = syntheticTin(880_000_000 + n);
  const npi = syntheticNpi(88_000_000 + n);
  await signIn(page, DEMO.lakesideAdmin);
  await page.goto("/o/lakeside/roster-import");
  const streamed = page.getByTestId("streamed-import");
  await streamed.getByLabel(/Roster CSV/).setInputFiles({
    name: `big-roster-${n}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(`${ROSTER_HEADER}\n${tin},Streamed Practice ${n},${npi},Stream,Clinician,MD,2018-01-01,2018,150000,400\n`),
  });
  await streamed.getByRole("button", { name: new RegExp(`Import big-roster-${n}\\.csv`) }).click();
  await expect(streamed.getByText(new RegExp(`Imported big-roster-${n}\\.csv: 1 row\\(s\\)`))).toBeVisible({ timeout: 20_000 });
});

test("a measure file with problems is refused whole, every problem listed; another organization's upload is a 404", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const base = page.url().replace(/(\/o\/[^/]+).*/, "$1");
  await page.goto(`${base}/data/import`);
  const streamed = page.getByTestId("streamed-import");
  const csv = [HEADER, `2018,999999999,,,2018-01-01,2018-12-31,PI_EP_1,1,10,`, `2018,111222555,,,2018-01-01,2018-12-31,PI_EP_1,20,10,`].join("\n");
  await streamed.getByLabel("Measure-data CSV").setInputFiles({ name: "large-with-problems.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await streamed.getByRole("button", { name: /Import large-with-problems\.csv/ }).click();
  const report = streamed.getByRole("alert");
  await expect(report.getByText(/Nothing was imported: 1 problem\(s\) in large-with-problems\.csv/)).toBeVisible({ timeout: 20_000 });
  await expect(report.getByText("large-with-problems.csv: row 3, column numerator")).toBeVisible();

  // The upload route checks the organization like every procedure: Lakeside's admin is refused at Riverside.
  const outsider = await page.context().browser()!.newContext();
  const outsiderPage = await outsider.newPage();
  await signIn(outsiderPage, DEMO.lakesideAdmin);
  const refused = await outsiderPage.request.post(`${base.replace(/.*\/o\//, "/o/").replace("/o/", "/api/o/")}/imports?kind=cehrt_csv&name=x.csv`, { data: Buffer.from(csv), headers: { "Content-Type": "text/csv" } });
  expect(refused.status()).toBe(404);
  await outsider.close();
});

test("a measure file naming a CEHRT ID new to its TIN asks for the vendor, then registers the product and imports", async ({ page }) => {
  // Its own TIN and clinician (a roster file first), so no other spec's figures change.
  const n = (Date.now() % 1_000_000) + 1;
  const tin = syntheticTin(870_000_000 + n);
  const npi = syntheticNpi(87_000_000 + n);
  const cehrtId = `0015E${String(n).padStart(10, "0")}`;
  await signIn(page, DEMO.lakesideAdmin);
  await page.goto("/o/lakeside/roster-import");
  let streamed = page.getByTestId("streamed-import");
  await streamed.getByLabel(/Roster CSV/).setInputFiles({ name: `vendor-roster-${n}.csv`, mimeType: "text/csv", buffer: Buffer.from(`${ROSTER_HEADER}\n${tin},Vendor Practice ${n},${npi},Vee,Endor,MD,2018-01-01,2018,150000,400\n`) });
  await streamed.getByRole("button", { name: new RegExp(`Import vendor-roster-${n}\\.csv`) }).click();
  await expect(streamed.getByText(/Imported vendor-roster-.*1 row\(s\)/)).toBeVisible({ timeout: 20_000 });

  await page.goto("/o/lakeside/data/import");
  streamed = page.getByTestId("streamed-import");
  const csv = [HEADER, `2018,${tin},${npi},${cehrtId},2018-01-01,2018-12-31,PI_EP_1,3,10,`].join("\n");
  await streamed.getByLabel("Measure-data CSV").setInputFiles({ name: `new-product-${n}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await streamed.getByRole("button", { name: new RegExp(`Import new-product-${n}\\.csv`) }).click();
  await expect(streamed.getByText(/Nothing was imported yet: 1 CEHRT ID\(s\) .* are new to their TIN/)).toBeVisible({ timeout: 20_000 });
  const submit = streamed.getByRole("button", { name: /Name 1 more vendor/ });
  await expect(submit).toBeDisabled();
  await streamed.getByLabel(new RegExp(`Vendor of ${cehrtId}`)).fill("E2E Health Systems");
  await streamed.getByRole("button", { name: "Register the products and import" }).click();
  await expect(streamed.getByText(new RegExp(`Imported new-product-${n}\\.csv: 1 report\\(s\\) added.*1 CEHRT product\\(s\\) registered`))).toBeVisible({ timeout: 20_000 });
});
