/**
 * Parses untrusted XML with saxes (streaming, namespace-aware) and keeps only the elements a reader asks
 * for. Hostile input is refused, never worked around:
 * - any DOCTYPE (no DTD, so no entity declarations, no external fetch, no "billion laughs");
 * - entities other than XML's five predefined ones and character references (saxes reports them);
 * - input over the size cap (checked before parsing) and nesting beyond the depth cap;
 * - more kept elements than the element cap (a memory bound for whatever the reader keeps);
 * - anything not well-formed, including a truncated document.
 * No regular expressions tokenize the XML. A document in the subset of XML that QRDA III files use is read by
 * the fast path first (fast-parse.ts: the same tree, about ten times less work than saxes); anything else,
 * including every refusal above, is decided by saxes, so its messages are saxes'.
 */
import { SaxesParser, type SaxesTagNS } from "saxes";
import { AppError, badInput } from "../../errors";
import { DEFAULT_XML_LIMITS, type XmlLimits, assertXmlSize, utf8ByteLength } from "./limits";
import { parseXmlFast } from "./fast-parse";
import type { XmlElement } from "./tree";

/** Most elements any reader keeps; a QRDA III PI section plus header is a few thousand. */
export const MAX_KEPT_ELEMENTS = 200_000;
/** Most characters of text kept per element asked for (`keepText`). */
export const MAX_KEPT_TEXT = 1_000;

export interface SelectiveParseOptions {
  /** File name (or other label) used in every message. */
  source: string;
  limits?: XmlLimits;
  /**
   * Whether to keep `element` (whose parent is kept, or which is the root). Children of an element that is
   * not kept are never offered. The reader may inspect the parent's kept children (e.g. its templateIds).
   * Called in document order; when the fast path gives up halfway, saxes reads the document again from the
   * start and calls it again, so it must give the same answers for the same elements (state it keeps, like
   * "template checked", must only skip work, never change an answer).
   */
  keep(element: XmlElement, parent: XmlElement | null): boolean;
  /** Whether to keep the text content of a kept element (e.g. an organization's `name`); none by default. */
  keepText?(element: XmlElement): boolean;
  /** Called once the root's start tag is read: throw to refuse a document that is not the expected kind. */
  onRoot?(root: XmlElement): void;
}

interface Frame {
  element: XmlElement | null; // null: not kept
  childCounts: Map<string, number>; // per local name, for the [n] of child paths
  path: string;
}

function attributesOf(tag: SaxesTagNS): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const a of Object.values(tag.attributes)) {
    if (a.uri === "" && a.prefix === "") attrs.set(a.local, a.value);
  }
  return attrs;
}

/** Wraps saxes' "line:column: message" into a message that names the file and says what is wrong. */
function notWellFormed(source: string, error: Error): AppError {
  const detail = error.message.replace(/^(\d+):(\d+): /, "line $1, column $2: ");
  // saxes reports a premature end as unclosed tags; say plainly that the file is cut short.
  const truncated = /unclosed tag|document must contain a root element/.test(error.message);
  return badInput(
    truncated
      ? `${source} ends before the XML document is complete; is it truncated? (${detail})`
      : `${source} is not well-formed XML (${detail})`,
  );
}

/** Parses `text`, returns the kept root element; throws BAD_INPUT naming the problem and where it is. */
export function parseXmlSelectively(text: string, options: SelectiveParseOptions): XmlElement {
  const { source } = options;
  const limits = options.limits ?? DEFAULT_XML_LIMITS;
  if (text.length > limits.maxBytes) assertXmlSize(text.length, source, limits); // cheap pre-check
  assertXmlSize(utf8ByteLength(text), source, limits);
  const fast = parseXmlFast(text, {
    source,
    maxDepth: limits.maxDepth,
    maxKeptElements: MAX_KEPT_ELEMENTS,
    maxKeptText: MAX_KEPT_TEXT,
    keep: options.keep,
    keepText: options.keepText,
    onRoot: options.onRoot,
  });
  return fast ?? parseXmlWithSaxes(text, options);
}

/** saxes' path alone (the size already checked): the reference the fast path is tested against. */
export function parseXmlWithSaxes(text: string, options: SelectiveParseOptions): XmlElement {
  const { source } = options;
  const limits = options.limits ?? DEFAULT_XML_LIMITS;
  const parser = new SaxesParser({ xmlns: true });
  const stack: Frame[] = [];
  let root: XmlElement | null = null;
  let kept = 0;

  parser.on("doctype", () => {
    // A DTD can declare entities (expansion bombs, external files); QRDA III never needs one.
    throw badInput(
      `${source} contains a DOCTYPE declaration (line ${parser.line}); DTDs and entity declarations are refused for safety, and QRDA III files never need one`,
    );
  });
  parser.on("opentag", (tag) => {
    const parent = stack[stack.length - 1];
    const depth = stack.length + 1;
    const local = tag.local;
    let path: string;
    if (parent) {
      const n = (parent.childCounts.get(local) ?? 0) + 1;
      parent.childCounts.set(local, n);
      path = `${parent.path}/${local}[${n}]`;
    } else {
      path = `/${local}`;
    }
    if (depth > limits.maxDepth) {
      throw badInput(`${source} nests elements deeper than ${limits.maxDepth} levels at ${path} (line ${parser.line}); refused`);
    }
    let element: XmlElement | null = null;
    if (!parent || parent.element) {
      const candidate: XmlElement = {
        local,
        uri: tag.uri,
        attrs: attributesOf(tag),
        children: [],
        path,
        line: parser.line,
      };
      if (!parent) {
        root = candidate;
        options.onRoot?.(candidate);
        element = candidate;
      } else if (parent.element && options.keep(candidate, parent.element)) {
        parent.element.children.push(candidate);
        element = candidate;
      }
      if (element && ++kept > MAX_KEPT_ELEMENTS) {
        throw badInput(`${source} has more than ${MAX_KEPT_ELEMENTS} elements in the parts read (at ${path}); refused`);
      }
    }
    if (tag.isSelfClosing) return; // saxes emits closetag right after; keep the stack symmetric
    stack.push({ element, childCounts: new Map(), path });
  });
  parser.on("text", (text) => {
    const element = stack[stack.length - 1]?.element;
    if (!element || !options.keepText?.(element)) return;
    // Bounded like the elements: a name is short, a hostile file's megabyte of text is not kept.
    if ((element.text ?? "").length < MAX_KEPT_TEXT) element.text = ((element.text ?? "") + text).slice(0, MAX_KEPT_TEXT);
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof Error) throw notWellFormed(source, error);
    throw error;
  }
  if (!root) throw badInput(`${source} has no root element: it is empty or not XML`);
  return root;
}
