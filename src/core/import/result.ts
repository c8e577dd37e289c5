/**
 * What one import did, as JSON-safe data (the CLI's --json, the sidebar, Apps Script) and as
 * Korean lines: counts per fiscal year, per rejection reason and per source file, where the year
 * came from, the columns left unread. Pure.
 */
import { groupDigits } from '../format';
import type { YearSource } from './dates';
import type { ColumnMapping } from './header';

export interface YearInfo {
  readonly year: number;
  readonly month: number | null;
  readonly source: YearSource;
  /** '2026년 3월 (제목 행 '2026년 3월 업무추진비 사용내역')'. */
  readonly text: string;
}

export interface SourceCounts {
  read: number;
  imported: number;
  skipped: number;
  rejected: number;
}

/** JSON-safe result (also returned to the Apps Script sidebar). */
export interface ImportResult {
  readonly file: string;
  readonly read: number;
  readonly imported: number;
  /** skippedOtherDept + skippedTotals + alreadyImported + alreadyInLedger. */
  readonly skipped: number;
  readonly rejected: number;
  readonly rejections: { line: number; reason: string }[];
  readonly skippedOtherDept: number;
  /** Total rows ('합계') at the bottom of the table. */
  readonly skippedTotals: number;
  /** Rows imported before from this file (same import key in 출처). */
  readonly alreadyImported: number;
  /** Rows whose expense the ledger already has by another route (see import/identity.ts). */
  readonly alreadyInLedger: number;
  readonly duplicates: { line: number; reason: string }[];
  /** Imported rows that share day and amount with another row (listed in 가져오기 오류). */
  readonly reviews: { line: number; reason: string }[];
  /** Imported rows with a change worth knowing (a blank unreadable time, a kept payment …). */
  readonly warnings: { line: number; message: string }[];
  readonly mapping: ColumnMapping;
  readonly mappingText: string;
  /** Header texts of the columns the import did not read. */
  readonly ignoredColumns: readonly string[];
  readonly headerLine: number;
  /** Where year-less dates took their year from (and the month rows are checked against). */
  readonly year: YearInfo | null;
  /** Imported rows whose 사용일 had no year. */
  readonly yearlessDates: number;
  readonly fiscalYear: number;
  /** Imported rows per calendar (= fiscal) year of their 사용일. */
  readonly byYear: Record<string, { count: number; amount: number }>;
  /** Rejected rows per reason (a row with several reasons counts under each). */
  readonly byReason: Record<string, number>;
  /** Rows per source file: the file itself, or each source_file id of a file that merges several. */
  readonly bySource: Record<string, SourceCounts>;
  /** The department named above the header (used for rows that give none). */
  readonly fileDept: string;
  /** Header of the source-file column, when the file has one. */
  readonly sourceColumn: string | null;
  /** File-level notes (bytes the decoder could not read …). */
  readonly notes: readonly string[];
  readonly dryRun: boolean;
  /** First 집행내역 row written (null when nothing was written). */
  readonly firstRow: number | null;
  /** Imported rows per 과목. */
  readonly byItem: Record<string, { count: number; amount: number }>;
  /** Sum of the imported amounts in 원. */
  readonly importedAmount: number;
}

export function describeImport(r: ImportResult): string {
  const parts = [`읽음 ${r.read}건 = 가져옴 ${r.imported}건 + 건너뜀 ${r.skipped}건 + 거부 ${r.rejected}건`];
  if (r.skipped) {
    const why = [
      r.skippedOtherDept ? `다른 부서 ${r.skippedOtherDept}건` : '',
      r.skippedTotals ? `합계 행 ${r.skippedTotals}건` : '',
      r.alreadyImported ? `이미 가져온 행 ${r.alreadyImported}건` : '',
      r.alreadyInLedger ? `집행내역에 이미 있는 지출 ${r.alreadyInLedger}건` : '',
    ].filter(Boolean);
    parts.push(`(건너뜀: ${why.join(', ')})`);
  }
  if (r.dryRun) parts.push('[시험 실행: 아무것도 쓰지 않았습니다]');
  return parts.join(' ');
}

const won = (n: number): string => `${groupDigits(n)}원`;

/** Source files listed one a line in the summary (the rest are counted; the JSON result has all). */
const SOURCE_LINES = 10;

/** The summary's detail lines: year source, years, reasons, sources, reviews, columns not read. */
export function importDetails(r: ImportResult): string[] {
  const lines: string[] = [];
  if (r.year && (r.yearlessDates || (r.year.month && r.year.source !== 'fiscalYear'))) {
    const n = r.yearlessDates ? ` (연도 없는 사용일 ${r.yearlessDates}건에 적용)` : '';
    lines.push(`연도·월: ${r.year.text}${n}`);
  }
  const years = Object.keys(r.byYear).sort();
  if (years.length) {
    const parts = years.map((y) => {
      const b = r.byYear[y] ?? { count: 0, amount: 0 };
      return `${y}년 ${b.count}건 ${won(b.amount)}${Number(y) === r.fiscalYear ? '' : ' (다른 회계연도)'}`;
    });
    lines.push(`연도별 가져옴: ${parts.join(', ')}`);
    if (years.some((y) => Number(y) !== r.fiscalYear)) {
      lines.push(
        `  회계연도 ${r.fiscalYear}년 밖의 행도 집행내역에 넣었습니다 (업무보고의 집행액에는 회계연도의 행만 들어갑니다)`,
      );
    }
  }
  if (r.fileDept) lines.push(`부서: '${r.fileDept}' (머리글 위의 행에서 읽어 부서가 빈 행에 넣었습니다)`);
  const reasons = Object.entries(r.byReason).sort((a, b) => b[1] - a[1]);
  if (reasons.length) lines.push(`거부 사유별: ${reasons.map(([k, n]) => `${k} ${n}건`).join(', ')}`);
  const sources = Object.entries(r.bySource);
  if (r.sourceColumn) {
    lines.push(`원본 파일('${r.sourceColumn}' 열): ${groupDigits(sources.length)}개`);
    for (const [name, c] of sources.slice(0, SOURCE_LINES)) lines.push(`  ${name}: ${sourceText(c)}`);
    if (sources.length > SOURCE_LINES) lines.push(`  외 ${groupDigits(sources.length - SOURCE_LINES)}개`);
  }
  if (r.alreadyInLedger)
    lines.push(
      `집행내역에 이미 있는 지출 ${r.alreadyInLedger}건은 가져오지 않았습니다 ('가져오기 오류' 시트에 어느 행인지 있습니다)`,
    );
  if (r.reviews.length)
    lines.push(
      `확인할 행 ${r.reviews.length}건: 같은 날 같은 금액의 행이 있어 가져왔지만 같은 지출인지 확인하세요 ('가져오기 오류' 시트의 '검토'에 어느 행과 무엇이 다른지 있습니다)`,
    );
  if (r.warnings.length) lines.push(`경고 ${r.warnings.length}건 (가져온 행; '가져오기 오류' 시트의 '경고')`);
  if (r.ignoredColumns.length) lines.push(`읽지 않은 열: ${r.ignoredColumns.map((c) => `'${c}'`).join(', ')}`);
  for (const n of r.notes) lines.push(n);
  return lines;
}

const sourceText = (c: SourceCounts): string =>
  `읽음 ${c.read}건, 가져옴 ${c.imported}건, 건너뜀 ${c.skipped}건, 거부 ${c.rejected}건`;
