/**
 * A small strict XML reader for tests: checks well-formedness (one root, matched tags, quoted and unique
 * attributes, only the five predefined and numeric entities, no stray "<" or "&") and returns the tree.
 * It covers what our SVG uses: an optional declaration, comments, elements, attributes and text.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside, entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  return raw.replace(/&([^;]*);|&/g, (m, body: string | undefined) => {
    if (body === undefined) throw new Error(`bare & near offset ${at}`);
    if (body in ENTITIES) return ENTITIES[body]!;
    const num = /^#(\d+)$/.exec(body) ?? /^#x([0-9a-fA-F]+)$/.exec(body);
    if (num) return String.fromCodePoint(parseInt(num[1]!, body[1] === "x" ? 16 : 10));
    throw new Error(`unknown entity ${m} near offset ${at}`);
  });
}

/** Parses `src`, throwing an Error that says where on the first well-formedness fault. */
export function parseXml(src: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${i}: ${JSON.stringify(src.slice(i, i + 40))}`);
  };
  if (src.startsWith("<?xml")) {
    const end = src.indexOf("?>");
    if (end < 0) fail("unterminated declaration");
    i = end + 2;
  }
  while (i < src.length) {
    if (src.startsWith("<!--", i)) {
      const end = src.indexOf("-->", i + 4);
      if (end < 0) fail("unterminated comment");
      if (src.slice(i + 4, end).includes("--")) fail("-- inside a comment");
      i = end + 3;
    } else if (src.startsWith("</", i)) {
      i += 2;
      const name = NAME.exec(src.slice(i))?.[0] ?? fail("bad closing tag name");
      i += name.length;
      while (/\s/.test(src[i] ?? "")) i++;
      if (src[i] !== ">") fail("expected > in closing tag");
      i++;
      const open = stack.pop() ?? fail(`closing tag </${name}> without an open element`);
      if (open.name !== name) fail(`</${name}> closes <${open.name}>`);
    } else if (src[i] === "<") {
      if (src.startsWith("<!", i) || src.startsWith("<?", i)) fail("unsupported markup");
      i++;
      const name = NAME.exec(src.slice(i))?.[0] ?? fail("bad tag name");
      i += name.length;
      const el: XmlElement = { name, attrs: {}, children: [], text: "" };
      for (;;) {
        const ws = /^\s*/.exec(src.slice(i))![0].length;
        i += ws;
        if (src.startsWith("/>", i) || src[i] === ">") break;
        if (ws === 0) fail("attributes must be separated by white space");
        const an = NAME.exec(src.slice(i))?.[0] ?? fail("bad attribute name");
        i += an.length;
        if (an in el.attrs) fail(`duplicate attribute ${an}`);
        if (src[i] !== "=") fail("expected = after attribute name");
        i++;
        const q = src[i];
        if (q !== '"' && q !== "'") fail("attribute value must be quoted");
        const end = src.indexOf(q!, i + 1);
        if (end < 0) fail("unterminated attribute value");
        const raw = src.slice(i + 1, end);
        if (raw.includes("<")) fail("< inside an attribute value");
        el.attrs[an] = decode(raw, i);
        i = end + 1;
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) fail("a second root element");
      else root = el;
      if (src.startsWith("/>", i)) i += 2;
      else {
        i++;
        stack.push(el);
      }
    } else {
      const end = src.indexOf("<", i);
      const raw = src.slice(i, end < 0 ? src.length : end);
      if (raw.includes("]]>")) fail("]]> in text");
      const parent = stack[stack.length - 1];
      if (parent) parent.text += decode(raw, i);
      else if (raw.trim() !== "") fail("text outside the root element");
      i += raw.length;
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.name}> is not closed`);
  return root ?? fail("no root element");
}

/** Every element of the tree, depth first, root included. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}
