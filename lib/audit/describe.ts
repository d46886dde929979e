/**
 * An audit entry in words: "Ada Admin changed Ben Reyes's hospital-based status from no to yes", with
 * a field-by-field diff of before and after. Field names are shown as labels, never as code names;
 * bookkeeping fields (ids, versions, timestamps) are left out of the diff.
 */

export interface AuditEntryLike {
  action: string;
  targetType: string;
  before: unknown;
  after: unknown;
  actorName: string | null;
  /** The target's current name when it still exists (looked up by the caller), else taken from the entry. */
  targetName?: string | null;
}

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

const TARGET_LABELS: Record<string, string> = {
  clinician: "clinician",
  tin: "TIN",
  tin_membership: "TIN membership",
  membership_year: "year figures",
  hardship_application: "hardship application",
  virtual_group: "virtual group",
  tin_reporting_choice: "reporting choice",
  final_score_inputs: "final-score estimate",
  cehrt_product: "CEHRT product",
  security_risk_analysis: "security risk analysis",
  measure_report: "measure report",
  data_import: "data import",
  member: "member",
  membership: "member",
  invitation: "invitation",
  organization: "organization",
  user: "account",
};

const FIELD_LABELS: Record<string, string> = {
  nonPatientFacing: "non-patient facing status",
  hospitalBased: "hospital-based status",
  ascBased: "ASC-based status",
  rural: "rural status",
  hpsa: "HPSA status",
  allowedChargesCents: "Medicare allowed charges",
  partBBeneficiaries: "Part B beneficiaries",
  newlyEnrolled: "newly enrolled status",
  advancedApmQp: "Advanced APM QP status",
  clinicianType: "clinician type",
  firstName: "first name",
  lastName: "last name",
  npi: "NPI",
  tin: "TIN",
  name: "name",
  specialty: "specialty",
  startDate: "billing start date",
  endDate: "billing end date",
  performanceYear: "performance year",
  reason: "reason",
  status: "status",
  filedOn: "filing date",
  decidedOn: "date of CMS's decision",
  decisionReference: "CMS's decision reference",
  cmsReference: "CMS's application reference",
  notes: "notes",
  mode: "reporting mode",
  performanceStart: "period start",
  performanceEnd: "period end",
  quality: "Quality score",
  improvementActivities: "Improvement Activities score",
  cost: "Cost score",
  role: "role",
  email: "email",
  vendor: "vendor",
  productName: "product name",
  cehrtId: "CEHRT ID",
  cmsId: "CMS virtual group ID",
  electionDate: "election date",
  completedOn: "completion date",
  attestedBy: "attested by",
  archivedAt: "archived",
  inUseFrom: "in use from",
  inUseTo: "in use to",
  contentBase64: "file content",
  measureId: "measure",
  yesNo: "yes/no answer",
};

const IGNORED = new Set(["id", "organization", "expectedVersion", "version", "createdAt", "updatedAt", "organizationId", "tinId", "clinicianId", "membershipId", "userId", "productId", "virtualGroupId", "why"]);

/** "hospitalBased" -> "hospital based" for a field without a label. */
function words(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
}

export function fieldLabel(field: string): string {
  return words(field);
}

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (field === "allowedChargesCents" && typeof value === "number") return `$${(value / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The fields that differ between before and after (every field of the side that exists when only one does). */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED.has(k));
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: k, label: words(k), before: k in b ? show(k, b[k]) : "—", after: k in a ? show(k, a[k]) : "—" }));
}

/** The name of what changed, from the entry's own values: a person, a TIN, a named record. */
function targetName(entry: AuditEntryLike): string | null {
  if (entry.targetName) return entry.targetName;
  for (const side of [asRecord(entry.after), asRecord(entry.before)]) {
    if (typeof side.firstName === "string" && typeof side.lastName === "string") return `${side.firstName} ${side.lastName}`;
    if (typeof side.name === "string" && side.name) return side.name;
    if (typeof side.email === "string") return side.email;
    if (typeof side.tin === "string") return `TIN ${side.tin}`;
  }
  return null;
}

/** Records that belong to someone: "the hardship application of Ben Reyes", not "hardship application Ben Reyes". */
const OF_TARGETS = new Set(["hardship_application", "tin_reporting_choice", "final_score_inputs", "membership_year", "tin_membership", "security_risk_analysis"]);

const VERBS: Record<string, string> = {
  created: "added",
  added: "added",
  imported: "imported",
  updated: "changed",
  changed: "changed",
  role_changed: "changed the role of",
  removed: "removed",
  deleted: "deleted",
  archived: "archived",
  unarchived: "restored",
  withdrawn: "withdrew",
  filed: "recorded the filing of",
  approved: "recorded CMS's approval of",
  dismissed: "recorded CMS's dismissal of",
  decision_cleared: "cleared CMS's decision on",
  tin_added: "added a TIN to",
  tin_removed: "removed a TIN from",
};

/** One sentence for the entry. */
export function describeAuditEntry(entry: AuditEntryLike): string {
  const who = entry.actorName ?? "The system";
  const dot = entry.action.lastIndexOf(".");
  const verbKey = dot >= 0 ? entry.action.slice(dot + 1) : entry.action;
  const verb = VERBS[verbKey] ?? verbKey.replace(/_/g, " ");
  const noun = TARGET_LABELS[entry.targetType] ?? entry.targetType.replace(/_/g, " ");
  const name = targetName(entry);
  const what = name ? (OF_TARGETS.has(entry.targetType) ? `the ${noun} of ${name}` : `${noun} ${name}`) : `a ${noun}`;
  const changes = auditChanges(entry.before, entry.after);
  if ((verbKey === "updated" || verbKey === "changed") && entry.before && entry.after) {
    if (changes.length === 1) {
      const c = changes[0]!;
      return `${who} changed ${name ? `${name}'s` : `the ${noun}'s`} ${c.label} from ${c.before} to ${c.after}`;
    }
    if (changes.length === 0) return `${who} saved ${what} without changes`;
    return `${who} changed ${changes.length} fields of ${what}: ${changes.map((c) => c.label).join(", ")}`;
  }
  return `${who} ${verb} ${what}`;
}

/** The action family of an action name: "clinician.updated" -> "clinician". */
export function actionFamily(action: string): string {
  const dot = action.indexOf(".");
  return dot >= 0 ? action.slice(0, dot) : action;
}

const FAMILY_LABELS: Record<string, string> = {
  hardship: "hardship applications",
  clinician: "clinicians",
  tin: "TINs",
  tin_membership: "TIN memberships",
  membership_year: "year figures (statuses, low volume)",
  virtual_group: "virtual groups",
  tin_reporting_choice: "reporting choices",
  final_score_inputs: "final-score estimates",
  cehrt_product: "CEHRT products",
  security_risk_analysis: "security risk analyses",
  evidence_file: "evidence files",
  measure_report: "measure reports",
  data_import: "data imports",
  member: "members",
  user: "accounts and sign-ins",
  organization: "organization settings",
  roster: "roster imports",
};

/** The action family as the filter shows it: "hardship" -> "hardship applications". */
export function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? TARGET_LABELS[family] ?? family.replace(/_/g, " ");
}
