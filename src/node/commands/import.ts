import * as path from 'node:path';
import { groupDigits } from '../../core/format';
import { describeImport, importRecords } from '../../core/usecases/importRecords';
import { openWorkbook, required, str, SWITCH, todayClock, VALUE, workbookArg } from '../args';
import type { Command } from '../command';
import { nodePorts } from '../ports';
import { readRecordsFile } from '../records';

export const importCommand: Command = {
  name: 'import',
  summary: '업무추진비 사용 내역(.csv UTF-8/CP949, .xlsx)을 집행내역으로 가져옵니다 (거부된 행은 가져오기 오류 시트에)',
  usage:
    'sijeong import <file.xlsx> <records.csv|.xlsx> [--dept TEXT] [--item 과목] [--today YYYY-MM-DD] [--dry-run] [--json]',
  options: { dept: VALUE, item: VALUE, 'dry-run': SWITCH, json: SWITCH, today: VALUE },
  async run({ positionals, values }, io) {
    // Flags first, then the records file, then the workbook: a mistake in either of the first two
    // leaves the workbook untouched.
    workbookArg(positionals, this.usage);
    const recordsPath = required(positionals[1], '가져올 파일을 지정하세요', this.usage);
    const dept = str(values, 'dept');
    const item = str(values, 'item');
    const dryRun = !!values['dry-run'];
    const clock = todayClock(values);
    const file = await readRecordsFile(recordsPath);
    const wb = await openWorkbook(positionals[0], this.usage);
    const r = importRecords(
      nodePorts(wb, clock ? { clock } : {}),
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
