/**
 * A warning from reading a vendor file: the file still converts, but the user should know (an NPI failing
 * its check digit, an old measure id mapped to this year's id, a CEHRT ID we could not use).
 */
export interface FormatWarning {
  /** The file (or label) the warning is about. */
  source: string;
  /** Element path (`/ClinicalDocument/...`) or JSON path; empty when it concerns the whole file. */
  path: string;
  message: string;
  /** The file converts, but CMS will reject it as it is (one of CMS's acceptance rules): shown before submission. */
  cmsRejects?: true;
}

/** One line for a CLI or a log: `file: path: message`. */
export function describeWarning(w: FormatWarning): string {
  const message = w.cmsRejects ? `CMS will reject this file: ${w.message}` : w.message;
  return w.path ? `${w.source}: ${w.path}: ${message}` : `${w.source}: ${message}`;
}

/** Collects warnings for one source. */
export class WarningList {
  readonly items: FormatWarning[] = [];
  constructor(readonly source: string) {}
  add(path: string, message: string): void {
    this.items.push({ source: this.source, path, message });
  }
  /** A finding: the file converts, but CMS will reject it as it is. */
  addCmsRejects(path: string, message: string): void {
    this.items.push({ source: this.source, path, message, cmsRejects: true });
  }
}
