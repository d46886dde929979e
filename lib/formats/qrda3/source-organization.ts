/**
 * The organization a QRDA III file names as its author or custodian: usually the EHR vendor (or the
 * practice, when it exports itself). An import offers it as the vendor of a CEHRT product it does not know
 * yet; the user confirms or corrects it. CDA header: `author/assignedAuthor/representedOrganization/name`,
 * else `custodian/assignedCustodian/representedCustodianOrganization/name`.
 */
import { type XmlElement, childAt, childrenNamed } from "../xml/tree";

/** Longest name offered; the product's vendor field holds 200 characters. */
const MAX_NAME = 200;

function nameOf(organization: XmlElement | undefined): string | null {
  const text = organization ? childAt(organization, "name")?.text : undefined;
  const name = text?.replace(/\s+/g, " ").trim() ?? "";
  return name ? name.slice(0, MAX_NAME) : null;
}

/** The author's organization name, else the custodian's; null when the file names neither. */
export function readSourceOrganization(root: XmlElement): string | null {
  for (const author of childrenNamed(root, "author")) {
    const name = nameOf(childAt(author, "assignedAuthor", "representedOrganization"));
    if (name) return name;
  }
  for (const custodian of childrenNamed(root, "custodian")) {
    const name = nameOf(childAt(custodian, "assignedCustodian", "representedCustodianOrganization"));
    if (name) return name;
  }
  return null;
}
