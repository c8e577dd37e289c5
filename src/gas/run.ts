/** The menu's side of the Ui: runs a menu action (Korean messages, never a stack trace), alerts and dialogs. */
import { formatIssue, type Issue } from '../core/issues';
import { UserError } from '../core/ports';
import { escapeHtml } from '../core/html';
import type { SummaryPreview } from '../core/usecases/summary';

export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

/** At most this many issues are listed in an alert; the rest are counted. */
export function issueLines(issues: readonly Issue[], max = 15): string {
  const lines = issues.slice(0, max).map(formatIssue);
  if (issues.length > max) lines.push(`… 외 ${issues.length - max}건`);
  return lines.join('\n');
}

export function userMessage(e: unknown): string {
  if (e instanceof UserError) return [e.message, ...e.details].join('\n');
  const msg = e instanceof Error ? e.message : String(e);
  return `예상하지 못한 오류가 났습니다: ${msg}\n문제가 계속되면 '기록' 시트와 함께 담당자에게 알려 주세요.`;
}

export function runMenu(title: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof UserError)) console.error(e);
    alert(title, userMessage(e));
  }
}

/** A small modal dialog with a message and links (all text escaped). */
export function showLinks(
  title: string,
  message: string,
  links: readonly { name: string; url: string }[],
  notes: readonly string[] = [],
): void {
  const safeUrl = (u: string) => (/^https:\/\//.test(u) ? escapeHtml(u) : '#');
  const html =
    `<div style="font-family:'Malgun Gothic','Noto Sans KR',sans-serif;font-size:14px;line-height:1.6">` +
    `<p>${escapeHtml(message)}</p>` +
    links
      .map((l) => `<p><a href="${safeUrl(l.url)}" target="_blank" rel="noopener">${escapeHtml(l.name)}</a></p>`)
      .join('') +
    (notes.length
      ? `<ul style="color:#8a5300;font-size:12px">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
      : '') +
    `</div>`;
  const out = HtmlService.createHtmlOutput(html)
    .setWidth(460)
    .setHeight(notes.length ? 320 : 180);
  SpreadsheetApp.getUi().showModalDialog(out, title);
}

/** The summary preview dialog: a banner (recipients, whether it was sent) above the e-mail as it will look. */
export function showSummaryPreview(p: SummaryPreview): void {
  const status = p.sentAt ? '이번 주 요약은 이미 보냈습니다.' : '이번 주 요약은 아직 보내지 않았습니다.';
  const to = p.recipients.length ? `받는 사람: ${p.recipients.join(', ')}` : `받는 사람 없음 — ${p.recipientProblem}`;
  const banner =
    `<div style="font-family:'Malgun Gothic','Noto Sans KR',sans-serif;font-size:12px;background:#fff8c5;border:1px solid #d4a72c;padding:6px 8px;margin:0 0 8px 0;">` +
    `<b>${escapeHtml(p.subject)}</b><br>${escapeHtml(to)}<br>${escapeHtml(status)} 미리보기는 보내지 않습니다.</div>`;
  const html = p.html.replace(/<body([^>]*)>/, (m) => `${m}${banner}`);
  const out = HtmlService.createHtmlOutput(html).setWidth(800).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(out, '주간 요약 미리보기');
}
