/**
 * The fast XML path (lib/formats/xml/fast-parse.ts) builds exactly saxes' tree, or gives up (null) and lets
 * saxes decide: on every fixture, on hand-made documents that use each construct it reads, on documents that
 * are not well-formed (it must never accept one saxes refuses), and on random mutations of a document.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXmlFast } from "../../../lib/formats/xml/fast-parse";
import { MAX_KEPT_ELEMENTS, MAX_KEPT_TEXT, type SelectiveParseOptions, parseXmlSelectively, parseXmlWithSaxes } from "../../../lib/formats/xml/safe-parse";
import type { XmlElement } from "../../../lib/formats/xml/tree";
import { ownFixtures, qrda3Dir } from "../../paths";

const keepAll: SelectiveParseOptions = { source: "doc.xml", keep: () => true, keepText: () => true };
// As a reader keeps: no `text` narrative, text of `name` only.
const keepSome: SelectiveParseOptions = { source: "doc.xml", keep: (e) => e.local !== "text", keepText: (e) => e.local === "name" };

function fast(text: string, options: SelectiveParseOptions): XmlElement | null {
  return parseXmlFast(text, { ...options, maxDepth: 100, maxKeptElements: MAX_KEPT_ELEMENTS, maxKeptText: MAX_KEPT_TEXT });
}

type Outcome = { tree: XmlElement } | { refused: string };
function outcome(parse: () => XmlElement): Outcome {
  try {
    return { tree: parse() };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return xmlFiles(path);
    return name.endsWith(".xml") ? [path] : [];
  });
}

const fixtures = [...xmlFiles(qrda3Dir), ...xmlFiles(ownFixtures)];
// The hostile fixtures use what the fast path leaves to saxes (a DOCTYPE, an undeclared entity, a cut-off end).
const leftToSaxes = new Set(["billion-laughs.xml", "external-entity.xml", "undeclared-entity.xml", "truncated.xml"]);

describe("every fixture: the same tree as saxes, read by the fast path", () => {
  it("has fixtures", () => expect(fixtures.length).toBeGreaterThan(20));
  it.each(fixtures.map((f) => [f.slice(f.indexOf("fixtures")), f]))("%s", (_name, file) => {
    const text = readFileSync(file, "utf8");
    const baseName = file.split("/").pop() ?? "";
    for (const options of [keepAll, keepSome]) {
      const expected = outcome(() => parseXmlWithSaxes(text, options));
      expect(outcome(() => parseXmlSelectively(text, options))).toStrictEqual(expected);
      const taken = fast(text, options);
      if (leftToSaxes.has(baseName)) expect(taken).toBeNull();
      else expect(taken).toStrictEqual((expected as { tree: XmlElement }).tree);
    }
  });
});

const wellFormed: Record<string, string> = {
  "CRLF line ends: lines and kept text as saxes counts them": '<?xml version="1.0"?>\r\n<r xmlns="urn:hl7-org:v3">\r\n  <name>Acme\r\nHealth</name>\r\n  <a\r\n   b="1"/>\r\n</r>\r\n',
  "a lone CR is a line end too": "<r>\r<a/>\r<name>x\ry</name></r>",
  "references in attributes and text": `<r a="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;"><name>A &amp; B &#169; &#x263A;</name></r>`,
  "tabs and line ends in attribute values become spaces, references do not": '<r a="x\ty\nz\r\nw" b="&#9;&#10;"/>',
  "prefixed elements, default namespace undeclared, xml:lang and xsi:type": `<c:r xmlns:c="urn:c" xmlns="urn:d" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><a xsi:type="CD" xml:lang="en" code="1"/><b xmlns=""><c:x/></b><c:y xmlns:c="urn:other"/></c:r>`,
  "comments and processing instructions anywhere, kept text across them": '<?xml version="1.0" encoding="UTF-8" standalone="no" ?><?xml-stylesheet type="text/xsl" href="q.xsl"?><!-- head --><r><!----><name>Ac<!-- x -->me<?pi data?> Inc</name><?p?></r><!-- tail -->\n',
  "a byte order mark": '\uFEFF<?xml version="1.0"?><r/>',
  "a self-closing root": "<r/>",
  "single quotes, spaces around =": "<r a = 'x\"y' b\n=\n\"z\" ></r >",
  "the same local name under different prefixes of one namespace URI on different elements": '<r xmlns:p="u" xmlns:q="u"><a p:x="1"/><b q:x="2"/></r>',
  "surrogate pairs and non-ASCII text": "<r t=\"\u00e9\uD83D\uDE00\"><name>\u00c5sa \uD83D\uDE00</name></r>",
  "text longer than the kept-text cap": `<r><name>${"x".repeat(MAX_KEPT_TEXT + 50)}</name></r>`,
  // Inside `text`, which keepSome does not keep: values there are only checked, never built.
  "references, tabs and line ends in values of elements not kept": '<r><text a="&amp;&#65;" b="x\ty\r\nz"><p c="&lt;" d=\'&quot;\'>t</p></text><s e="&#9;"/></r>',
  "end tags with whitespace before >, and names that are prefixes of others": "<r><ab><a></a\n\t></ab ><a\r\n/></r\n>",
  "xmlns declarations among many attributes, on an element not kept": '<r><text x="1" xmlns:p="urn:p" p:y="2" z="3"><p:q p:w="4"/></text></r>',
};

describe("hand-made well-formed documents: the fast path reads them as saxes does", () => {
  it.each(Object.entries(wellFormed))("%s", (_label, text) => {
    for (const options of [keepAll, keepSome]) {
      const expected = parseXmlWithSaxes(text, options);
      expect(fast(text, options)).toStrictEqual(expected);
    }
  });
});

const notWellFormed: Record<string, string> = {
  "mismatched end tag": "<r><a></b></r>",
  "duplicate attribute": '<r a="1" a="2"/>',
  "duplicate attribute by namespace": '<r xmlns:p="u" xmlns:q="u" p:a="1" q:a="2"/>',
  "unbound element prefix": "<p:r/>",
  "unbound attribute prefix": '<r p:a="1"/>',
  "< in an attribute value": '<r a="<"/>',
  "an undeclared entity": "<r>&nbsp;</r>",
  "an entity without ;": "<r>a & b</r>",
  "a character reference to a disallowed character": "<r>&#1;</r>",
  "-- inside a comment": "<r><!-- a -- b --></r>",
  "---> ending a comment": "<r><!-- a ---></r>",
  "text after the root": "<r/>x",
  "text before the root": "x<r/>",
  "two roots": "<r/><s/>",
  "unquoted attribute": "<r a=1/>",
  "no whitespace between attributes": '<r a="1"b="2"/>',
  "truncated": "<r><a>",
  "empty document": "",
  "only a comment": "<!-- x -->",
  "]]> in text": "<r>a ]]> b</r>",
  "a disallowed control character": "<r>\u0001</r>",
  "a lone surrogate": "<r>\uD800</r>",
  "an XML declaration not at the start": ' <?xml version="1.0"?><r/>',
  "XML 1.1": '<?xml version="1.1"?><r/>',
  "a DOCTYPE": "<!DOCTYPE r><r/>",
  "CDATA (well-formed, left to saxes)": "<r><![CDATA[x]]></r>",
  "a name with two colons": '<a:b:c xmlns:a="u"/>',
  "xmlns as an element prefix": '<xmlns:r xmlns:xmlns="u"/>',
  "an empty prefixed namespace declaration": '<r xmlns:p=""/>',
  "a processing instruction named xml inside": "<r><?xml version='1.0'?></r>",
  "an unclosed attribute value": '<r a="1/>',
  "a space after <": "< r/>",
  "an end tag with a longer name": "<r><a></ab></r>",
  "an end tag with a shorter name": "<r><ab></a></r>",
  "an end tag with attributes": '<r><a></a b="1"></r>',
  "a duplicate attribute on an element not kept": '<r><text><p a="1" a="2"/></text></r>',
  "a duplicate attribute in single and double quotes": "<r a='1' a=\"1\"/>",
  "a malformed reference in a value of an element not kept": '<r><text a="&bogus;"/></r>',
  "an attribute without a value": "<r a/>",
  "a non-ASCII attribute name": '<r \u00e9="1"/>',
};

describe("documents the fast path leaves to saxes", () => {
  it.each(Object.entries(notWellFormed))("%s", (_label, text) => {
    expect(fast(text, keepAll)).toBeNull();
    // And the public parser answers as saxes does (a refusal, except for CDATA).
    expect(outcome(() => parseXmlSelectively(text, keepAll))).toStrictEqual(outcome(() => parseXmlWithSaxes(text, keepAll)));
  });

  it("nesting beyond the depth cap: saxes' refusal with its path and line", () => {
    const deep = `${"<a>".repeat(150)}${"</a>".repeat(150)}`;
    expect(fast(deep, keepAll)).toBeNull();
    expect(() => parseXmlSelectively(deep, { ...keepAll, source: "deep.xml" })).toThrow(/deep\.xml nests elements deeper than 100 levels at \/a\/a\[1\]/);
  });
});

describe("random mutations: never accepted unless saxes gives the same tree", () => {
  // With a `text` subtree: keepSome does not keep it, so its elements take the path that only checks them.
  const base =
    '<?xml version="1.0"?>\n<r xmlns="urn:x" xmlns:p="urn:p">\n  <!-- c -->\n  <name a="1" p:b=\'2\'>A &amp; B</name>\n  <s><t x="&#65;"/>text</s>\n' +
    '  <text><table border="1" a="&amp;x"><tr><td>A &lt; B</td></tr></table><p:q xmlns:p2="urn:q" p2:z="1"/></text>\n</r>\n';
  const pieces = ["<", ">", "/", "&", ";", '"', "'", "=", " ", "\n", "\r", "-", "!", "?", ":", "p", "a", "]]>", "<!--", "-->", "&amp;", "xmlns:q=\"u\" ", "\u0000", "\uD800"];
  it("insertions, deletions and replacements", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length), fc.nat(3), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }),
        (edits) => {
          let text = base;
          for (const [at, length, piece] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + piece + text.slice(i + length);
          }
          for (const options of [keepAll, keepSome]) {
            const expected = outcome(() => parseXmlWithSaxes(text, options));
            const taken = outcome(() => fast(text, options) ?? (() => { throw new Error("left to saxes"); })());
            if ("tree" in taken) expect(taken).toStrictEqual(expected);
          }
        },
      ),
      { numRuns: 3000, seed: 12 },
    );
  });
});
