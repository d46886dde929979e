/**
 * What would change a group's PI reweighting, per blocking clinician, in the words of the rules page 5:
 * only an approved hardship application counts; applications are due December 31 of the performance
 * year; submitting PI data cancels reweighting; lacking CEHRT is never a reason.
 */
import { describeDaysLeft, daysBetween, hardshipApplicationDeadline } from "@/lib/mips/deadlines";
import { longDate } from "@/lib/mips/year-calendar";
import type { ClinicianUnderTinStatus } from "../roster/status";

const REASON_WORDS: Record<string, string> = {
  insufficientInternetConnectivity: "insufficient internet connectivity",
  extremeAndUncontrollableCircumstances: "extreme and uncontrollable circumstances",
  lackOfControlOverCehrt: "lack of control over the availability of CEHRT",
  smallPractice: "small practice",
  decertifiedEhrTechnology: "decertified EHR technology",
};

export function hardshipReasonWords(reason: string): string {
  return REASON_WORDS[reason] ?? reason;
}

/** One sentence saying what would make this blocking clinician qualify. */
export function unblockAdvice(clinician: Pick<ClinicianUnderTinStatus, "firstName" | "lastName" | "hardship">, performanceYear: number, today: string): string {
  const name = `${clinician.firstName} ${clinician.lastName}`;
  const deadline = hardshipApplicationDeadline(performanceYear);
  const daysLeft = daysBetween(today, deadline);
  const left = describeDaysLeft(daysLeft);
  const h = clinician.hardship;
  // Once the year's applications have closed, filing one is no longer advice anyone can follow.
  const closed = daysLeft < 0 ? `Hardship applications for ${performanceYear} closed on ${longDate(deadline)}` : null;
  if (h?.status === "pending") {
    return `The hardship application of ${name} (${hardshipReasonWords(h.reason)}${h.scope === "tin" ? ", filed for the whole TIN" : ""}) awaits CMS's decision: once CMS approves it (record the decision when it arrives) they qualify.`;
  }
  if (h?.status === "dismissed" && closed) {
    return `The hardship application of ${name} was dismissed and does not count. ${closed}; correct their roster status if they are hospital-based, ASC-based or non-patient facing.`;
  }
  if (h?.status === "dismissed") {
    return `The hardship application of ${name} was dismissed and does not count; a new application is due ${deadline} (${left}), or correct their roster status if they are hospital-based, ASC-based or non-patient facing.`;
  }
  if (closed) return `${closed}, so no application can lift ${name}'s block now; correct their roster status if they are hospital-based, ASC-based or non-patient facing.`;
  return `File a hardship application for ${name} with CMS by ${deadline} (${left}); if CMS approves it they qualify. Or correct their roster status if they are hospital-based, ASC-based or non-patient facing.`;
}
