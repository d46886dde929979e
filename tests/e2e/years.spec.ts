/**
 * Performance years in the portal: every page opens on the current performance year (2026 on the
 * machine's clock in December 2026; the year is computed, so the test reads it from the clock too), the
 * year switcher moves every page to the chosen year, and an unsupported year answers 404 with the years
 * that exist.
 */
import { expect, test, type Page } from "@playwright/test";
import { currentPerformanceYear } from "../../lib/mips/years";
import { DEMO, signIn } from "./helpers";

const CURRENT = currentPerformanceYear();
const OTHER = CURRENT === 2025 ? 2024 : 2025;

/** Picks a year with the page's switcher: links (dashboards, data, virtual groups) or the GET form's select. */
async function switchYear(page: Page, year: number, submit?: string) {
  if (submit) {
    await page.getByLabel("Performance year").selectOption(String(year));
    await page.getByRole("button", { name: submit }).click();
  } else {
    await page.getByRole("navigation", { name: "Performance year" }).getByRole("link", { name: String(year), exact: true }).click();
  }
  await expect(page).toHaveURL(new RegExp(`[?&]year=${year}`));
}

const PAGES: { name: string; path: string; submit?: string; shows: (year: number) => RegExp }[] = [
  { name: "dashboard", path: "dashboard", shows: (y) => new RegExp(`Promoting Interoperability in ${y}`) },
  { name: "TINs", path: "tins", submit: "Show", shows: (y) => new RegExp(`100% rule for ${y}`) },
  { name: "clinicians", path: "clinicians", submit: "Filter", shows: (y) => new RegExp(`PI reweighting for ${y}`) },
  { name: "CEHRT data", path: "data", shows: (y) => new RegExp(`Promoting Interoperability data for ${y} per TIN`) },
  { name: "hardships", path: "hardships", submit: "Filter", shows: (y) => new RegExp(`PI hardship exception applications for ${y}, due by`) },
  { name: "virtual groups", path: "virtual-groups", shows: (y) => new RegExp(`reporting together for ${y}`) },
];

test("every page opens on the current performance year and the year switcher moves it to another", async ({ page }) => {
  await signIn(page, DEMO.admin);
  for (const p of PAGES) {
    await page.goto(`/o/riverside/${p.path}`);
    await expect(page.getByText(p.shows(CURRENT)), `${p.name} opens on ${CURRENT}`).toBeVisible();
    await switchYear(page, OTHER, p.submit);
    await expect(page.getByText(p.shows(OTHER)), `${p.name} after switching to ${OTHER}`).toBeVisible();
    await expect(page.getByText(p.shows(CURRENT)), `${p.name} no longer shows ${CURRENT}`).toHaveCount(0);
    await switchYear(page, 2018, p.submit);
    await expect(page.getByText(p.shows(2018)), `${p.name} in 2018`).toBeVisible();
  }
});

test("the selectors list 2026 down to 2017", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/o/riverside/tins");
  await expect(page.getByLabel("Performance year").locator("option")).toHaveText(["2026", "2025", "2024", "2023", "2022", "2021", "2020", "2019", "2018", "2017"]);
  await page.goto("/o/riverside/dashboard");
  await expect(page.getByRole("navigation", { name: "Performance year" }).getByRole("link")).toHaveText(["2026", "2025", "2024", "2023", "2022", "2021", "2020", "2019", "2018", "2017"]);
  await expect(page.getByRole("navigation", { name: "Performance year" }).getByRole("link", { name: String(CURRENT) })).toHaveAttribute("aria-current", "page");
});

test("an unsupported year answers 404 with the years that exist, never another year", async ({ page }) => {
  await signIn(page, DEMO.admin);
  for (const path of ["dashboard?year=2027", "tins?year=2027", "data?year=abc", "hardships?year=2016", "virtual-groups?year=2027", "data/new?year=2027"]) {
    const response = await page.goto(`/o/riverside/${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" }), path).toBeVisible();
    await expect(page.getByRole("note", { name: "Supported performance years" }), path).toHaveText(
      "Supported performance years: 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026. Performance year 2027 and later are not supported yet: their rules are not final or not yet sourced.",
    );
  }
});

test("the roster export takes ?year=: one year's rows, or a 404 saying why for an unsupported year", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const refused = await page.request.get("/o/riverside/roster-import/export?year=2027");
  expect(refused.status()).toBe(404);
  expect(await refused.text()).toMatch(/performance year 2027 is not supported yet.*supported: 2017-2026/);
  const response = await page.request.get("/o/riverside/roster-import/export?year=2026");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toContain("roster-riverside-2026.csv");
  const [header, ...rows] = (await response.text()).trim().split("\r\n");
  const yearColumn = header!.split(",").indexOf("Performance year");
  // Each row is a membership with that year's figures, or a membership without figures (blank year): never another year.
  const years = rows.map((r) => r.split(",")[yearColumn]);
  expect(years.filter((y) => y === "2026").length).toBeGreaterThanOrEqual(25 + 17);
  expect(years.filter((y) => y !== "2026" && y !== "")).toEqual([]);
});
