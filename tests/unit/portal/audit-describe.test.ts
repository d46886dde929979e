/** Audit entries as sentences with a field-by-field diff, in the user's words. */
import { describe, expect, it } from "vitest";
import { actionFamily, auditChanges, describeAuditEntry } from "../../../lib/audit/describe";

describe("describeAuditEntry", () => {
  it("one changed field: 'Ada Admin changed Dr. Ben Reyes's hospital-based status from no to yes'", () => {
    const entry = { action: "membership_year.updated", targetType: "membership_year", actorName: "Ada Admin", targetName: "Dr. Ben Reyes", before: { performanceYear: 2026, hospitalBased: false, rural: true }, after: { performanceYear: 2026, hospitalBased: true, rural: true } };
    expect(describeAuditEntry(entry)).toBe("Ada Admin changed Dr. Ben Reyes's hospital-based status from no to yes");
  });

  it("several fields are listed by label; ids, versions and timestamps are not changes", () => {
    const before = { id: "x", version: 1, updatedAt: "2026-01-01", firstName: "Ben", lastName: "Reyes", clinicianType: "NP", specialty: null };
    const after = { id: "x", version: 2, updatedAt: "2026-02-01", firstName: "Ben", lastName: "Reyes", clinicianType: "physician", specialty: "Cardiology" };
    expect(describeAuditEntry({ action: "clinician.updated", targetType: "clinician", actorName: "Ada Admin", before, after })).toBe("Ada Admin changed 2 fields of clinician Ben Reyes: clinician type, specialty");
    expect(auditChanges(before, after)).toEqual([
      { field: "clinicianType", label: "clinician type", before: "NP", after: "physician" },
      { field: "specialty", label: "specialty", before: "none", after: "Cardiology" },
    ]);
  });

  it("creations and CMS decisions read as what happened; money in dollars", () => {
    expect(describeAuditEntry({ action: "tin.created", targetType: "tin", actorName: null, before: null, after: { tin: "123456789", name: "Northside Clinic" } })).toBe("The system added TIN Northside Clinic");
    expect(describeAuditEntry({ action: "hardship.approved", targetType: "hardship_application", actorName: "Ada Admin", targetName: "Ben Reyes", before: { status: "pending" }, after: { status: "approved", decidedOn: "2026-10-01" } })).toBe(
      "Ada Admin recorded CMS's approval of the hardship application of Ben Reyes",
    );
    expect(auditChanges({ allowedChargesCents: 9000000 }, { allowedChargesCents: 12550050 })).toEqual([{ field: "allowedChargesCents", label: "Medicare allowed charges", before: "$90,000.00", after: "$125,500.50" }]);
  });

  it("action family", () => {
    expect(actionFamily("tin_reporting_choice.updated")).toBe("tin_reporting_choice");
  });
});
