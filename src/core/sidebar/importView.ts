/** 집행내역 가져오기 from the sidebar: a CSV the browser decoded, imported by usecases/importRecords.ts. */
import { describeImport, importCsv, importDetails, type CsvImportRequest } from '../usecases/importRecords';
import type { ServerDeps } from './context';
import { checkInput, csvRequestSchema } from './input';
import { MAX_REJECTIONS_SHOWN, type ImportView } from './views';

/**
 * Imports 업무추진비 records from a CSV file the user chose (the sidebar decodes UTF-8 or CP949
 * and sends the text). A dry run writes nothing; problems come back as { ok: false } in Korean.
 */
export function importRecords(deps: ServerDeps, input: CsvImportRequest): ImportView {
  // No request at all is an empty file; anything else must be the sidebar's request object.
  const args = checkInput(csvRequestSchema, input ?? { text: '' }, 'CSV 가져오기 요청', '가져오지 않았습니다');
  if (!args.ok) return { ok: false, message: args.message };
  const r = importCsv(deps.ports, args.value);
  return {
    ok: true,
    message: describeImport(r),
    file: r.file,
    dryRun: r.dryRun,
    read: r.read,
    imported: r.imported,
    skipped: r.skipped,
    rejected: r.rejected,
    skippedOtherDept: r.skippedOtherDept,
    alreadyImported: r.alreadyImported,
    alreadyInLedger: r.alreadyInLedger,
    rejections: r.rejections.slice(0, MAX_REJECTIONS_SHOWN).map((j) => ({ line: j.line, reason: j.reason })),
    reviews: r.reviews.slice(0, MAX_REJECTIONS_SHOWN).map((j) => ({ line: j.line, reason: j.reason })),
    warnings: r.warnings.slice(0, MAX_REJECTIONS_SHOWN).map((j) => ({ line: j.line, reason: j.message })),
    reviewCount: r.reviews.length,
    warningCount: r.warnings.length,
    details: importDetails(r),
    mappingText: r.mappingText,
    headerLine: r.headerLine,
    firstRow: r.firstRow,
    byItem: Object.entries(r.byItem).map(([item, b]) => ({ item, count: b.count, amount: b.amount })),
  };
}
