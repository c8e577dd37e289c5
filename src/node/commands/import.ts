import * as path from 'node:path';
import { groupDigits } from '../../core/format';
import { UserError } from '../../core/ports';
import { SHEET } from '../../core/sheets';
import {
  describeImport,
  IMPORT_YEAR_MAX,
  IMPORT_YEAR_MIN,
  importDetails,
  importRecords,
  type ImportOptions,
  type ImportResult,
} from '../../core/usecases/importRecords';
import { openWorkbook, str, SWITCH, todayClock, VALUE, workbookArg } from '../args';
import type { Command, OptionValues } from '../command';
import type { Io } from '../io';
import { nodePorts } from '../ports';
import { checkImportMemory, openRecordsFile, type RecordsSource } from '../records';

const USAGE =
  'sijeong import <file.xlsx> <records.csv|.xlsx>… [--year YYYY] [--month M|YYYY-MM] [--dept TEXT] [--item 과목] [--today YYYY-MM-DD] [--dry-run] [--json]';

/** --year and --month: '--month 2026-03' gives both; '--month 3' takes the year from --year or the file. */
export function yearMonthOptions(values: OptionValues): Pick<ImportOptions, 'year' | 'month'> {
  const y = str(values, 'year');
  const m = str(values, 'month');
  const out: { year?: number; month?: number } = {};
  if (y !== undefined) {
    const n = /^\d{4}$/.test(y.trim()) ? Number(y) : Number.NaN;
    if (!(n >= IMPORT_YEAR_MIN && n <= IMPORT_YEAR_MAX))
      throw new UserError(`--year에는 ${IMPORT_YEAR_MIN}~${IMPORT_YEAR_MAX}의 네 자리 연도를 쓰세요 (입력값: ${y})`);
    out.year = n;
  }
  if (m !== undefined) {
    const full = /^(\d{4})-(\d{1,2})$/.exec(m.trim());
    const month = Number(full ? full[2] : /^\d{1,2}$/.test(m.trim()) ? m : Number.NaN);
    if (!(month >= 1 && month <= 12)) throw new UserError(`--month에는 1~12 또는 YYYY-MM을 쓰세요 (입력값: ${m})`);
    if (full) {
      const year = Number(full[1]);
      if (out.year !== undefined && out.year !== year)
        throw new UserError(`--year ${out.year}와(과) --month ${m}의 연도가 다릅니다`);
      out.year = year;
    }
    out.month = month;
  }
  return out;
}

function printResult(io: Io, r: ImportResult, encoding: string): void {
  io.out(`${r.file} (${encoding === 'xlsx' ? '.xlsx' : encoding.toUpperCase()}, 머리글 ${r.headerLine}행)`);
  io.out(`열 대응: ${r.mappingText}`);
  const list = (tag: string, items: readonly { line: number; reason?: string; message?: string }[], max: number) => {
    for (const j of items.slice(0, max)) io.out(`  [${tag}] ${j.line}행: ${j.reason ?? j.message ?? ''}`);
    if (items.length > max) io.out(`  … ${tag} 외 ${items.length - max}건 (가져오기 오류 시트에 모두 있습니다)`);
  };
  list('거부', r.rejections, 30);
  list('검토', r.reviews, 10);
  list('경고', r.warnings, 10);
  for (const [name, b] of Object.entries(r.byItem)) io.out(`  ${name}: ${b.count}건, ${groupDigits(b.amount)}원`);
  for (const line of importDetails(r)) io.out(line);
  io.out(describeImport(r));
}

export const importCommand: Command = {
  name: 'import',
  summary:
    '업무추진비 사용 내역(.csv UTF-8/CP949, .xlsx)을 집행내역으로 가져옵니다 (거부·중복·검토할 행은 가져오기 오류 시트에)',
  usage: USAGE,
  options: { dept: VALUE, item: VALUE, year: VALUE, month: VALUE, 'dry-run': SWITCH, json: SWITCH, today: VALUE },
  async run({ positionals, values }, io) {
    // Flags first, then the records files, then the workbook: a mistake in any of them leaves the
    // workbook untouched, and it is saved once, after every file was imported.
    workbookArg(positionals, this.usage);
    const recordsPaths = positionals.slice(1);
    if (!recordsPaths.length) throw new UserError(`가져올 파일을 지정하세요. 사용법: ${this.usage}`);
    const dept = str(values, 'dept');
    const item = str(values, 'item');
    const dryRun = !!values['dry-run'];
    const clock = todayClock(values);
    const opts: ImportOptions = {
      dryRun,
      ...(dept ? { dept } : {}),
      ...(item ? { defaultItem: item } : {}),
      ...yearMonthOptions(values),
    };
    const sources: { file: string; src: RecordsSource }[] = [];
    for (const f of recordsPaths) sources.push({ file: f, src: await openRecordsFile(f) });
    const wb = await openWorkbook(positionals[0], this.usage);
    checkImportMemory(
      wb.book.getWorksheet(SHEET.ledger)?.rowCount ?? 0,
      sources.reduce((n, s) => n + s.src.rows, 0),
    );
    const ports = nodePorts(wb, clock ? { clock } : {});
    const results = sources.map(({ file, src }) => {
      const r = importRecords(
        ports,
        { stream: src.stream, fileName: path.basename(file), encoding: src.encoding.toUpperCase() },
        opts,
      );
      return { ...r, notes: [...src.notes, ...r.notes], encoding: src.encoding };
    });
    if (!dryRun) await wb.saveChanges();
    if (values.json) {
      const one = results[0];
      io.out(JSON.stringify(results.length === 1 && one ? one : { files: results, ...totals(results) }, null, 2));
      return 0;
    }
    for (const r of results) printResult(io, r, r.encoding);
    if (results.length > 1) {
      const t = totals(results);
      io.out(
        `합계 (${results.length}개 파일): 읽음 ${t.read}건 = 가져옴 ${t.imported}건 + 건너뜀 ${t.skipped}건 + 거부 ${t.rejected}건`,
      );
    }
    if (!dryRun) io.out(path.resolve(wb.path));
    return 0;
  },
};

function totals(rs: readonly ImportResult[]): { read: number; imported: number; skipped: number; rejected: number } {
  const sum = (k: 'read' | 'imported' | 'skipped' | 'rejected'): number => rs.reduce((s, r) => s + r[k], 0);
  return { read: sum('read'), imported: sum('imported'), skipped: sum('skipped'), rejected: sum('rejected') };
}
