/**
 * A small, read-only element tree: only the parts of a document a reader asked to keep (see
 * safe-parse.ts). Names are local names plus namespace URI, so prefixes never matter; attributes are the
 * unprefixed ones (CDA's `root`, `extension`, `value`, `code`, `nullFlavor`), by local name.
 */
export interface XmlElement {
  local: string;
  uri: string;
  attrs: ReadonlyMap<string, string>;
  children: XmlElement[];
  /** XPath-like location for messages: `/ClinicalDocument/component[1]/structuredBody[1]/component[3]/section[1]`. */
  path: string;
  /** 1-based line of the start tag, for messages. */
  line: number;
  /** The element's own text, only where the reader asked for it (`keepText`), else undefined. */
  text?: string;
}

export function attr(element: XmlElement, name: string): string | undefined {
  return element.attrs.get(name);
}

/** Children with a local name in the same namespace as the parent (CDA keeps one namespace). */
export function childrenNamed(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((c) => c.local === local && c.uri === element.uri);
}

export function firstChild(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local && c.uri === element.uri);
}

/** Follows a chain of child names, taking the first match at each step. */
export function childAt(element: XmlElement, ...locals: string[]): XmlElement | undefined {
  let current: XmlElement | undefined = element;
  for (const local of locals) {
    if (!current) return undefined;
    current = firstChild(current, local);
  }
  return current;
}

/** Every descendant (depth first, document order) matching the predicate. */
export function descendants(element: XmlElement, match: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const child of e.children) {
      if (match(child)) found.push(child);
      walk(child);
    }
  };
  walk(element);
  return found;
}

/** The first descendant (document order) for which `match` holds, or undefined; stops there. */
export function firstDescendant(element: XmlElement, match: (e: XmlElement) => boolean): XmlElement | undefined {
  for (const child of element.children) {
    if (match(child)) return child;
    const found = firstDescendant(child, match);
    if (found) return found;
  }
  return undefined;
}

/** `element path (line N)`, the location part of a message. */
export function where(element: XmlElement): string {
  return `${element.path} (line ${element.line})`;
}
