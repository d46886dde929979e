/** 2017 ACI differences (rules page 6.8), from the 2017 catalog. */
import { describe, expect, it } from "vitest";
import { scorePiCategory } from "../../../lib/mips";
import { input, p } from "./helpers";

const aciBase = (extra: Record<string, unknown> = {}) =>
  input(2017, "2015", {
    ACI_INFBLO_1: true,
    ACI_ONCDIR_1: true,
    ACI_PPHI_1: true,
    ACI_EP_1: p(50, 100),
    ACI_PEA_1: p(50, 100),
    ACI_HIE_1: p(50, 100),
    ACI_HIE_2: p(50, 100),
    ...(extra as Record<string, boolean>),
  });

describe("2017 ACI", () => {
  it("same base/performance structure: 50 + 15", () => {
    const r = scorePiCategory(aciBase());
    expect([r.base, r.performance, r.bonus, r.total]).toEqual([50, 15, 0, 65]);
    expect(r.finalScorePoints).toBe(16.25);
  });

  it("no 2015-Edition-only bonus, even with 2015 Edition CEHRT and only ACI-set measures", () => {
    const r = scorePiCategory(aciBase());
    expect(r.bonuses).toEqual([]);
    expect(r.messages.join("\n")).not.toMatch(/2015-Edition bonus/);
  });

  it("immunization registry earns the 10 performance points", () => {
    const r = scorePiCategory(aciBase({ ACI_PHCDRR_1: true }));
    expect(r.performance).toBe(25);
    expect(r.bonus).toBe(0);
  });

  it("any other registry yes earns the 5 bonus, not performance points", () => {
    const r = scorePiCategory(aciBase({ ACI_PHCDRR_2: true }));
    expect(r.performance).toBe(15);
    expect(r.bonus).toBe(5);
    const both = scorePiCategory(aciBase({ ACI_PHCDRR_1: true, ACI_PHCDRR_3: true, ACI_PHCDRR_4: true }));
    expect([both.performance, both.bonus]).toEqual([25, 5]);
  });

  it("IA via CEHRT +10", () => {
    expect(scorePiCategory(aciBase({ ACI_IACEHRT_1: true })).bonus).toBe(10);
  });

  it("the transition set uses ACI_TRANS_* ids with PEA and HIE worth 20", () => {
    const r = scorePiCategory(
      input(2017, "2014", {
        ACI_INFBLO_1: true,
        ACI_ONCDIR_1: true,
        ACI_TRANS_PPHI_1: true,
        ACI_TRANS_EP_1: p(30, 750),
        ACI_TRANS_PEA_1: p(250, 750),
        ACI_TRANS_HIE_1: p(650, 750),
        ACI_TRANS_PEA_2: p(475, 750),
        ACI_TRANS_SM_1: p(100, 750),
        ACI_TRANS_MR_1: p(250, 750),
      }),
    );
    expect([r.measureSet, r.total, r.finalScorePoints]).toEqual(["transition", 89, 22.25]);
  });

  it("a missing ACI attestation fails the category", () => {
    const r = scorePiCategory(aciBase({ ACI_ONCDIR_1: false }));
    expect(r.total).toBe(0);
    expect(r.failedPrerequisites[0]?.measureId).toBe("ACI_ONCDIR_1");
  });
});
