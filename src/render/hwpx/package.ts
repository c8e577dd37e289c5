/**
 * The package parts around the content: version.xml, META-INF/container.xml and manifest.xml,
 * Contents/content.hpf (metadata, manifest, spine), settings.xml and Preview/PrvText.txt.
 * Nothing here depends on the clock, so the same document always gives the same bytes.
 */
import { el, empty, escapeXml, XML_DECLARATION } from '../xml';

export const MIMETYPE = 'application/hwp+zip';

/** Every namespace 한글 declares on its root elements (the validator checks header and sections for them). */
const NS: readonly (readonly [string, string])[] = [
  ['ha', 'http://www.hancom.co.kr/hwpml/2011/app'],
  ['hp', 'http://www.hancom.co.kr/hwpml/2011/paragraph'],
  ['hp10', 'http://www.hancom.co.kr/hwpml/2016/paragraph'],
  ['hs', 'http://www.hancom.co.kr/hwpml/2011/section'],
  ['hc', 'http://www.hancom.co.kr/hwpml/2011/core'],
  ['hh', 'http://www.hancom.co.kr/hwpml/2011/head'],
  ['hhs', 'http://www.hancom.co.kr/hwpml/2011/history'],
  ['hm', 'http://www.hancom.co.kr/hwpml/2011/master-page'],
  ['hpf', 'http://www.hancom.co.kr/schema/2011/hpf'],
  ['dc', 'http://purl.org/dc/elements/1.1/'],
  ['opf', 'http://www.idpf.org/2007/opf/'],
  ['ooxmlchart', 'http://www.hancom.co.kr/hwpml/2016/ooxmlchart'],
  ['hwpunitchar', 'http://www.hancom.co.kr/hwpml/2016/HwpUnitChar'],
  ['epub', 'http://www.idpf.org/2007/ops'],
  ['config', 'urn:oasis:names:tc:opendocument:xmlns:config:1.0'],
];

/** ` xmlns:ha="…" xmlns:hp="…" …` for a root element. */
export const NAMESPACES = NS.map(([p, uri]) => ` xmlns:${p}="${uri}"`).join('');

export function versionXml(): string {
  return (
    XML_DECLARATION +
    empty('hv:HCFVersion', {
      'xmlns:hv': 'http://www.hancom.co.kr/hwpml/2011/version',
      // 'taget' is the format's own spelling.
      tagetApplication: 'WORDPROCESSOR',
      major: 5,
      minor: 1,
      micro: 1,
      buildNumber: 0,
      os: 1,
      xmlVersion: '1.4',
      application: 'Sijeong Desk',
      appVersion: '0.1.0',
    })
  );
}

export function containerXml(): string {
  return (
    XML_DECLARATION +
    el(
      'ocf:container',
      {
        'xmlns:ocf': 'urn:oasis:names:tc:opendocument:xmlns:container',
        'xmlns:hpf': 'http://www.hancom.co.kr/schema/2011/hpf',
      },
      el(
        'ocf:rootfiles',
        {},
        empty('ocf:rootfile', { 'full-path': 'Contents/content.hpf', 'media-type': 'application/hwpml-package+xml' }) +
          empty('ocf:rootfile', { 'full-path': 'Preview/PrvText.txt', 'media-type': 'text/plain' }),
      ),
    )
  );
}

export function manifestXml(): string {
  return `${XML_DECLARATION}<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`;
}

export interface PackageMeta {
  readonly title: string;
  readonly creator: string;
}

export function contentHpf(meta: PackageMeta): string {
  const text = (name: string, value: string) =>
    value ? el('opf:meta', { name, content: 'text' }, escapeXml(value)) : empty('opf:meta', { name, content: 'text' });
  const item = (id: string, href: string) => empty('opf:item', { id, href, 'media-type': 'application/xml' });
  return (
    XML_DECLARATION +
    `<opf:package${NAMESPACES} version="" unique-identifier="" id="">` +
    el(
      'opf:metadata',
      {},
      el('opf:title', {}, escapeXml(meta.title)) +
        el('opf:language', {}, 'ko') +
        text('creator', meta.creator) +
        text('subject', '') +
        text('description', '') +
        text('keyword', ''),
    ) +
    el(
      'opf:manifest',
      {},
      item('header', 'Contents/header.xml') +
        item('section0', 'Contents/section0.xml') +
        item('settings', 'settings.xml'),
    ) +
    el(
      'opf:spine',
      {},
      empty('opf:itemref', { idref: 'header', linear: 'yes' }) +
        empty('opf:itemref', { idref: 'section0', linear: 'yes' }),
    ) +
    '</opf:package>'
  );
}

export function settingsXml(): string {
  return (
    XML_DECLARATION +
    el(
      'ha:HWPApplicationSetting',
      {
        'xmlns:ha': 'http://www.hancom.co.kr/hwpml/2011/app',
        'xmlns:config': 'urn:oasis:names:tc:opendocument:xmlns:config:1.0',
      },
      empty('ha:CaretPosition', { listIDRef: 0, paraIDRef: 0, pos: 0 }),
    )
  );
}

/** The preview text: the document's first lines, about 1 KB as 한글 keeps it. */
export function previewText(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length > 1000) break;
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\r\n');
}
