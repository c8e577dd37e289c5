/**
 * Sidebar actions built from the feature use-cases, the same on both platforms (the platform gives
 * the ports): the weekly summary preview/send and the weekly trigger switch. The report action
 * is platform-specific (a Google Doc in Apps Script, files offline) and lives with each platform.
 */
import type { ActionHook, ServerDeps } from './context';
import type { ActionResult } from './views';
import { previewSummary, sendWeeklySummary, type SendDeps, type SummaryPorts } from '../usecases/summary';
import {
  getWeeklyTrigger,
  setWeeklyTrigger,
  type TriggerDeps,
  type WeeklyTriggerState,
} from '../usecases/summaryTrigger';

/** What 캘린더 동기화 needs of its platform: the question to ask first (or null), and the run. */
export interface AskingSync {
  /** The question before a large first sync (core/usecases/calendarSync.ts syncQuestion), or null. */
  question(): string | null;
  run(): ActionResult;
}

/**
 * 캘린더 동기화: before a large first sync the answer is the question (nothing is written); the
 * sidebar shows it with 시작 / 취소, and 시작 calls again with `confirmed`. Otherwise it runs.
 */
export function calendarSyncAction(sync: AskingSync): ActionHook {
  return (options = {}): ActionResult => {
    const question = options.confirmed ? null : sync.question();
    if (question === null) return sync.run();
    return { ok: true, message: question, confirm: { question, action: 'calendarSync' } };
  };
}

/** 주간 요약 미리보기: the e-mail as it would be sent; nothing is sent or marked. */
export function summaryPreviewAction(ports: SummaryPorts): ActionHook {
  return (): ActionResult => {
    const p = previewSummary(ports);
    const details = [
      p.recipients.length ? `받는 사람: ${p.recipients.join(', ')}` : `받는 사람 없음: ${p.recipientProblem}`,
      p.sentAt ? `이번 주 요약은 이미 보냈습니다 (${p.sentAt}).` : '이번 주 요약은 아직 보내지 않았습니다.',
    ];
    // The subject already names the week ('[시정 데스크] 주간 요약 (4.1.~4.7.)').
    return { ok: true, message: p.subject, details, html: p.html };
  };
}

/** 주간 요약 보내기: at most once a week (the use-case checks). */
export function summarySendAction(deps: SendDeps, via = '사이드바'): ActionHook {
  return (): ActionResult => {
    const r = sendWeeklySummary(deps, { via });
    return {
      ok: true,
      message: r.message,
      details: r.recipients.length ? [`받는 사람: ${r.recipients.join(', ')}`] : [],
    };
  };
}

/** The line under the settings switch: the schedule, and whose it is. */
export function triggerNote(s: WeeklyTriggerState): string {
  if (!s.on) return "'요약 요일'과 '요약 시각'에 보냅니다.";
  if (!s.mine && s.takenOver)
    return `${s.label}입니다. ${s.owner} 님이 이어받아 그 계정으로 보내며, 그 사용자만 끌 수 있습니다. 이 계정의 이전 자동 발송은 보내지 않습니다.`;
  if (!s.mine) return `${s.label}입니다. 그 사용자의 계정으로 보내며, 그 사용자만 끌 수 있습니다.`;
  return `${s.label}에 ${s.owner ?? '이 계정'} 계정으로 보냅니다.`;
}

/** The weekly summary trigger for the settings switch. */
export function summaryTriggers(deps: TriggerDeps): NonNullable<ServerDeps['triggers']> {
  return {
    get: () => {
      const s = getWeeklyTrigger(deps);
      return { on: s.on, mine: s.mine || !s.on, note: triggerNote(s) };
    },
    set: (on) => {
      const s = setWeeklyTrigger(deps, on);
      return {
        ok: true,
        message: s.on ? `주간 요약 자동 발송을 켰습니다: ${s.label}` : '주간 요약 자동 발송을 껐습니다.',
      };
    },
  };
}
