import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { syntheticNpi, syntheticTin } from "../../lib/roster/generate";
import { DEMO, signIn, uniqueId } from "./helpers";

/** Unique identifiers per run, so this spec does not depend on other tests or on order. */
function uniqueNumber(): number {
  return Math.floor(Math.random() * 80_000_000) + 10_000_000;
}

const HEADER = "TIN,TIN name,NPI,First name,Last name,Clinician type,Membership start,Performance year,Allowed charges,Part B beneficiaries";

async function upload(page: Page, name: string, csv: string) {
  await page.getByLabel("Roster CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
}

test.describe("roster", () => {
  test("an admin adds a TIN and two clinicians, imports a CSV with errors then fixed, records CMS's approval of a hardship and the TIN becomes reweighted", async ({ page }) => {
    const id = uniqueId();
    const n = uniqueNumber();
    const tin = syntheticTin(n);
    const tinDisplay = `${tin.slice(0, 2)}-${tin.slice(2)}`;
    const tinName = `E2E Practice ${id}`;
    const npNpi = syntheticNpi(n);
    const doctorNpi = syntheticNpi(n + 1);
    const doctorLast = `Doctor${id}`;

    await signIn(page, DEMO.admin);
    await page.goto("/o/riverside/tins?year=2018");
    // Bad input first: the field says what is expected and nothing is created.
    await page.getByLabel("TIN", { exact: true }).fill("12-34");
    await page.getByLabel("TIN name").fill(tinName);
    await page.getByRole("button", { name: "Add TIN" }).click();
    await expect(page.getByText("a TIN is 9 digits, e.g. 12-3456789 or 123456789", { exact: true })).toBeVisible();
    await page.getByLabel("TIN", { exact: true }).fill(tinDisplay);
    await page.getByRole("button", { name: "Add TIN" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${tinName} (${tinDisplay})` })).toBeVisible();

    await page.goto("/o/riverside/clinicians?year=2018");
    for (const [npi, first, last, type] of [
      [npNpi, "Nora", `Practitioner${id}`, "Nurse practitioner (NP)"],
      [doctorNpi, "Dana", doctorLast, "Physician (MD/DO, DMD/DDS, ...)"],
    ] as const) {
      await page.getByLabel("NPI").fill(npi);
      await page.getByLabel("First name").fill(first);
      await page.getByLabel("Last name").fill(last);
      await page.getByLabel("Clinician type").selectOption({ label: type });
      await page.getByLabel("Bills under TIN").selectOption({ label: `${tinName} (${tinDisplay})` });
      await page.getByLabel("Billing since").fill("2018-01-01");
      await page.getByRole("button", { name: "Add clinician" }).click();
      await expect(page.getByLabel("NPI")).toHaveValue("");
    }
    await page.getByLabel("Search").fill(id);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByRole("link", { name: `${doctorLast}, Dana` })).toBeVisible();
    await expect(page.getByRole("link", { name: `Practitioner${id}, Nora` })).toBeVisible();

    // A file with errors: every problem listed with row and column, nothing written.
    await page.goto("/o/riverside/roster-import");
    const badNpi = `${doctorNpi.slice(0, 9)}${(Number(doctorNpi[9]) + 1) % 10}`;
    await upload(page, "with-errors.csv", `${HEADER}\n${tin},${tinName},${npNpi},Nora,Practitioner${id},NP,2018-01-01,2018,150000,400\n${tin},${tinName},${badNpi},Dana,${doctorLast},wizard,2018-01-01,2018,lots,400\n`);
    await expect(page.getByText("3 problems in with-errors.csv; nothing will be imported")).toBeVisible();
    const problems = page.getByRole("table", { name: "Problems in the file" });
    await expect(problems.getByRole("row")).toHaveCount(1 + 3);
    await expect(problems.getByRole("row").filter({ hasText: "fails its check digit" })).toContainText("3");
    await expect(problems.getByRole("row").filter({ hasText: "is not a clinician type" })).toContainText("Clinician type");
    await expect(problems.getByRole("row").filter({ hasText: "is not an amount in dollars" })).toContainText("Allowed charges");

    await upload(page, "fixed.csv", `${HEADER}\n${tin},${tinName},${npNpi},Nora,Practitioner${id},NP,2018-01-01,2018,150000,400\n${tin},${tinName},${doctorNpi},Dana,${doctorLast},MD,2018-01-01,2018,"$250,000",600\n`);
    await page.getByRole("button", { name: "Import 2 rows" }).click();
    await expect(page.getByText("Imported fixed.csv")).toBeVisible();

    // The physician blocks the 100% rule until a hardship application is approved.
    await page.goto("/o/riverside/tins?year=2018");
    await page.getByLabel("Search").fill(tinName);
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByRole("link", { name: tinDisplay }).click();
    await expect(page.getByText("This TIN must report PI in 2018")).toBeVisible();
    const blocking = page.getByRole("list", { name: "Clinicians who block reweighting" });
    await expect(blocking).toContainText(`Dana ${doctorLast}`);
    await expect(blocking).not.toContainText(`Practitioner${id}`);

    // Filing late is refused with why; on time it is recorded as pending.
    await page.getByLabel("Applies to").selectOption({ label: `Dana ${doctorLast} (${doctorNpi})` });
    await page.getByLabel("Reason").selectOption({ label: "Small practice" });
    await page.getByLabel("Filed with CMS on").fill("2019-01-05");
    await page.getByRole("button", { name: "Record hardship application" }).click();
    await expect(page.getByText("had to be filed by December 31, 2018")).toBeVisible();
    await page.getByLabel("Filed with CMS on").fill("2018-10-01");
    await page.getByRole("button", { name: "Record hardship application" }).click();
    await expect(page.getByText("is pending: only an approved application counts")).toBeVisible();

    // CMS decides: the admin records CMS's approval with the day CMS decided.
    await page.getByText("Record CMS's decision").click();
    const decision = page.getByRole("form", { name: `CMS's decision on hardship of Dana ${doctorLast}` });
    await decision.getByLabel("CMS decided").selectOption("approved");
    await decision.getByLabel("Date of CMS's decision").fill("2018-11-20");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByText("PI is reweighted to 0% for this TIN in 2018")).toBeVisible();
    await expect(page.getByRole("list", { name: "Clinicians who block reweighting" })).toHaveCount(0);
  });

  test("a TIN of 60 clinicians shows its clinicians and blockers 25 at a time, and the hardship form asks for an NPI instead of listing them", async ({ page }) => {
    const id = uniqueId();
    const n = uniqueNumber();
    const tin = syntheticTin(n);
    const tinDisplay = `${tin.slice(0, 2)}-${tin.slice(2)}`;
    const tinName = `E2E Large ${id}`;
    const last = (i: number) => `Many${id}x${String(i).padStart(2, "0")}`;
    const npi = (i: number) => syntheticNpi(n + i);
    const rows = Array.from({ length: 60 }, (_, i) => `${tin},${tinName},${npi(i)},Dr,${last(i)},MD,2018-01-01,2018,250000,600`);

    await signIn(page, DEMO.admin);
    await page.goto("/o/riverside/roster-import");
    await upload(page, "large.csv", `${HEADER}\n${rows.join("\n")}\n`);
    await page.getByRole("button", { name: "Import 60 rows" }).click();
    await expect(page.getByText("Imported large.csv")).toBeVisible();

    await page.goto("/o/riverside/tins?year=2018");
    await page.getByLabel("Search").fill(tinName);
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByRole("link", { name: tinDisplay }).click();
    await expect(page.getByText("60 clinicians bill under this TIN in 2018")).toBeVisible();
    const table = page.getByRole("table", { name: "Clinicians billing under this TIN in 2018" });
    await expect(table.getByRole("row")).toHaveCount(1 + 25);
    await expect(page.getByRole("navigation", { name: "Pages of clinicians", exact: true })).toContainText("1–25 of 60");
    // Every physician with figures above the threshold blocks the 100% rule: 60 blockers, a page of them.
    await expect(page.getByRole("list", { name: "Clinicians who block reweighting" }).getByRole("listitem")).toHaveCount(25);
    await expect(page.getByRole("navigation", { name: "Pages of clinicians who block reweighting" })).toContainText("1–25 of 60");

    // The clinicians' next page; the blockers stay on their first page.
    await page.getByRole("navigation", { name: "Pages of clinicians", exact: true }).getByRole("link", { name: "Next" }).click();
    await expect(page.getByRole("navigation", { name: "Pages of clinicians", exact: true })).toContainText("26–50 of 60");
    await expect(table).toContainText(last(25));
    await expect(table).not.toContainText(last(24));
    await expect(page.getByRole("list", { name: "Clinicians who block reweighting" })).toContainText(last(0));
    // Two paginated lists on one page: distinct navigation names, and nothing serious for axe.
    const violations = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // No select of 60 clinicians: the NPI, checked against the TIN's clinicians by the server.
    await expect(page.getByRole("combobox", { name: "Applies to" })).toHaveCount(0);
    const npiField = page.getByRole("textbox", { name: "Applies to (clinician's NPI)" });
    await npiField.fill(npi(100));
    await page.getByLabel("Reason").selectOption({ label: "Small practice" });
    await page.getByLabel("Filed with CMS on").fill("2018-10-01");
    await page.getByRole("button", { name: "Record hardship application" }).click();
    await expect(page.getByText(`No clinician with NPI ${npi(100)} bills under TIN ${tinDisplay}`)).toBeVisible();
    await npiField.fill(npi(30));
    await page.getByRole("button", { name: "Record hardship application" }).click();
    await expect(page.getByRole("cell", { name: `Dr ${last(30)}` })).toBeVisible();
  });

  test("an executive reads the roster but has no edit controls", async ({ page }) => {
    await signIn(page, DEMO.executive);
    await page.goto("/o/riverside/tins?year=2018");
    await expect(page.getByRole("link", { name: "11-1222444" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add TIN" })).toHaveCount(0);
    await page.getByRole("link", { name: "11-1222444" }).click();
    await expect(page.getByText("This TIN must report PI in 2018")).toBeVisible();
    await expect(page.getByRole("list", { name: "Clinicians who block reweighting" })).toContainText("Casey Clinician");
    await expect(page.getByText("Record CMS's decision")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save TIN" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Record hardship application" })).toHaveCount(0);
    await expect(page.getByText("Read-only: only admins change the roster")).toBeVisible();
    await page.goto("/o/riverside/clinicians");
    await expect(page.getByRole("button", { name: "Add clinician" })).toHaveCount(0);
    await page.goto("/o/riverside/roster-import");
    await expect(page.getByText("This page needs the admin role; you are executive")).toBeVisible();
  });

  test("a clinician sees only their own clinician record", async ({ page }) => {
    await signIn(page, DEMO.clinician);
    await page.goto("/o/riverside/clinicians");
    await expect(page.getByRole("link", { name: "Clinician, Casey" })).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount(2);
    await page.goto("/o/riverside/tins?year=2018");
    await expect(page.getByText("This page needs the admin or executive role; you are clinician")).toBeVisible();
  });
  test("an admin sees the demo virtual group, hardship deadlines, a clinician's figures, and exports the roster", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/o/riverside/virtual-groups?year=2018");
    await expect(page.getByText("Riverside Small Practices (2018)")).toBeVisible();
    await expect(page.getByText(/elected 2017-12-01 \(due by 2017-12-31\)/)).toBeVisible();
    await page.goto("/o/riverside/hardships?year=2018&status=pending");
    await expect(page.getByRole("cell", { name: "Insufficient internet connectivity" }).first()).toBeVisible();
    await expect(page.getByText("due by 2018-12-31").first()).toBeVisible();
    await page.goto("/o/riverside/clinicians?year=2018&q=Okafor");
    await page.getByRole("link", { name: "Okafor, Hana" }).click();
    await expect(page.getByText("hospital-based (automatic)").first()).toBeVisible();
    await expect(page.getByLabel("Part B beneficiaries")).not.toHaveValue("");
    const response = await page.request.get("/o/riverside/roster-import/export");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    expect((await response.text()).split("\r\n")[0]).toBe("TIN,TIN name,NPI,First name,Last name,Clinician type,Specialty,Membership start,Membership end,Performance year,Non-patient facing,Hospital-based,ASC-based,Rural,HPSA,Allowed charges,Part B beneficiaries,Newly enrolled,Advanced APM QP");
  });
  test("submitted PI data cancels an NP's automatic reweighting: the clinician list filter and the detail say so", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/o/riverside/clinicians?year=2018&reweighting=dataSubmitted");
    await expect(page.getByRole("link", { name: "Blake, Aaron" })).toBeVisible();
    await expect(page.getByText("Reports PI (data submitted)").first()).toBeVisible();
    await page.getByRole("link", { name: "Blake, Aaron" }).click();
    await expect(page.getByTestId("clinician-pi-data-note")).toHaveText(/PI data submitted for 2018 \(1 report\) — this cancels the automatic reweighting/);
    await page.goto("/o/riverside/virtual-groups?year=2018");
    await expect(page.getByRole("button", { name: "Delete virtual group Riverside Small Practices" })).toBeVisible();
  });

  test("a clinician of a type not MIPS eligible reads as outside the 100% rule, not as reporting PI", async ({ page }) => {
    await signIn(page, DEMO.executive);
    await page.goto("/o/riverside/tins?year=2018");
    await page.getByRole("link", { name: "11-1222555" }).click();
    // Carl Jensen, audiologist: not a MIPS eligible type in 2018 (the TIN dashboard says "outside the rule" too).
    const row = page.getByRole("row").filter({ hasText: "Carl Jensen" });
    await expect(row.getByText("Not an eligible type")).toBeVisible();
    await expect(row.getByText("Outside the 100% rule", { exact: true })).toBeVisible();
    await expect(row.getByText("Reports PI")).toHaveCount(0);
    await expect(row).not.toContainText("no reweighting reason");
  });

  test("the report entry page lists 100 of a TIN's 130 clinicians and finds the others by NPI", async ({ page }) => {
    const id = uniqueId();
    const n = uniqueNumber();
    const tin = syntheticTin(n);
    const tinName = `E2E Hospital ${id}`;
    const npi = (i: number) => syntheticNpi(n + i);
    const rows = Array.from({ length: 130 }, (_, i) => `${tin},${tinName},${npi(i)},Dr,Hosp${id}x${String(i).padStart(3, "0")},MD,2018-01-01,2018,250000,600`);
    await signIn(page, DEMO.admin);
    await page.goto("/o/riverside/roster-import");
    await upload(page, "hospital.csv", `${HEADER}\n${rows.join("\n")}\n`);
    await page.getByRole("button", { name: "Import 130 rows" }).click();
    await expect(page.getByText("Imported hospital.csv")).toBeVisible();
    await page.goto(`/o/riverside/tins?year=2018&q=${encodeURIComponent(tinName)}`);
    const href = await page.getByRole("link", { name: `${tin.slice(0, 2)}-${tin.slice(2)}` }).getAttribute("href");
    const tinId = /\/tins\/([0-9a-f-]{36})/.exec(href!)![1]!;

    await page.goto(`/o/riverside/data/new?year=2018&tin=${tinId}`);
    const select = page.getByLabel("Clinician (NPI)");
    await expect(select.locator("option")).toHaveCount(1 + 100);
    await expect(page.getByText("130 of the TIN's 130 clinicians match; the first 100 are in the clinician list.")).toBeVisible();
    await page.getByLabel("Find a clinician").fill(npi(129));
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.getByText("1 of the TIN's 130 clinicians match.")).toBeVisible();
    await expect(select.locator("option")).toHaveCount(2);
    await expect(select.locator("option:checked")).toHaveText(new RegExp(npi(129)));
  });
});
