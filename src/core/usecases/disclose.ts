/** `disclose`: the month's 업무추진비 records in Seoul's disclosure layout (see ../disclosure). */
import { buildDisclosure, parseMonth, type Disclosure } from '../disclosure';
import { formatIssue, hasErrors } from '../issues';
import { UserError, type Ports } from '../ports';
import { groupDigits } from '../format';
import { appendLog } from '../log';
import { loadOffice } from '../office';

/** The month's disclosure, and 설정 '보고서 폴더 ID' for adapters that store it in a folder. */
export function disclose(ports: Ports, month: string): { disclosure: Disclosure; reportFolderId: string } {
  if (!parseMonth(month)) throw new UserError(`월을 YYYY-MM 형식으로 쓰세요 (입력값: ${month})`);
  const { office, issues } = loadOffice(ports);
  const ledgerErrors = issues.filter(
    (i) => i.severity === 'error' && (i.sheet === '집행내역' || i.sheet === '예산' || i.sheet === '설정'),
  );
  if (hasErrors(ledgerErrors)) {
    throw new UserError(
      `집행내역·예산·설정에 오류가 ${ledgerErrors.length}건 있어 공개 자료를 만들지 않았습니다. 먼저 고치세요.`,
      { kind: 'validation', details: ledgerErrors.slice(0, 20).map(formatIssue) },
    );
  }
  const d = buildDisclosure(office, month);
  appendLog(ports, '업무추진비 공개', '성공', `${d.title}: ${d.rows.length}건, 합계 ${groupDigits(d.total)}원`);
  return { disclosure: d, reportFolderId: office.settings.reportFolderId };
}
