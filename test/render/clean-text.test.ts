/**
 * The .docx and HTML renderers clean the text they write (src/core/text.ts): a DocModel made from
 * hostile cells gives a document Word and browsers open, showing the text minus those characters.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { DocModel } from '../../src/core/docmodel';
import { renderDocx } from '../../src/render/docx';
import { renderHtml } from '../../src/render/html';

const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/;

const doc: DocModel = {
  title: '시험\uFFFE구청 업무보고',
  subtitle: '(’19.3.31.\u0001 기준)',
  blocks: [
    { type: 'heading', level: 1, number: 'Ⅰ.', text: '일반\u0000현황' },
    { type: 'paragraph', runs: [{ text: '현장\uD800 방문\u000B점검' }] },
  ],
};

describe('renderers clean the text they write', () => {
  it('.docx: document and properties without characters XML forbids', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(doc));
    for (const part of ['word/document.xml', 'docProps/core.xml']) {
      const xml = (await zip.file(part)?.async('string')) ?? '';
      expect(xml, part).not.toMatch(XML_ILLEGAL);
    }
    const body = (await zip.file('word/document.xml')?.async('string')) ?? '';
    for (const t of ['시험구청 업무보고', '일반 현황', '현장 방문 점검']) expect(body).toContain(t);
  });

  it('HTML: the same text, escaped', () => {
    const html = renderHtml(doc);
    expect(html).not.toMatch(XML_ILLEGAL);
    for (const t of ['시험구청 업무보고', '일반 현황', '현장 방문 점검', '(’19.3.31. 기준)']) expect(html).toContain(t);
  });
});
