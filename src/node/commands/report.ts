import { UserError } from '../../core/ports';
import type { ReportOptions } from '../../core/report';
import { reportResult, runReport, type ReportRun } from '../../core/usecases/report';
import { dateFlag, openWorkbook, outDirOf, str, VALUE, workbookArg } from '../args';
import type { Command } from '../command';
import { publicUrl } from '../links';
import { nodePorts } from '../ports';
import { fileSink, isReportFormat, REPORT_FORMAT_NAMES, type PublishedFiles, type ReportFormat } from '../report';
import { JsonFileStore } from '../store';

/** --format docx,html → the formats (default: all of them, in the table's order). */
export function parseFormats(value: string | undefined): ReportFormat[] {
  if (!value) return [...REPORT_FORMAT_NAMES];
  const list = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (!list.length || !list.every(isReportFormat))
    throw new UserError(`--format에는 ${REPORT_FORMAT_NAMES.join(', ')} 중에서 쉼표로 골라 쓰세요 (입력값: ${value})`);
  return [...new Set(list)];
}

/** --parts general,tasks and --tasks 1,3 → report options. */
export function parseParts(parts: string | undefined, tasks: string | undefined): ReportOptions {
  const opts: { general?: boolean; tasks?: boolean; taskNumbers?: number[] } = {};
  if (parts !== undefined) {
    const list = parts
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = list.filter((p) => p !== 'general' && p !== 'tasks');
    if (bad.length || !list.length)
      throw new UserError(
        `--parts에는 general(일반 현황), tasks(주요 업무) 중에서 쉼표로 골라 쓰세요 (입력값: ${parts})`,
      );
    opts.general = list.includes('general');
    opts.tasks = list.includes('tasks');
  }
  if (tasks !== undefined) {
    const nums = tasks
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number);
    if (!nums.length || nums.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new UserError(`--tasks에는 업무번호를 쉼표로 쓰세요, 예: 1,3 (입력값: ${tasks})`);
    }
    opts.taskNumbers = nums;
  }
  return opts;
}

export const report: Command = {
  name: 'report',
  summary: '업무보고를 .docx, .hwpx(한글), .html로 만듭니다 (입력 오류가 있으면 만들지 않음)',
  usage: `sijeong report <file.xlsx> [--as-of YYYY-MM-DD] [--out DIR] [--format ${REPORT_FORMAT_NAMES.join(',')}] [--parts general,tasks] [--tasks 1,3]`,
  options: { 'as-of': VALUE, parts: VALUE, tasks: VALUE, out: VALUE, format: VALUE },
  async run({ positionals, values }, io) {
    // Every flag is checked before the workbook is opened: a typo is not a run (nothing in 기록).
    const formats = parseFormats(str(values, 'format'));
    const choice = parseParts(str(values, 'parts'), str(values, 'tasks'));
    const asOf = dateFlag(values, 'as-of', '(기준일)');
    const outDir = outDirOf(values, workbookArg(positionals, this.usage));
    const wb = await openWorkbook(positionals[0], this.usage);
    // The newest report's link is kept in the workbook's state file, for the summary and sidebar.
    const store = JsonFileStore.forWorkbook(wb.path);
    const ports = nodePorts(wb, { store });
    const sink = fileSink(outDir, formats, (f) => publicUrl(f));
    let run: ReportRun<PublishedFiles>;
    try {
      run = await runReport(ports, sink, { ...choice, ...(asOf ? { asOf } : {}) });
    } catch (e) {
      // Invalid sheets or a failed write are a real run that failed: 기록 keeps it.
      await wb.saveChanges();
      throw e;
    }
    for (const w of run.warnings) io.out(w);
    await wb.saveChanges();
    store.save();
    io.out(reportResult(run).message);
    for (const f of run.files) io.out(f);
    return 0;
  },
};
