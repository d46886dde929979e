/** A TIN or clinician select lists at most 100: those matching the search (TIN or NPI digits, or name), the selected one always. */
import { describe, expect, it } from "vitest";
import { TIN_CHOICES_MAX, clinicianChoices, tinChoices } from "@/lib/roster/tin-choices";

const tins = Array.from({ length: 1000 }, (_, i) => ({ id: `id-${i}`, tin: String(700_000_000 + i), name: `Practice ${String(i).padStart(3, "0")}` }));

describe("tinChoices", () => {
  it("lists every TIN of a small organization", () => {
    const few = tins.slice(0, 5);
    expect(tinChoices(few)).toEqual({ shown: few, total: 5, matching: 5, query: "" });
  });

  it("lists the first 100 of 1,000, with the selected TIN first when it is not among them", () => {
    const c = tinChoices(tins, { selected: "id-999" });
    expect(c.shown).toHaveLength(TIN_CHOICES_MAX + 1);
    expect(c.shown[0]!.id).toBe("id-999");
    expect(c.shown[1]!.id).toBe("id-0");
    expect([c.total, c.matching]).toEqual([1000, 1000]);
    expect(tinChoices(tins, { selected: "id-5" }).shown).toHaveLength(TIN_CHOICES_MAX);
  });

  it("finds TINs by digits (dashes ignored) or by a part of the name, any case", () => {
    expect(tinChoices(tins, { query: "70-0000123" }).shown.map((t) => t.id)).toEqual(["id-123"]);
    expect(tinChoices(tins, { query: " practice 12 " }).shown.map((t) => t.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Practice 12${i}`));
    const none = tinChoices(tins, { query: "no such clinic", selected: "id-7" });
    expect([none.shown.map((t) => t.id), none.matching, none.query]).toEqual([["id-7"], 0, "no such clinic"]);
  });
});

describe("clinicianChoices", () => {
  const clinicians = Array.from({ length: 2000 }, (_, i) => ({ tinId: "tin-1", clinicianId: `c-${i}`, npi: String(1_000_000_000 + i), name: `Lee, Dana ${i}` }));

  it("lists the first 100 of a TIN's 2,000 clinicians, the selected one (a clinician's own NPI) always", () => {
    const c = clinicianChoices(clinicians, { selected: "c-1999" });
    expect(c.shown).toHaveLength(TIN_CHOICES_MAX + 1);
    expect(c.shown[0]!.clinicianId).toBe("c-1999");
    expect([c.total, c.matching]).toEqual([2000, 2000]);
    expect(clinicianChoices(clinicians.slice(0, 3))).toEqual({ shown: clinicians.slice(0, 3), total: 3, matching: 3, query: "" });
  });

  it("finds clinicians by NPI digits or a part of the name, any case", () => {
    expect(clinicianChoices(clinicians, { query: "1000001234" }).shown.map((c) => c.clinicianId)).toEqual(["c-1234"]);
    expect(clinicianChoices(clinicians, { query: "DANA 199" }).shown.map((c) => c.clinicianId)).toEqual(["c-199", ...Array.from({ length: 10 }, (_, i) => `c-199${i}`)]);
    expect(clinicianChoices(clinicians, { query: "nobody" }).matching).toBe(0);
  });
});
