/**
 * Spending checks on 집행내역 (warnings, each at the row's cell): use on a weekend or public
 * holiday, between 23:00 and 06:00, a missing 사용목적 or 대상인원, and the same place and
 * amount twice on one day. Pure.
 *
 * 대상인원 counts as given when 대상인원 or 사용자 is filled: Seoul's own disclosure publishes
 * them as one column ('사용자 및 인원'), and published records often carry only one of them.
 */
import { WEEKDAY_KO, weekday } from './dates';
import { groupDigits } from './format';
import { holidayName } from './holidays';
import type { Issue } from './issues';
import type { Office } from './model';
import { SHEET } from './sheets';
import { issueAt, type Table } from './table';

export const NIGHT_FROM = '23:00';
export const NIGHT_UNTIL = '06:00';

export function spendingChecks(office: Pick<Office, 'ledger'>, table?: Pick<Table, 'columns'> | null): Issue[] {
  const sheet = SHEET.ledger;
  const col = (h: string): number | null => table?.columns.get(h) ?? null;
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  for (const e of office.ledger) {
    const holiday = holidayName(e.date);
    const wd = weekday(e.date);
    if (holiday) {
      issues.push(
        issueAt('warning', sheet, e.row, col('집행일자'), '집행일자', `공휴일(${holiday})에 사용했습니다 (${e.date})`),
      );
    } else if (wd === 0 || wd === 6) {
      issues.push(
        issueAt(
          'warning',
          sheet,
          e.row,
          col('집행일자'),
          '집행일자',
          `주말(${WEEKDAY_KO[wd]}요일)에 사용했습니다 (${e.date})`,
        ),
      );
    }
    if (e.time && (e.time >= NIGHT_FROM || e.time < NIGHT_UNTIL)) {
      issues.push(
        issueAt(
          'warning',
          sheet,
          e.row,
          col('사용시간'),
          '사용시간',
          `심야(${NIGHT_FROM}~${NIGHT_UNTIL})에 사용했습니다 (${e.time})`,
        ),
      );
    }
    if (!e.purpose.trim()) {
      issues.push(issueAt('warning', sheet, e.row, col('사용목적'), '사용목적', '사용목적이 비어 있습니다'));
    }
    if (!e.people.trim() && !e.user.trim()) {
      issues.push(
        issueAt('warning', sheet, e.row, col('대상인원'), '대상인원', '대상인원(사용자 및 인원)이 비어 있습니다'),
      );
    }
    const place = e.place.replace(/\s+/g, '');
    if (place) {
      const key = `${e.date}|${place}|${e.amount}`;
      const prev = seen.get(key);
      if (prev !== undefined) {
        issues.push(
          issueAt(
            'warning',
            sheet,
            e.row,
            col('금액'),
            '금액',
            `같은 날 같은 장소·금액의 집행이 ${prev}행에도 있습니다 (${e.place}, ${groupDigits(e.amount)}원): 중복 입력인지 확인하세요`,
          ),
        );
      } else seen.set(key, e.row);
    }
  }
  return issues;
}
