/**
 * The weekly summary as an e-mail: HTML with inline styles only (simple tables that Gmail and
 * Outlook render the same) and a plain-text alternative. Every string from the workbook passes
 * `escapeHtml`; links are kept only for http(s) and file URLs.
 */
import { escapeHtml } from '../html';
import { formatLongKo, formatMonthDay, splitDate } from '../dates';
import { groupDigits } from '../format';
import { stamp } from '../log';
import type { Summary, SummaryBudgetLine, SummaryDay, SummaryTask } from './model';
import type { SnapshotChanges } from './snapshot';
import { dayLabel, HORIZON_DAYS, PACE_TOLERANCE_POINTS } from './model';

export interface SummaryEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

const FONT = "'Malgun Gothic','맑은 고딕','Apple SD Gothic Neo','Noto Sans KR',sans-serif";
const C = {
  ink: '#1f2328',
  muted: '#57606a',
  line: '#d0d7de',
  head: '#f3f4f6',
  brand: '#1f3864',
  warn: '#b42318',
  ahead: '#9a6700',
} as const;

const e = escapeHtml;

/** '2026-11-27 15:41 만듦' (Seoul time) from the ISO instant stored with the report link. */
function madeAt(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${stamp(d)} 만듦`;
}

function safeUrl(url: string): string | null {
  return /^(https?:|file:)/i.test(url.trim()) ? url.trim() : null;
}

function link(url: string, label: string): string {
  const u = safeUrl(url);
  return u ? `<a href="${e(u)}" style="color:${C.brand};">${e(label)}</a>` : e(label);
}

function section(title: string, note: string, body: string): string {
  return (
    `<tr><td style="padding:18px 0 6px 0;font-family:${FONT};">` +
    `<div style="font-size:15px;font-weight:bold;color:${C.brand};border-bottom:2px solid ${C.brand};padding-bottom:4px;">${e(title)}` +
    (note ? ` <span style="font-size:12px;font-weight:normal;color:${C.muted};">${e(note)}</span>` : '') +
    `</div></td></tr><tr><td style="font-family:${FONT};font-size:13px;color:${C.ink};">${body}</td></tr>`
  );
}

type Cell = {
  html: string;
  align?: 'left' | 'right' | 'center';
  nowrap?: boolean;
  color?: string;
  bold?: boolean;
  colSpan?: number;
};
const cell = (text: string, extra: Omit<Cell, 'html'> = {}): Cell => ({ html: e(text), ...extra });

function table(headers: readonly (string | Cell)[], rows: readonly (readonly Cell[])[]): string {
  const td = (c: Cell, th: boolean): string => {
    const style = [
      `border:1px solid ${C.line}`,
      'padding:5px 7px',
      c.align === 'right' || th ? `text-align:${c.align ?? 'center'}` : '',
      c.nowrap ? 'white-space:nowrap' : '',
      th ? `background:${C.head};font-weight:bold` : '',
      c.color ? `color:${c.color}` : '',
      c.bold ? 'font-weight:bold' : '',
    ]
      .filter(Boolean)
      .join(';');
    const tag = th ? 'th' : 'td';
    const span = c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '';
    return `<${tag}${span} style="${style}">${c.html}</${tag}>`;
  };
  const head = headers.map((h) => td(typeof h === 'string' ? cell(h, { nowrap: true }) : h, true)).join('');
  const body = rows.map((r) => `<tr valign="top">${r.map((c) => td(c, false)).join('')}</tr>`).join('');
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" ` +
    `style="border-collapse:collapse;font-family:${FONT};font-size:13px;color:${C.ink};">` +
    `<tr>${head}</tr>${body}</table>`
  );
}

/**
 * At most this many rows per list, so a busy week stays under Gmail's 102 KB clipping limit; the
 * rest is counted ('… 외 N건').
 */
export const MAX_ROWS = 30;

function capped<T>(items: readonly T[]): { shown: readonly T[]; more: number } {
  return items.length > MAX_ROWS
    ? { shown: items.slice(0, MAX_ROWS), more: items.length - MAX_ROWS }
    : { shown: items, more: 0 };
}

const moreText = (more: number): string => `… 외 ${groupDigits(more)}건은 통합문서에서 확인하세요`;

function moreRow(more: number, span: number): Cell[] {
  return more ? [{ html: e(moreText(more)), color: C.muted, colSpan: span }] : [];
}

const none = (text: string): string => `<div style="color:${C.muted};padding:4px 0;">${e(text)}</div>`;

const timeText = (start: string | null, end: string | null): string =>
  start ? (end ? `${start}~${end}` : start) : '종일';

function daysHtml(days: readonly SummaryDay[], emptyText: string): string {
  let rows: Cell[][] = [];
  for (const d of days) {
    d.events.forEach((ev, i) => {
      const place = [ev.place, ev.district].filter(Boolean).join(' · ');
      const title = ev.title + (ev.repeat !== '없음' ? ` (${ev.repeat})` : '');
      rows.push([
        i === 0 ? cell(d.label, { nowrap: true, bold: true }) : cell(''),
        cell(timeText(ev.start, ev.end), { nowrap: true }),
        cell(ev.type, { nowrap: true }),
        cell(title),
        cell(place),
      ]);
    });
  }
  const { shown, more } = capped(rows);
  rows = [...shown];
  if (more) rows.push(moreRow(more, 5));
  return rows.length ? table(['날짜', '시간', '유형', '제목', '장소'], rows) : none(emptyText);
}

function tasksHtml(tasks: readonly SummaryTask[], late: boolean, emptyText: string): string {
  if (!tasks.length) return none(emptyText);
  const { shown, more } = capped(tasks);
  const rows: Cell[][] = shown.map((t) => [
    cell(t.schedule, { nowrap: true }),
    {
      html: `${e(t.text)}<br><span style="font-size:11px;color:${C.muted};">${e(`${t.taskNo}. ${t.taskTitle}`)}</span>`,
    },
    cell(t.owner, { nowrap: true }),
    late
      ? cell(`${t.status ?? ''} ${t.daysLate ?? 0}일 지남`.trim(), { nowrap: true, color: C.warn, bold: true })
      : cell(t.status ?? '', { nowrap: true }),
  ]);
  if (more) rows.push(moreRow(more, 4));
  return table(['일정', '내용 (업무)', '담당', late ? '상태·경과' : '상태'], rows);
}

function budgetHtml(s: Summary): string {
  const b = s.budget;
  const row = (l: SummaryBudgetLine, total: boolean): Cell[] => [
    cell(l.name, { bold: total }),
    cell(l.budgetText, { align: 'right', nowrap: true, bold: total }),
    cell(l.spentText, { align: 'right', nowrap: true, bold: total }),
    cell(l.remainingText, { align: 'right', nowrap: true, bold: total }),
    cell(l.rateText, { align: 'right', nowrap: true, bold: true }),
    cell(l.paceText, {
      align: 'right',
      nowrap: true,
      ...(l.flag === 'behind'
        ? { color: C.warn, bold: true }
        : l.flag === 'ahead'
          ? { color: C.ahead, bold: true }
          : {}),
    }),
  ];
  const rows = b.lines.map((l) => row(l, false));
  if (b.lines.length > 1) rows.push(row(b.total, true));
  const warn = b.incomplete
    ? `<div style="padding:6px 8px;margin:4px 0 6px 0;border:1px solid ${C.warn};color:${C.warn};font-weight:bold;">${e(b.incomplete.text)}</div>`
    : '';
  const note = b.note ? `<div style="padding:2px 0;color:${C.ahead};font-weight:bold;">${e(b.note)}</div>` : '';
  const intro =
    warn +
    note +
    `<div style="padding:2px 0 6px 0;">경과율 <b>${e(b.elapsed.text)}</b> (${groupDigits(b.elapsed.days)}/${groupDigits(b.elapsed.total)}일) · ` +
    `${e(formatMonthDay(b.asOf))}까지 집행 · 단위: ${e(b.unit)} · 경과율과 ${PACE_TOLERANCE_POINTS}%p 넘게 차이 나면 표시</div>`;
  return b.lines.length
    ? intro + table(['과목', '예산액', '집행액', '잔액', '집행률', '경과율 대비'], rows)
    : warn + note + none('예산 과목이 없습니다.');
}

function staffingHtml(s: Summary): string {
  const st = s.staffing;
  const intro = `<div style="padding:2px 0 6px 0;">정원 ${groupDigits(st.quota)}명 · 현원 ${groupDigits(st.current)}명 · 과부족 ${e(signed(st.current - st.quota))}</div>`;
  if (!st.gaps.length) return intro + none('과부족이 있는 직급이 없습니다.');
  return (
    intro +
    table(
      ['직종', '직급', '정원', '현원', '과부족'],
      st.gaps.map((g) => [
        cell(g.group),
        cell(g.grade, { nowrap: true }),
        cell(groupDigits(g.quota), { align: 'right' }),
        cell(groupDigits(g.current), { align: 'right' }),
        cell(g.diffText, { align: 'right', bold: true, color: g.diff < 0 ? C.warn : C.ink }),
      ]),
    )
  );
}

const signed = (n: number): string => (n > 0 ? `+${groupDigits(n)}` : n < 0 ? `−${groupDigits(-n)}` : '0');

function changesLines(s: Summary): string[] | null {
  const c = s.changes;
  if (!c) return null;
  const out: string[] = [];
  if (c.ledger.count !== 0 || c.ledger.amount !== 0) {
    const amount = c.ledger.amount < 0 ? `−${c.ledger.amountText.replace(/^-/, '')}` : `+${c.ledger.amountText}`;
    out.push(`집행내역 ${signed(c.ledger.count)}건, 금액 ${amount}${s.budget.unit}`);
  } else out.push('집행내역 변동 없음');
  const list = (label: string, items: SnapshotChanges['added']): void => {
    const { shown, more } = capped(items);
    for (const a of shown) out.push(`${label}: ${dayLabel(a.date)} ${a.title}`);
    if (more) out.push(`${label} ${moreText(more)}`);
  };
  list('일정 추가', c.added);
  list('일정 취소', c.cancelled);
  if (c.removed) out.push(`일정 시트에서 지워진 행 ${groupDigits(c.removed)}건`);
  if (!c.added.length && !c.cancelled.length && !c.removed) out.push('일정 변동 없음');
  return out;
}

function listHtml(lines: readonly string[], color: string = C.ink): string {
  return (
    `<ul style="margin:4px 0 0 0;padding-left:20px;color:${color};">` +
    lines.map((l) => `<li style="margin:2px 0;">${e(l)}</li>`).join('') +
    '</ul>'
  );
}

function issuesLines(s: Summary): string[] {
  const lines = [...s.issues.lines];
  if (s.issues.more) lines.push(`… 외 ${groupDigits(s.issues.more)}건 ('입력 검사' 메뉴에서 모두 볼 수 있습니다)`);
  return lines;
}

function linksHtml(s: Summary): string {
  const items: string[] = [];
  const ss = s.links.spreadsheet;
  if (ss) items.push(`통합문서: ${link(ss.url, ss.name || '스프레드시트 열기')}`);
  const r = s.links.report;
  if (r)
    items.push(`최신 업무보고: ${link(r.url, r.name)} <span style="color:${C.muted};">(${e(madeAt(r.at))})</span>`);
  return items.length ? items.map((i) => `<div style="padding:2px 0;">${i}</div>`).join('') : none('링크가 없습니다.');
}

const weekTitle = (s: Summary): string => {
  const [, m, d] = splitDate(s.week.end);
  return `${formatLongKo(s.week.start)}(월) ~ ${m}. ${d}.(일)`;
};

export function renderSummaryHtml(s: Summary): string {
  const changes = changesLines(s);
  const issueTitle = `확인할 점`;
  const issueNote = `오류 ${s.issues.errors}건, 경고 ${s.issues.warnings}건`;
  const parts = [
    section('이번 주 일정', `${s.week.range}`, daysHtml(s.thisWeek, '이번 주 일정이 없습니다.')),
    section('다음 주 일정', `${s.nextWeek.range}`, daysHtml(s.nextWeekDays, '다음 주 일정이 없습니다.')),
    section(
      '다가오는 업무',
      `${formatMonthDay(s.today)}~${formatMonthDay(s.horizonEnd)} (${HORIZON_DAYS}일)`,
      tasksHtml(s.upcoming, false, `${HORIZON_DAYS}일 안에 예정된 업무가 없습니다.`),
    ),
    section('기한이 지난 업무', '완료되지 않은 것', tasksHtml(s.overdue, true, '기한이 지난 업무가 없습니다.')),
    section('예산 집행', '', budgetHtml(s)),
    section('인력 과부족', '과부족 = 현원 − 정원', staffingHtml(s)),
    section(
      '지난 요약 이후 바뀐 점',
      s.changes ? `${formatMonthDay(s.changes.since)} 주 요약 이후` : '',
      changes ? listHtml(changes) : none('처음 보내는 요약이라 비교할 것이 없습니다.'),
    ),
    section(
      issueTitle,
      issueNote,
      s.issues.lines.length
        ? listHtml(issuesLines(s), s.issues.errors ? C.warn : C.ink)
        : none('입력 검사에서 문제가 없습니다.'),
    ),
    section('바로 가기', '', linksHtml(s)),
  ];
  return (
    '<!doctype html><html lang="ko"><head><meta charset="utf-8">' +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(s.subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#ffffff;">` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="background:#ffffff;"><tr><td align="center" style="padding:12px;">` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="max-width:720px;word-break:keep-all;">` +
    `<tr><td style="font-family:${FONT};background:${C.brand};color:#ffffff;padding:12px 14px;">` +
    `<div style="font-size:12px;">${e(s.orgName || '시정 데스크')}</div>` +
    `<div style="font-size:19px;font-weight:bold;padding-top:2px;">주간 요약</div>` +
    `<div style="font-size:13px;padding-top:2px;">${e(weekTitle(s))} · ${e(s.week.label)}</div></td></tr>` +
    parts.join('') +
    `<tr><td style="font-family:${FONT};font-size:11px;color:${C.muted};padding:18px 0 4px 0;border-top:1px solid ${C.line};">` +
    `시정 데스크가 ${e(formatLongKo(s.today))}에 만든 메일입니다. 받는 사람은 설정 시트의 '요약 수신자'에서 바꿀 수 있습니다.` +
    `</td></tr></table></td></tr></table></body></html>`
  );
}

// ---------------------------------------------------------------------------------------------
// Plain text

function daysText(days: readonly SummaryDay[], emptyText: string): string[] {
  const out: string[] = [];
  for (const d of days) {
    for (const ev of d.events) {
      const place = [ev.place, ev.district].filter(Boolean).join(' · ');
      const rep = ev.repeat !== '없음' ? ` (${ev.repeat})` : '';
      out.push(
        `- ${d.label} ${timeText(ev.start, ev.end)} [${ev.type}] ${ev.title}${rep}${place ? ` / ${place}` : ''}`,
      );
    }
  }
  if (!out.length) return [emptyText];
  const { shown, more } = capped(out);
  return more ? [...shown, moreText(more)] : [...shown];
}

function tasksText(tasks: readonly SummaryTask[], late: boolean, emptyText: string): string[] {
  if (!tasks.length) return [emptyText];
  const { shown, more } = capped(tasks);
  const lines = shown.map((t) => {
    const tail = [t.status ?? '', late ? `${t.daysLate ?? 0}일 지남` : ''].filter(Boolean).join(', ');
    // The 일정 once: a text that already names it ('…(’19.4~7)') is not prefixed with it again.
    const when = t.scheduleInText ? '' : `(${t.schedule}) `;
    return `- ${when}${t.text} — ${t.taskNo}. ${t.taskTitle}${t.owner ? `, ${t.owner}` : ''}${tail ? `, ${tail}` : ''}`;
  });
  return more ? [...lines, moreText(more)] : lines;
}

export function renderSummaryText(s: Summary): string {
  const b = s.budget;
  const out: string[] = [];
  const head = (t: string): void => {
    out.push('', `■ ${t}`);
  };
  // One by one: a spread of a very long list would overflow the stack.
  const addAll = (lines: readonly string[]): void => {
    for (const l of lines) out.push(l);
  };
  out.push(`${s.orgName || '시정 데스크'} 주간 요약`, `${weekTitle(s)} (${s.week.label})`);
  head(`이번 주 일정 (${s.week.range})`);
  addAll(daysText(s.thisWeek, '이번 주 일정이 없습니다.'));
  head(`다음 주 일정 (${s.nextWeek.range})`);
  addAll(daysText(s.nextWeekDays, '다음 주 일정이 없습니다.'));
  head(`다가오는 업무 (${formatMonthDay(s.today)}~${formatMonthDay(s.horizonEnd)})`);
  addAll(tasksText(s.upcoming, false, `${HORIZON_DAYS}일 안에 예정된 업무가 없습니다.`));
  head('기한이 지난 업무 (완료되지 않은 것)');
  addAll(tasksText(s.overdue, true, '기한이 지난 업무가 없습니다.'));
  head(
    `예산 집행 (경과율 ${b.elapsed.text}, ${b.elapsed.days}/${b.elapsed.total}일, ${formatMonthDay(b.asOf)}까지, 단위: ${b.unit})`,
  );
  if (b.incomplete) out.push(`※ ${b.incomplete.text}`);
  if (b.note) out.push(`※ ${b.note}`);
  const lines = b.lines.length > 1 ? [...b.lines, b.total] : b.lines;
  if (!lines.length) out.push('예산 과목이 없습니다.');
  for (const l of lines) {
    out.push(
      `- ${l.name}: 예산 ${l.budgetText}, 집행 ${l.spentText}, 잔액 ${l.remainingText}, 집행률 ${l.rateText} (경과율 대비 ${l.paceText})`,
    );
  }
  head(`인력 과부족 (정원 ${s.staffing.quota}명, 현원 ${s.staffing.current}명)`);
  if (!s.staffing.gaps.length) out.push('과부족이 있는 직급이 없습니다.');
  for (const g of s.staffing.gaps)
    out.push(`- ${g.group} ${g.grade}: 정원 ${g.quota}, 현원 ${g.current}, 과부족 ${g.diffText}`);
  head('지난 요약 이후 바뀐 점');
  const changes = changesLines(s);
  addAll(changes ? changes.map((l) => `- ${l}`) : ['처음 보내는 요약이라 비교할 것이 없습니다.']);
  head(`확인할 점 (오류 ${s.issues.errors}건, 경고 ${s.issues.warnings}건)`);
  addAll(s.issues.lines.length ? issuesLines(s).map((l) => `- ${l}`) : ['입력 검사에서 문제가 없습니다.']);
  head('바로 가기');
  if (s.links.spreadsheet) out.push(`- 통합문서: ${s.links.spreadsheet.url}`);
  if (s.links.report)
    out.push(`- 최신 업무보고: ${s.links.report.name} ${s.links.report.url} (${madeAt(s.links.report.at)})`);
  if (!s.links.spreadsheet && !s.links.report) out.push('링크가 없습니다.');
  out.push('', '--', `시정 데스크가 ${formatLongKo(s.today)}에 만든 메일입니다.`);
  return `${out.join('\n')}\n`;
}

export function renderSummaryEmail(s: Summary): SummaryEmail {
  return { subject: s.subject, html: renderSummaryHtml(s), text: renderSummaryText(s) };
}
