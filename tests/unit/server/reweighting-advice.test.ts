import { describe, expect, it } from "vitest";
import { unblockAdvice } from "@/server/services/dashboards/reweighting-advice";

const ada = { firstName: "Ada", lastName: "Test", hardship: null };

describe("what would lift a blocker", () => {
  it("while applications are open: file one by the deadline, with the days left", () => {
    expect(unblockAdvice(ada, 2018, "2018-11-23")).toMatch(/^File a hardship application for Ada Test with CMS by 2018-12-31 \(38 days left\)/);
  });

  it("once they closed: says so with the date, never 'passed N days ago' nor advice to file", () => {
    const advice = unblockAdvice(ada, 2018, "2026-12-01");
    expect(advice).toBe("Hardship applications for 2018 closed on December 31, 2018, so no application can lift Ada Test's block now; correct their roster status if they are hospital-based, ASC-based or non-patient facing.");
    const dismissed = unblockAdvice({ ...ada, hardship: { status: "dismissed", reason: "insufficientInternetConnectivity", scope: "clinician" } as never }, 2018, "2026-12-01");
    expect(dismissed).toMatch(/was dismissed and does not count\. Hardship applications for 2018 closed on December 31, 2018;/);
    expect(dismissed).not.toMatch(/days ago|due/);
  });
});
