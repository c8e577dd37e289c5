/** XML text for the generated packages (.docx parts, .hwpx): cleaned of XML-illegal characters, escaped. */
import { cleanText } from '../core/text';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe for element content and quoted attributes. */
export function escapeXml(s: string): string {
  return cleanText(String(s)).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** An empty or open element with attributes in the given order; values are escaped. */
export function attrs(values: Readonly<Record<string, string | number>>): string {
  let out = '';
  for (const k of Object.keys(values)) out += ` ${k}="${escapeXml(String(values[k]))}"`;
  return out;
}

/** `<name a="1"/>` */
export function empty(name: string, values: Readonly<Record<string, string | number>> = {}): string {
  return `<${name}${attrs(values)}/>`;
}

/** `<name a="1">inner</name>` */
export function el(name: string, values: Readonly<Record<string, string | number>>, inner: string): string {
  return `<${name}${attrs(values)}>${inner}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>';
