/** CDA helpers shared by the QRDA III header and section readers: template ids and `id` elements. */
import { type XmlElement, attr, childrenNamed } from "../xml/tree";

/** The `@root` of each direct `templateId` child. */
export function templateIds(element: XmlElement): string[] {
  return childrenNamed(element, "templateId")
    .map((t) => attr(t, "root"))
    .filter((root): root is string => root !== undefined);
}

export function hasTemplate(element: XmlElement, root: string): boolean {
  return templateIds(element).includes(root);
}

/** Direct `id` children with the given `@root`. */
export function idsWithRoot(element: XmlElement, root: string): XmlElement[] {
  return childrenNamed(element, "id").filter((id) => attr(id, "root") === root);
}
