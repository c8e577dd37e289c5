/**
 * Weekly summary use-cases: preview, send (at most once per week, under the lock), and the weekly
 * trigger on/off. Written against ports; a constant number of service calls whatever the row
 * count: one read per sheet, a few store reads/writes, one e-mail, one 기록 row.
 */
import * as z from 'zod';
import { seoulDateOf, type LocalDate } from '../dates';
import { escapeHtml } from '../html';
import type { Issue } from '../issues';
import type { Office } from '../model';
import { LockBusyError, readStoreJson, UserError, type Ports, type Store } from '../ports';
import { SHEET } from '../sheets';
import { appendLog, stamp } from '../log';
import { loadOffice } from '../office';
import { renderSummaryEmail, type SummaryEmail } from '../summary/email';
import { buildSummary, summaryWeek, type Summary, type SummaryLinks, type SummaryWeek } from '../summary/model';
import type { Mailer, RetryPort } from '../summary/ports';
import { snapshotSchema, takeSnapshot } from '../summary/snapshot';
import { LATEST_REPORT_KEY, latestReport } from './report';

/** Store keys (document properties in Apps Script, `<workbook>.state.json` offline). */
export const SUMMARY_KEYS = {
  /** JSON {week, at, to, subject}: the last week whose summary was sent. */
  sent: 'summary.sent',
  /** JSON snapshot for "바뀐 점" (see snapshot.ts). */
  snapshot: 'summary.snapshot',
  /** JSON {weekday, hour, id, owner, since, lastRun}: the weekly summary's schedule and 소유자 (summaryTrigger.ts). */
  trigger: 'summary.trigger',
  /** JSON {name, url, at}: the newest 업무보고, written by the report feature. */
  report: LATEST_REPORT_KEY,
} as const;

export const SUMMARY_OPERATION = '주간 요약';
/** MailApp refuses more recipients than this in one message. */
export const MAX_RECIPIENTS = 50;
const SEND_LOCK_MS = 30_000;

export type SummaryPorts = Pick<Ports, 'workbook' | 'clock' | 'store' | 'lock' | 'user'>;

export interface SendDeps extends SummaryPorts {
  readonly mailer: Mailer;
  /** The account the add-on runs as (Session.getEffectiveUser), told about failures. */
  readonly owner: () => string;
}

// ---------------------------------------------------------------------------------------------
// Reading what the summary needs

const sentSchema = z.object({ week: z.string(), at: z.string(), to: z.number().int(), subject: z.string() });
export type SentRecord = z.infer<typeof sentSchema>;

export function readSent(store: Pick<Store, 'get'>): SentRecord | null {
  return readStoreJson(store, SUMMARY_KEYS.sent, sentSchema);
}

/** Links for the e-mail: only real ones (offline a workbook or report may have none to give). */
function readLinks(ports: Pick<Ports, 'workbook' | 'store'>): SummaryLinks {
  let spreadsheet: SummaryLinks['spreadsheet'] = null;
  try {
    const info = ports.workbook.info();
    spreadsheet = info.url ? { name: info.name, url: info.url } : null;
  } catch {
    spreadsheet = null;
  }
  const report = latestReport(ports);
  return { spreadsheet, report: report?.url ? report : null };
}

const recipientsSchema = z
  .array(z.email({ error: (iss) => `올바른 이메일 주소가 아닙니다: ${String(iss.input)}` }))
  .min(1, { error: "설정 시트의 '요약 수신자'에 받는 사람의 이메일 주소를 입력하세요 (여러 명은 쉼표로 구분)" })
  .max(MAX_RECIPIENTS, { error: `요약 수신자는 ${MAX_RECIPIENTS}명까지입니다. 팀 메일 주소(그룹)를 쓰세요` });

/** The validated 요약 수신자; a UserError naming what is wrong. */
export function validateRecipients(office: Office, issues: readonly Issue[]): string[] {
  const settingProblems = issues.filter((i) => i.sheet === SHEET.settings && i.message.startsWith('요약 수신자'));
  if (settingProblems.length) {
    throw new UserError("설정 시트의 '요약 수신자'를 고치세요", {
      kind: 'validation',
      details: settingProblems.map((i) => `${i.sheet}!${i.a1}: ${i.message}`),
    });
  }
  const r = recipientsSchema.safeParse([...new Set(office.settings.summaryRecipients.map((a) => a.trim()))]);
  if (!r.success) {
    const [first, ...rest] = r.error.issues.map((i) => i.message);
    throw new UserError(first ?? '요약 수신자를 확인하세요', { kind: 'validation', details: rest });
  }
  return r.data;
}

export interface PreparedSummary {
  readonly office: Office;
  readonly issues: readonly Issue[];
  readonly summary: Summary;
  readonly email: SummaryEmail;
}

/** Reads the workbook (one read per sheet), the snapshot and the links, and renders the e-mail. */
export function prepareSummary(ports: SummaryPorts, today?: LocalDate): PreparedSummary {
  const day = today ?? seoulDateOf(ports.clock.now());
  const { office, issues } = loadOffice(ports);
  const summary = buildSummary(office, {
    today: day,
    previous: readStoreJson(ports.store, SUMMARY_KEYS.snapshot, snapshotSchema),
    issues,
    links: readLinks(ports),
  });
  return { office, issues, summary, email: renderSummaryEmail(summary) };
}

// ---------------------------------------------------------------------------------------------
// Preview

export interface SummaryPreview {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly week: SummaryWeek;
  /** Valid 요약 수신자 (empty when none or invalid). */
  readonly recipients: string[];
  /** Why it could not be sent as it is ('' when it could). */
  readonly recipientProblem: string;
  /** When this week's summary was already sent (ISO instant), or null. */
  readonly sentAt: string | null;
}

/** Builds the summary without sending it or marking anything. */
export function previewSummary(ports: SummaryPorts, today?: LocalDate): SummaryPreview {
  const p = prepareSummary(ports, today);
  let recipients: string[] = [];
  let recipientProblem = '';
  try {
    recipients = validateRecipients(p.office, p.issues);
  } catch (e) {
    recipientProblem = e instanceof UserError ? [e.message, ...e.details].join(' ') : String(e);
  }
  const sent = readSent(ports.store);
  return {
    subject: p.email.subject,
    html: p.email.html,
    text: p.email.text,
    week: p.summary.week,
    recipients,
    recipientProblem,
    sentAt: sent && sent.week === p.summary.week.start ? sent.at : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Send

export interface SendResult {
  /** 'retry': the lock was busy; a retry later the same day is scheduled (nothing was sent). */
  readonly status: 'sent' | 'skipped' | 'retry';
  readonly week: SummaryWeek;
  readonly subject: string;
  readonly recipients: string[];
  /** ISO instant of the send (the earlier one when skipped). */
  readonly sentAt: string;
  /** Korean, for the user. */
  readonly message: string;
}

function errorText(e: unknown): string {
  if (e instanceof UserError) return [e.message, ...e.details].join('\n');
  return e instanceof Error ? e.message : String(e);
}

/** Tells the owner that the summary failed. Never throws: the failure itself is what matters. */
function notifyOwner(deps: SendDeps, week: SummaryWeek, reason: string): boolean {
  try {
    const owner = deps.owner().trim();
    if (!z.email().safeParse(owner).success) return false;
    const text =
      `${week.range} 주간 요약을 보내지 못했습니다.\n\n사유: ${reason}\n\n` +
      "통합문서의 '기록' 시트에 같은 내용이 남아 있습니다. 고친 뒤 메뉴 '시정 데스크 → 주간 요약 → 지금 보내기'로 다시 보낼 수 있습니다.";
    const html = `<div style="font-family:sans-serif;font-size:14px;white-space:pre-wrap;">${escapeHtml(text)}</div>`;
    deps.mailer.send({ to: [owner], subject: `[시정 데스크] 주간 요약 발송 실패 (${week.range})`, html, text });
    return true;
  } catch {
    return false;
  }
}

/** A retry after a busy lock waits this long (longer when the platform cannot run it sooner). */
export const RETRY_AFTER_MS = 20 * 60 * 1000;

/**
 * A busy lock (say, a long calendar sync) on a run that can wait: schedules a retry later the
 * same day (Seoul) and says so in 기록. null when the day has no room left for one.
 */
function retryLater(deps: SendDeps, retry: RetryPort, week: SummaryWeek, via: string): SendResult | null {
  const now = deps.clock.now();
  const at = new Date(now.getTime() + Math.max(RETRY_AFTER_MS, retry.minDelayMs));
  if (seoulDateOf(at) !== seoulDateOf(now)) return null;
  retry.schedule(at);
  const message = `${week.range} 주간 요약: 다른 작업이 통합문서를 쓰고 있어 ${stamp(at)}에 다시 보냅니다.`;
  appendLog(deps, SUMMARY_OPERATION, '경고', `${via}: ${message}`);
  return { status: 'retry', week, subject: '', recipients: [], sentAt: at.toISOString(), message };
}

/**
 * Sends this week's summary unless it was already sent this week (by the trigger or by a user):
 * the check and the mark happen under the lock, so two runs send one e-mail. Recipients are
 * validated and the mail quota checked before anything is sent. Every run writes 기록; a failure
 * is also mailed to the owner, then rethrown. With `retry` (a trigger run), a busy lock schedules
 * a retry later the same day instead of failing; the week is lost only when the day runs out.
 */
export function sendWeeklySummary(
  deps: SendDeps,
  opts: { today?: LocalDate; via?: string; retry?: RetryPort } = {},
): SendResult {
  const today = opts.today ?? seoulDateOf(deps.clock.now());
  const week = summaryWeek(today);
  const via = opts.via ?? '메뉴';
  try {
    const result = deps.lock.withLock((): SendResult => {
      const sent = readSent(deps.store);
      if (sent && sent.week === week.start) {
        const message = `${week.range} 주간 요약은 이미 보냈습니다 (${stamp(new Date(sent.at))}, ${sent.to}명). 한 주에 한 번만 보냅니다.`;
        appendLog(deps, SUMMARY_OPERATION, '성공', `${via}: ${message}`);
        return { status: 'skipped', week, subject: sent.subject, recipients: [], sentAt: sent.at, message };
      }
      const p = prepareSummary(deps, today);
      const recipients = validateRecipients(p.office, p.issues);
      const quota = deps.mailer.remainingQuota();
      if (quota < recipients.length) {
        throw new UserError(
          `오늘 보낼 수 있는 메일이 ${Math.max(0, quota)}통 남아 받는 사람 ${recipients.length}명에게 보낼 수 없습니다. ` +
            '내일 다시 보내거나 요약 수신자를 팀 메일 주소 하나로 줄이세요.',
        );
      }
      deps.mailer.send({ to: recipients, subject: p.email.subject, html: p.email.html, text: p.email.text });
      const at = deps.clock.now().toISOString();
      deps.store.set(
        SUMMARY_KEYS.sent,
        JSON.stringify({ week: week.start, at, to: recipients.length, subject: p.email.subject } satisfies SentRecord),
      );
      deps.store.set(SUMMARY_KEYS.snapshot, JSON.stringify(takeSnapshot(p.office, week.start)));
      const message = `${week.range} 주간 요약을 ${recipients.length}명에게 보냈습니다: ${recipients.join(', ')}`;
      appendLog(deps, SUMMARY_OPERATION, p.summary.issues.errors ? '경고' : '성공', `${via}: ${message}`);
      return { status: 'sent', week, subject: p.email.subject, recipients, sentAt: at, message };
    }, SEND_LOCK_MS);
    opts.retry?.clear();
    return result;
  } catch (e) {
    if (e instanceof LockBusyError && opts.retry) {
      const later = retryLater(deps, opts.retry, week, via);
      if (later) return later;
    }
    opts.retry?.clear();
    const reason = errorText(e);
    const told = notifyOwner(deps, week, reason);
    appendLog(deps, SUMMARY_OPERATION, '실패', `${via}: ${reason}${told ? ' (소유자에게 메일로 알림)' : ''}`);
    throw e;
  }
}
