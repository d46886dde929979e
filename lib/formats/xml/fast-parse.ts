/**
 * The fast path of parseXmlSelectively (safe-parse.ts): a plain scanner for the XML that QRDA III files
 * actually contain. saxes reads every character through its state machine (CMS's 1.2 MB group sample: about
 * 100 ms of a cold `mips convert`); this one jumps between markup with native string searches.
 *
 * It accepts a strict subset of well-formed XML 1.0 with namespaces: ASCII names (`prefix:local`), quoted
 * attributes, the five predefined entities and character references, comments, processing instructions
 * (`<?xml-stylesheet ...?>`), an XML declaration of version 1.0 at the very start. Anything else (a DOCTYPE,
 * CDATA or any "]]>", non-ASCII names, an unbound prefix, a duplicate attribute, a disallowed character, a
 * truncated or not well-formed document, nesting beyond the depth cap) makes it answer "not sure" (null): saxes
 * then reads the document from the start and gives its result or its refusal, so every message stays saxes'.
 *
 * It builds the tree saxes' path builds (same elements, local names, namespace URIs, unprefixed attributes in
 * document order, paths, start-tag lines as saxes reports them, kept text with line ends as \n and references
 * decoded), calling the reader's callbacks in the same order; a unit test compares both on every fixture, on
 * hand-made documents and on random mutations. What the callbacks throw, and the kept-elements cap, propagate
 * as saxes' path would throw them (the document before that point is known good).
 */
import { badInput } from "../../errors";
import type { XmlElement } from "./tree";

const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";

export interface FastParseCallbacks {
  source: string;
  maxDepth: number;
  maxKeptElements: number;
  maxKeptText: number;
  keep(element: XmlElement, parent: XmlElement | null): boolean;
  keepText?(element: XmlElement): boolean;
  onRoot?(root: XmlElement): void;
}

/** Thrown inside the scanner when the document leaves the subset (one instance); never escapes this module. */
const NOT_SURE = new Error("outside the fast XML path's subset");

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 58;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/**
 * Characters XML 1.0 does not allow (outside the Char production), and surrogates that are not a pair. The
 * patterns in this file are single character classes or runs of one, anchored (sticky) where they tokenize:
 * linear, no backtracking; they find where a run of name or space characters ends, never a structure.
 */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAME = /[A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?/y;
const SPACES = /[ \t\n\r]*/y;
const TAB_OR_LINE_END = /[\t\n\r]/;
/**
 * One attribute of a start tag: required whitespace, a name as NAME, `=` between optional whitespace, and a quoted
 * value without `<` (runs of single character classes, each ended by a character the next cannot start with).
 */
const ATTRIBUTE = /[ \t\n\r]+([A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?)[ \t\n\r]*=[ \t\n\r]*(?:"([^"<]*)"|'([^'<]*)')/y;
/** The end of a start tag after its attributes: `>` or `/>`. */
const TAG_END = /[ \t\n\r]*\/?>/y;

function isXmlChar(code: number): boolean {
  return code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

interface Frame {
  rawName: string;
  element: XmlElement | null; // null: not kept (or the validation pass)
  childCounts: Map<string, number> | null;
  path: string;
  /** Namespace bindings this element declares (prefix "" = default), undone when it closes. */
  declared: [string, string | undefined][] | null;
}

class Scanner {
  private pos = 0;
  private line = 1;
  private lineScannedTo = 0;
  private readonly stack: Frame[] = [];
  private readonly bindings = new Map<string, string>([
    ["xml", XML_NAMESPACE],
    ["xmlns", XMLNS_NAMESPACE],
  ]);
  private rootSeen = false;
  private readonly hasCarriageReturn: boolean;
  private nextAmpersand = 0;
  private nextLessThan = 0;
  private nextLineFeed = 0;
  private readonly attrNames: string[] = [];
  private readonly attrValues: string[] = [];
  private rootClosed = false;
  private kept = 0;
  root: XmlElement | null = null;

  constructor(
    private readonly text: string,
    private readonly options: FastParseCallbacks,
  ) {
    this.hasCarriageReturn = text.includes("\r");
    this.nextAmpersand = text.indexOf("&");
    this.nextLessThan = text.indexOf("<");
    this.nextLineFeed = text.indexOf("\n");
    if (text.includes("]]>")) throw NOT_SURE; // CDATA, or "]]>" in text, which XML forbids: saxes decides
  }

  /** Line of `pos` (1-based, pos never decreasing), counting \n, \r\n and a lone \r as one line end each, as saxes does. */
  private lineAt(pos: number): number {
    const { text } = this;
    let line = this.line;
    if (this.hasCarriageReturn) {
      for (let i = this.lineScannedTo; i < pos; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) line++;
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
      }
    } else {
      // The next line feed is remembered, so a document of one long line is not searched to its end each time.
      let next = this.nextLineFeed;
      while (next !== -1 && next < pos) {
        line++;
        next = text.indexOf("\n", next + 1);
      }
      this.nextLineFeed = next;
    }
    this.line = line;
    this.lineScannedTo = pos;
    return line;
  }

  /** Index of the next `&` at or after `pos` (pos never decreasing), or -1: one native scan over the document in all. */
  private ampersandFrom(pos: number): number {
    if (this.nextAmpersand !== -1 && this.nextAmpersand < pos) this.nextAmpersand = this.text.indexOf("&", pos);
    return this.nextAmpersand;
  }

  /** Index of the next `<` at or after `pos` (pos never decreasing), or -1. */
  private lessThanFrom(pos: number): number {
    if (this.nextLessThan !== -1 && this.nextLessThan < pos) this.nextLessThan = this.text.indexOf("<", pos);
    return this.nextLessThan;
  }

  run(): void {
    const { text } = this;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (text.startsWith("<?xml", this.pos) && isSpace(text.charCodeAt(this.pos + 5))) this.xmlDeclaration();
    while (this.pos < text.length) {
      const lt = text.indexOf("<", this.pos);
      const end = lt === -1 ? text.length : lt;
      if (end > this.pos) this.textSegment(this.pos, end);
      if (lt === -1) break;
      this.pos = lt;
      const next = text.charCodeAt(lt + 1);
      if (next === 47) this.endTag();
      else if (next === 33) this.comment();
      else if (next === 63) this.processingInstruction();
      else this.startTag();
    }
    if (!this.rootClosed) throw NOT_SURE; // empty, or truncated
  }

  private skipSpace(): boolean {
    const start = this.pos;
    SPACES.lastIndex = start;
    SPACES.test(this.text);
    this.pos = SPACES.lastIndex;
    return this.pos > start;
  }

  private expect(literal: string): void {
    if (!this.text.startsWith(literal, this.pos)) throw NOT_SURE;
    this.pos += literal.length;
  }

  /** `<?xml version="1.0" encoding="..." standalone="..."?>`, nothing else. */
  private xmlDeclaration(): void {
    this.pos += 5;
    this.skipSpace();
    this.expect("version");
    if (this.quotedValue() !== "1.0") throw NOT_SURE;
    let spaced = this.skipSpace();
    if (spaced && this.text.startsWith("encoding", this.pos)) {
      this.pos += 8;
      const encoding = this.quotedValue();
      // EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*
      const first = encoding.charCodeAt(0);
      if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90))) throw NOT_SURE;
      for (let i = 1; i < encoding.length; i++) {
        const c = encoding.charCodeAt(i);
        if (!isNameChar(c) || c === 58) throw NOT_SURE;
      }
      spaced = this.skipSpace();
    }
    if (spaced && this.text.startsWith("standalone", this.pos)) {
      this.pos += 10;
      const standalone = this.quotedValue();
      if (standalone !== "yes" && standalone !== "no") throw NOT_SURE;
      this.skipSpace();
    }
    this.expect("?>");
  }

  /** `S? = S? "value"` of the XML declaration (no entities there). */
  private quotedValue(): string {
    this.skipSpace();
    this.expect("=");
    this.skipSpace();
    const q = this.text.charCodeAt(this.pos);
    if (q !== 34 && q !== 39) throw NOT_SURE;
    const close = this.text.indexOf(q === 34 ? '"' : "'", this.pos + 1);
    if (close === -1) throw NOT_SURE;
    const value = this.text.slice(this.pos + 1, close);
    this.pos = close + 1;
    return value;
  }

  private comment(): void {
    const { text } = this;
    if (!text.startsWith("<!--", this.pos)) throw NOT_SURE; // DOCTYPE, CDATA, other declarations
    const dashes = text.indexOf("--", this.pos + 4);
    if (dashes === -1 || text.charCodeAt(dashes + 2) !== 62) throw NOT_SURE; // "--" inside, or unclosed
    this.pos = dashes + 3;
  }

  private processingInstruction(): void {
    const { text } = this;
    const start = this.pos + 2;
    let i = start;
    if (!isNameStart(text.charCodeAt(i))) throw NOT_SURE;
    while (isNameChar(text.charCodeAt(i))) i++;
    const target = text.slice(start, i);
    if (target.includes(":") || target.toLowerCase() === "xml") throw NOT_SURE;
    const c = text.charCodeAt(i);
    if (!(isSpace(c) || (c === 63 && text.charCodeAt(i + 1) === 62))) throw NOT_SURE;
    const close = text.indexOf("?>", i);
    if (close === -1) throw NOT_SURE;
    this.pos = close + 2;
  }

  /** Reads a name at pos: ASCII NCName, optionally `prefix:local`; returns it raw. */
  private name(): string {
    const { text } = this;
    const start = this.pos;
    NAME.lastIndex = start;
    if (!NAME.test(text)) throw NOT_SURE;
    const end = NAME.lastIndex;
    const next = text.charCodeAt(end);
    if (next === 58 || next >= 0x80) throw NOT_SURE; // a second colon, a colon without a local name, a non-ASCII name
    this.pos = end;
    return text.slice(start, end);
  }

  /** An attribute value between quotes: whitespace characters become spaces, references decoded. */
  private attributeValue(needed: boolean): string {
    const { text } = this;
    const q = text.charCodeAt(this.pos);
    if (q !== 34 && q !== 39) throw NOT_SURE;
    const close = text.indexOf(q === 34 ? '"' : "'", this.pos + 1);
    if (close === -1) throw NOT_SURE;
    const lessThan = this.lessThanFrom(this.pos + 1);
    if (lessThan !== -1 && lessThan < close) throw NOT_SURE; // `<` in a value
    const ampersand = this.ampersandFrom(this.pos + 1);
    if (!needed) {
      // An element no reader sees: its values are only checked (references well-formed), never built.
      for (let amp = ampersand; amp !== -1 && amp < close; amp = this.ampersandFrom(amp + 1)) {
        if (this.reference(amp)[1] > close) throw NOT_SURE;
      }
      this.pos = close + 1;
      return "";
    }
    if (ampersand === -1 || ampersand > close) {
      const raw = text.slice(this.pos + 1, close);
      this.pos = close + 1;
      return TAB_OR_LINE_END.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, " ") : raw;
    }
    // References: decoded one by one (rare in QRDA III).
    let i = this.pos + 1;
    let start = i;
    let value = "";
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === q) break;
      if (c === 60 || Number.isNaN(c)) throw NOT_SURE; // `<` in a value, or unclosed
      if (c === 38) {
        value += text.slice(start, i);
        const [decoded, after] = this.reference(i);
        value += decoded;
        i = after;
        start = i;
        continue;
      }
      if (c === 10 || c === 9 || c === 13) {
        value += `${text.slice(start, i)} `;
        i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        start = i;
        continue;
      }
      i++;
    }
    value += text.slice(start, i);
    this.pos = i + 1;
    return value;
  }

  /** `&name;` (XML's five) or `&#N;` / `&#xN;` at `amp`: the character(s) and the index after `;`. */
  private reference(amp: number): [string, number] {
    const { text } = this;
    const semicolon = text.indexOf(";", amp + 1);
    if (semicolon === -1 || semicolon - amp > 12) throw NOT_SURE;
    const body = text.slice(amp + 1, semicolon);
    switch (body) {
      case "lt":
        return ["<", semicolon + 1];
      case "gt":
        return [">", semicolon + 1];
      case "amp":
        return ["&", semicolon + 1];
      case "quot":
        return ['"', semicolon + 1];
      case "apos":
        return ["'", semicolon + 1];
      default:
    }
    if (body.charCodeAt(0) !== 35) throw NOT_SURE;
    const hex = body.charCodeAt(1) === 120;
    const digits = body.slice(hex ? 2 : 1);
    if (digits.length === 0) throw NOT_SURE;
    for (let i = 0; i < digits.length; i++) {
      const c = digits.charCodeAt(i);
      const ok = (c >= 48 && c <= 57) || (hex && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)));
      if (!ok) throw NOT_SURE;
    }
    const code = parseInt(digits, hex ? 16 : 10);
    if (!isXmlChar(code)) throw NOT_SURE;
    return [String.fromCodePoint(code), semicolon + 1];
  }

  /** Character data between markup: whitespace only outside the root; inside, well-formed references. */
  private textSegment(start: number, end: number): void {
    const { text } = this;
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      SPACES.lastIndex = start;
      SPACES.test(text);
      if (SPACES.lastIndex < end) throw NOT_SURE;
      return;
    }
    for (let amp = this.ampersandFrom(start); amp !== -1 && amp < end; amp = this.ampersandFrom(amp + 1)) {
      if (this.reference(amp)[1] > end) throw NOT_SURE;
    }
    const element = top.element;
    if (element !== null && this.options.keepText?.(element) === true) this.keepText(element, start, end);
  }

  /** Appends a segment's text to the element's, as saxes gives it: references decoded, line ends as \n. */
  private keepText(element: XmlElement, start: number, end: number): void {
    const { text } = this;
    let decoded = "";
    let from = start;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 38) {
        const [chars, after] = this.reference(i);
        decoded += text.slice(from, i) + chars;
        i = after - 1;
        from = after;
      } else if (c === 13) {
        decoded += `${text.slice(from, i)}\n`;
        if (text.charCodeAt(i + 1) === 10) i++;
        from = i + 1;
      }
    }
    decoded += text.slice(from, end);
    const { maxKeptText } = this.options;
    const current = element.text ?? "";
    if (current.length < maxKeptText) element.text = (current + decoded).slice(0, maxKeptText);
  }

  private startTag(): void {
    const { text, attrNames, attrValues } = this;
    if (this.rootClosed) throw NOT_SURE; // a second root
    this.pos++;
    const rawName = this.name();
    const parent = this.stack[this.stack.length - 1];
    // Offered to the reader (the root, or a child of a kept element): only then are its values and line needed.
    const offered = !parent || parent.element !== null;
    attrNames.length = 0;
    attrValues.length = 0;
    let prefixedAttributes = false;
    let hasNamespaceDeclarations = false;
    // Each attribute in one native match: whitespace (required), name, `=` with optional whitespace, a quoted
    // value without `<`. What does not match is the tag's end, or outside the subset.
    for (;;) {
      ATTRIBUTE.lastIndex = this.pos;
      const match = ATTRIBUTE.exec(text);
      if (match === null) break;
      const attrName = match[1] as string;
      const doubleQuoted = match[2];
      let value = doubleQuoted ?? (match[3] as string);
      const xmlns = attrName.startsWith("xmlns");
      const needed = offered || xmlns;
      if (value.includes("&")) {
        // References: checked (and decoded where needed) by the character-level reader, from the opening quote.
        this.pos = ATTRIBUTE.lastIndex - value.length - 2;
        value = this.attributeValue(needed);
      } else {
        this.pos = ATTRIBUTE.lastIndex;
        if (needed && TAB_OR_LINE_END.test(value)) value = value.replace(/\r\n|[\t\n\r]/g, " ");
      }
      for (let i = 0; i < attrNames.length; i++) if (attrNames[i] === attrName) throw NOT_SURE; // duplicate
      if (attrName.includes(":")) prefixedAttributes = true;
      if (xmlns) hasNamespaceDeclarations = true;
      attrNames.push(attrName);
      attrValues.push(value);
    }
    TAG_END.lastIndex = this.pos;
    if (!TAG_END.test(text)) throw NOT_SURE; // no `>`, a name's second colon or non-ASCII character, `a="1"b="2"`, ...
    this.pos = TAG_END.lastIndex;
    // Only TAG_END's `/?` can put a slash right before its `>` (the last value's closing quote comes before it).
    const selfClosing = text.charCodeAt(this.pos - 2) === 47;
    const depth = this.stack.length + 1;
    if (depth > this.options.maxDepth) throw NOT_SURE; // saxes refuses it with the path and line

    // Namespace declarations first: they apply to the element's own name and attributes.
    let declared: [string, string | undefined][] | null = null;
    for (let i = 0; hasNamespaceDeclarations && i < attrNames.length; i++) {
      const name = attrNames[i] as string;
      if (!name.startsWith("xmlns")) continue;
      const value = (attrValues[i] as string).trim(); // as saxes binds it (a declaration's value trimmed)
      let prefix: string;
      if (name === "xmlns") prefix = "";
      else if (name.startsWith("xmlns:")) {
        prefix = name.slice(6);
        if (value === "") throw NOT_SURE;
      } else continue;
      if (prefix === "xml" || prefix === "xmlns" || value === XML_NAMESPACE || value === XMLNS_NAMESPACE) throw NOT_SURE;
      (declared ??= []).push([prefix, this.bindings.get(prefix)]);
      this.bindings.set(prefix, value);
    }
    const colon = rawName.indexOf(":");
    const prefix = colon === -1 ? "" : rawName.slice(0, colon);
    const local = colon === -1 ? rawName : rawName.slice(colon + 1);
    if (prefix === "xmlns") throw NOT_SURE;
    const uri = this.bindings.get(prefix) ?? "";
    if (prefix !== "" && uri === "") throw NOT_SURE;
    if (prefixedAttributes) this.checkPrefixedAttributes();

    let element: XmlElement | null = null;
    let path = "";
    if (offered) {
      const line = this.lineAt(this.pos - 1);
      if (parent) {
        const counts = parent.childCounts ?? new Map<string, number>();
        parent.childCounts = counts;
        const n = (counts.get(local) ?? 0) + 1;
        counts.set(local, n);
        path = `${parent.path}/${local}[${n}]`;
      } else {
        path = `/${local}`;
      }
      // The unprefixed attributes, in document order (xmlns and prefixed ones, e.g. xsi:type, are not kept).
      const kept = new Map<string, string>();
      for (let i = 0; i < attrNames.length; i++) {
        const name = attrNames[i] as string;
        if (name !== "xmlns" && !name.includes(":")) kept.set(name, attrValues[i] as string);
      }
      const candidate: XmlElement = { local, uri, attrs: kept, children: [], path, line };
      if (!parent) {
        this.root = candidate;
        this.options.onRoot?.(candidate);
        element = candidate;
      } else if (parent.element && this.options.keep(candidate, parent.element)) {
        parent.element.children.push(candidate);
        element = candidate;
      }
      if (element && ++this.kept > this.options.maxKeptElements) {
        throw badInput(`${this.options.source} has more than ${this.options.maxKeptElements} elements in the parts read (at ${path}); refused`);
      }
    }
    if (!parent) this.rootSeen = true;
    const frame: Frame = { rawName, element, childCounts: null, path, declared };
    if (selfClosing) this.close(frame);
    else this.stack.push(frame);
  }

  /** Prefixed attributes: the prefix bound, and no two with the same namespace URI and local name. */
  private checkPrefixedAttributes(): void {
    const { attrNames } = this;
    const expanded: string[] = [];
    for (const name of attrNames) {
      const c = name.indexOf(":");
      if (c === -1) continue;
      const uri = this.bindings.get(name.slice(0, c));
      if (uri === undefined || uri === "") throw NOT_SURE;
      const key = `{${uri}}${name.slice(c + 1)}`;
      if (expanded.includes(key)) throw NOT_SURE;
      expanded.push(key);
    }
  }

  private close(frame: Frame): void {
    if (frame.declared) {
      for (let i = frame.declared.length - 1; i >= 0; i--) {
        const [prefix, previous] = frame.declared[i] as [string, string | undefined];
        if (previous === undefined) this.bindings.delete(prefix);
        else this.bindings.set(prefix, previous);
      }
    }
    if (this.stack.length === 0 && this.rootSeen) this.rootClosed = true;
  }

  private endTag(): void {
    const frame = this.stack.pop();
    if (!frame) throw NOT_SURE;
    // `</name S? >` with the open element's name exactly: compared in place, no name string built.
    const { text } = this;
    const { rawName } = frame;
    if (!text.startsWith(rawName, this.pos + 2)) throw NOT_SURE;
    this.pos += 2 + rawName.length;
    let c = text.charCodeAt(this.pos);
    if (c !== 62) {
      if (!isSpace(c)) throw NOT_SURE; // a longer name, or something else
      this.skipSpace();
      c = text.charCodeAt(this.pos);
      if (c !== 62) throw NOT_SURE;
    }
    this.pos++;
    this.close(frame);
  }
}

/**
 * The kept tree of a document in the fast path's subset, or null when saxes must decide (the document uses
 * something outside the subset, or is not well-formed). Throws what the reader's callbacks throw, and the
 * kept-elements refusal, exactly where saxes' path would.
 */
export function parseXmlFast(text: string, options: FastParseCallbacks): XmlElement | null {
  if (NOT_XML_CHAR.test(text)) return null;
  try {
    const scanner = new Scanner(text, options);
    scanner.run();
    return scanner.root;
  } catch (error) {
    if (error === NOT_SURE) return null;
    throw error;
  }
}
