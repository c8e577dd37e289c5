/** HTML escaping: every string from a cell passes here before it becomes HTML (report, e-mail, dialogs). */
import { cleanText } from './text';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Cleans (text.ts) and escapes & < > " ' so that any string can be placed in element content or a
 * quoted attribute.
 */
export function escapeHtml(s: string): string {
  return cleanText(String(s)).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
