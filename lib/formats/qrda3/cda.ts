/** CDA helpers shared by the QRDA III header and section readers: template ids and `id` elements. */
import { type XmlElement, attr, childrenNamed } from "../xml/tree";

/** The `@root` of each direct `templateId` child. */
export function templateIds(element: XmlElement): string[] {
  return childrenNamed(element, "templateId")
    .map((t) => attr(t, "root"))
    .filter((root): root is string => root !== undefined);
}

export function hasTemplate(element: XmlElement, root: string): boolean {
  // Called for every element while parsing: a plain loop, no arrays allocated.
  for (const child of element.children) {
    if (child.local === "templateId" && child.uri === element.uri && child.attrs.get("root") === root) return true;
  }
  return false;
}

/** Direct `id` children with the given `@root`. */
export function idsWithRoot(element: XmlElement, root: string): XmlElement[] {
  return childrenNamed(element, "id").filter((id) => attr(id, "root") === root);
}
