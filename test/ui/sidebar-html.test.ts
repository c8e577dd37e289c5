/** The built sidebar (dist/gas/Sidebar.html): one self-contained file, small, nothing external. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const FILE = path.resolve(__dirname, '..', '..', 'dist', 'gas', 'Sidebar.html');

describe('Sidebar.html', () => {
  it('is built (npm run build) and under 150 KB', () => {
    expect(existsSync(FILE), `${FILE} is missing: run 'node build/build.mjs' first`).toBe(true);
    expect(statSync(FILE).size).toBeLessThan(150 * 1024);
  });

  it('inlines its script and style, and refers to nothing outside itself', () => {
    const html = readFileSync(FILE, 'utf8');
    expect(html).toMatch(/<script>[\s\S]{1000,}<\/script>/);
    expect(html).toMatch(/<style>[\s\S]{500,}<\/style>/);
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//i);
    // No absolute or protocol-relative URL anywhere (the only links are made at run time from data).
    expect(html.match(/https?:\/\/|(?:src|href|action)\s*=\s*["']?\/\//gi) ?? []).toEqual([]);
    // The inlined script cannot end the <script> element early.
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    expect(script).not.toMatch(/<\/script/i);
    // No HTML built from strings in the UI code: text goes in through textContent.
    expect(script).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|document\.write/);
  });

  it('is in Korean with a label for the page', () => {
    const html = readFileSync(FILE, 'utf8');
    expect(html).toMatch(/<html lang="ko">/);
    expect(html).toContain('<title>시정 데스크</title>');
  });
});
