/** A value the XML writer can write: text, numbers, booleans, null (an empty element), objects and lists of objects or of text. */
export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlObject[] | string[];
/** An element's children by name. */
export interface XmlObject {
  [name: string]: XmlValue;
}

const NAME = /^[A-Za-z_][\w.-]*$/;
/** Characters XML 1.0 cannot hold at all (controls but tab, newline and return; lone surrogates; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text made safe for XML content or attributes: entities escaped, impossible characters dropped. */
export function escapeXml(text: string): string {
  return text.replace(INVALID, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Singular element names for lists (`attributes` → `attribute`); others drop a trailing "s". */
const ITEM_NAMES: Record<string, string> = { attributes: 'attribute', values: 'value', notes: 'note', service_requests: 'request', services: 'service', errors: 'error' };

function itemName(list: string): string {
  return ITEM_NAMES[list] ?? (list.endsWith('s') ? list.slice(0, -1) : `${list}_item`);
}

function element(name: string, value: XmlValue, indent: string): string {
  if (!NAME.test(name)) throw new Error(`bad XML element name "${name}"`);
  if (value === null || value === undefined || value === '') return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}<${name}/>`;
    return `${indent}<${name}>\n${value.map((v) => element(itemName(name), v, `${indent}  `)).join('\n')}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([k, v]) => element(k, v, `${indent}  `));
    return children.length ? `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>` : `${indent}<${name}/>`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

/** An XML document with one root element holding a list of items (or one object's children). */
export function xmlDocument(root: string, content: XmlObject[] | XmlObject): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, content, '')}\n`;
}
