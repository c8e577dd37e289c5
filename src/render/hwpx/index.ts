/**
 * DocModel → .hwpx (OWPML, KS X 6101), the format 한글 opens and saves by default. Every part is
 * written here; fflate's synchronous zip packs them with `mimetype` first and stored, and a fixed
 * timestamp, so the same document gives the same bytes in Node and in Apps Script.
 *
 * Pure TypeScript, ES2020, no timers and no Node APIs.
 */
import { strToU8, type Zippable, zipSync } from 'fflate';
import type { DocModel } from '../../core/docmodel';
import { cleanText } from '../../core/text';
import { renderPlainText } from '../plain';
import { lookOf } from '../style';
import { headerXml } from './header';
import { containerXml, contentHpf, MIMETYPE, manifestXml, previewText, settingsXml, versionXml } from './package';
import { sectionXml } from './section';
import { Shapes } from './shapes';
import type { Writer } from './write';

export interface RenderHwpxOptions {
  /** Document property 'creator' (default '시정 데스크'). */
  readonly creator?: string;
}

/**
 * The date in every ZIP entry: 1980-01-01 00:00 local time, the first date a ZIP can hold, built from
 * local fields so that the DOS time written is the same in every time zone.
 */
function fixedTime(): Date {
  return new Date(1980, 0, 1, 0, 0, 0);
}

/** The parts of the package, in order, as text. */
export function hwpxParts(doc: DocModel, opts?: RenderHwpxOptions): [string, string][] {
  const look = lookOf(doc);
  const w: Writer = { shapes: new Shapes(), look, ids: { p: 0, obj: 1 }, pageBreak: false };
  const section = sectionXml(w, doc);
  const header = headerXml(w.shapes, look);
  return [
    ['mimetype', MIMETYPE],
    ['version.xml', versionXml()],
    ['META-INF/container.xml', containerXml()],
    ['META-INF/manifest.xml', manifestXml()],
    ['Contents/content.hpf', contentHpf({ title: doc.title, creator: opts?.creator ?? '시정 데스크' })],
    ['Contents/header.xml', header],
    ['Contents/section0.xml', section],
    ['settings.xml', settingsXml()],
    ['Preview/PrvText.txt', previewText(cleanText(renderPlainText(doc)))],
  ];
}

/** Renders the document as a .hwpx file. */
export function renderHwpx(doc: DocModel, opts?: RenderHwpxOptions): Uint8Array {
  const mtime = fixedTime();
  const files: Zippable = {};
  for (const [name, text] of hwpxParts(doc, opts)) {
    // The mimetype is stored, so that 한글 finds the string at its fixed offset; the rest deflated.
    files[name] = [strToU8(text), { level: name === 'mimetype' ? 0 : 6, mtime }];
  }
  return zipSync(files);
}
