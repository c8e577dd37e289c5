import * as path from 'node:path';
import { groupDigits } from '../../core/format';
import { UserError } from '../../core/ports';
import { describeImport, importRecords } from '../../core/usecases/importRecords';
import { str, type Command } from '../command';
import { fixedClock, nodePorts } from '../ports';
import { isLocalDate } from '../../core/dates';
import { readRecordsFile } from '../records';
import { openWorkbook } from './workbook';

export const importCommand: Command = {
  name: 'import',
  summary: '업무추진비 사용 내역(.csv UTF-8/CP949, .xlsx)을 집행내역으로 가져옵니다 (거부된 행은 가져오기 오류 시트에)',
  usage:
    'sijeong import <file.xlsx> <records.csv|.xlsx> [--dept TEXT] [--item 과목] [--today YYYY-MM-DD] [--dry-run] [--json]',
  options: {
    dept: { type: 'string' },
    item: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    today: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    // Flags first, then the records file, then the workbook: a mistake in either of the first two
    // leaves the workbook untouched.
    if (!positionals[0]) throw new UserError(`통합문서 파일을 지정하세요. 사용법: ${this.usage}`);
    const recordsPath = positionals[1];
    if (!recordsPath) throw new UserError(`가져올 파일을 지정하세요. 사용법: ${this.usage}`);
    const dept = str(values, 'dept');
    const item = str(values, 'item');
    const dryRun = !!values['dry-run'];
    const today = str(values, 'today');
    if (today !== undefined && !isLocalDate(today))
      throw new UserError(`--today에는 YYYY-MM-DD 날짜를 쓰세요 (입력값: ${today})`);
    const file = await readRecordsFile(recordsPath);
    const wb = await openWorkbook(positionals[0], this.usage);
    const r = importRecords(
      nodePorts(wb, today ? { clock: fixedClock(today) } : {}),
      { rows: file.rows, lines: file.lines, fileName: path.basename(recordsPath) },
      { dryRun, ...(dept ? { dept } : {}), ...(item ? { defaultItem: item } : {}) },
    );
    if (!dryRun) await wb.saveChanges();
    if (values.json) {
      io.out(JSON.stringify({ ...r, encoding: file.encoding }, null, 2));
      return 0;
    }
    io.out(`${r.file} (${file.encoding === 'xlsx' ? '.xlsx' : file.encoding.toUpperCase()}, 머리글 ${r.headerLine}행)`);
    io.out(`열 대응: ${r.mappingText}`);
    for (const j of r.rejections.slice(0, 30)) io.out(`  [거부] ${j.line}행: ${j.reason}`);
    if (r.rejections.length > 30) io.out(`  … 외 ${r.rejections.length - 30}건 (가져오기 오류 시트에 모두 있습니다)`);
    for (const [name, b] of Object.entries(r.byItem)) io.out(`  ${name}: ${b.count}건, ${groupDigits(b.amount)}원`);
    io.out(describeImport(r));
    if (!dryRun) io.out(path.resolve(wb.path));
    return 0;
  },
};
