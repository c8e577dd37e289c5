/**
 * The weekly summary's trigger: on/off, whose it is, and the run it makes.
 *
 * Apps Script runs an installable trigger as the user who made it and shows it only to them
 * (Installable triggers guide, "Restrictions"). So the document keeps who turned the weekly
 * summary on (`summary.trigger`: schedule, 소유자, since, last run), everybody sees it
 * ("다른 사용자(…)가 켠 자동 발송"), and only that user can turn it off; another user is told
 * why. When the owner's trigger has not run for over a week (the account gone, access removed)
 * another user may take the weekly summary over; the record then names the new owner.
 *
 * The record, not the user's own trigger, says who sends: a user cannot see that someone took the
 * summary over, nor can the new owner remove the old owner's trigger. So a returning old owner
 * whose trigger is still there is told it was taken over (never "…계정으로 보냅니다"), their 켜기
 * or 끄기 removes that stale trigger and leaves the record alone, and a trigger that fires while
 * the record names someone else, or says the summary was turned off, removes itself and sends
 * nothing. Turning it off therefore keeps a record (`off`, by whom) instead of deleting it.
 */
import * as z from 'zod';
import { seoulDateOf, seoulTimeOf, WEEKDAY_KO, weekday } from '../dates';
import { appendLog, stamp } from '../log';
import { parseOffice } from '../parse';
import { readStoreJson, UserError, type Store, type WorkbookPort } from '../ports';
import { SHEET } from '../sheets';
import { summaryWeek } from '../summary/model';
import type { RetryPort, Triggers } from '../summary/ports';
import {
  readSent,
  SUMMARY_KEYS,
  SUMMARY_OPERATION,
  sendWeeklySummary,
  type SendDeps,
  type SendResult,
  type SummaryPorts,
} from './summary';

/** The function the weekly trigger calls (a top-level function of the Apps Script bundle). */
export const WEEKLY_HANDLER = 'weeklySummaryTrigger';

const OPERATION = `${SUMMARY_OPERATION} 자동 발송`;
/** A weekly trigger that has not run for this long is taken to be dead. */
const STALE_MS = 8 * 24 * 3600 * 1000;

export interface WeeklyTriggerState {
  readonly on: boolean;
  /** 0 = Sunday … 6 = Saturday (from 설정 when on; else the last schedule or 설정's default). */
  readonly weekday: number | null;
  readonly hour: number | null;
  /** '매주 월요일 8시', '꺼짐', or '매주 월요일 8시 (다른 사용자(a@b)가 켠 자동 발송)'. */
  readonly label: string;
  /** Who turned it on (their account sends it), when known. */
  readonly owner: string | null;
  /** The current user owns it (and so may turn it off). */
  readonly mine: boolean;
  /** Someone else took it over; this user's own older trigger is still there (it sends nothing). */
  readonly takenOver?: boolean;
}

export interface TriggerDeps extends SummaryPorts {
  readonly triggers: Triggers;
  /** The account the current user's triggers run as (Session.getEffectiveUser). */
  readonly me: () => string;
}

const recordSchema = z.object({
  weekday: z.number().int(),
  hour: z.number().int(),
  id: z.string(),
  /** 소유자: absent in records written before owners were kept. */
  owner: z.string().optional(),
  since: z.string().optional(),
  lastRun: z.string().optional(),
  /** Turned off (by `owner`, at `since`): every trigger left anywhere sends nothing. */
  off: z.boolean().optional(),
});
type TriggerRecord = z.infer<typeof recordSchema>;

export function readTriggerRecord(store: Pick<Store, 'get'>): TriggerRecord | null {
  return readStoreJson(store, SUMMARY_KEYS.trigger, recordSchema);
}

export function scheduleLabel(weekday: number, hour: number): string {
  return `매주 ${WEEKDAY_KO[weekday] ?? '?'}요일 ${hour}시`;
}

const othersLabel = (owner: string) => `다른 사용자(${owner})가 켠 자동 발송`;

/** 요약 요일 and 요약 시각 from 설정 (one read of that sheet). */
function readSchedule(workbook: WorkbookPort): { weekday: number; hour: number } {
  const values = workbook.read([SHEET.settings]);
  const { office, issues } = parseOffice(values);
  const bad = issues.filter(
    (i) => i.sheet === SHEET.settings && (i.message.startsWith('요약 요일') || i.message.startsWith('요약 시각')),
  );
  if (!values[SHEET.settings]) throw new UserError("'설정' 시트가 없습니다. 먼저 '시트 준비'를 실행하세요");
  if (bad.length)
    throw new UserError("설정 시트의 '요약 요일'·'요약 시각'을 고치세요", {
      kind: 'validation',
      details: bad.map((i) => `${i.sheet}!${i.a1}: ${i.message}`),
    });
  return { weekday: office.settings.summaryWeekday, hour: office.settings.summaryHour };
}

/** The record is someone else's: they own the weekly summary (or turned it off). */
function othersRecord(rec: TriggerRecord | null, me: string): rec is TriggerRecord & { owner: string } {
  return !!rec?.owner && rec.owner.toLowerCase() !== me.toLowerCase();
}

/** Someone else's weekly summary, on, unless their trigger has not run for over a week. */
function othersLive(rec: TriggerRecord | null, me: string, now: Date): rec is TriggerRecord & { owner: string } {
  if (!othersRecord(rec, me) || rec.off) return false;
  const last = Date.parse(rec.lastRun ?? rec.since ?? '');
  return !Number.isFinite(last) || now.getTime() - last <= STALE_MS;
}

const offState = (rec: TriggerRecord | null): WeeklyTriggerState => ({
  on: false,
  weekday: rec?.weekday ?? null,
  hour: rec?.hour ?? null,
  label: '꺼짐',
  owner: null,
  mine: false,
});

/** Whether the weekly summary is on, whose it is (the record's 소유자 first), and its schedule. */
export function getWeeklyTrigger(deps: Pick<TriggerDeps, 'triggers' | 'store' | 'me'>): WeeklyTriggerState {
  const rec = readTriggerRecord(deps.store);
  const me = deps.me();
  if (rec?.off) return offState(rec);
  if (othersRecord(rec, me)) {
    const label = `${scheduleLabel(rec.weekday, rec.hour)} (${othersLabel(rec.owner)})`;
    const takenOver = deps.triggers.hasWeekly();
    return { on: true, weekday: rec.weekday, hour: rec.hour, label, owner: rec.owner, mine: false, takenOver };
  }
  if (!deps.triggers.hasWeekly()) return offState(rec);
  if (!rec) return { on: true, weekday: null, hour: null, label: '켜짐 (시각 알 수 없음)', owner: me, mine: true };
  const label = scheduleLabel(rec.weekday, rec.hour);
  return { on: true, weekday: rec.weekday, hour: rec.hour, label, owner: me, mine: true };
}

/**
 * The explanation another user gets when they try to change someone else's weekly summary
 * (`takenOver`: it was theirs, and their stale trigger has just been removed).
 */
function notYours(owner: string, label: string, on: boolean, takenOver: boolean): UserError {
  return new UserError(
    (takenOver
      ? `주간 요약 자동 발송은 ${owner} 님이 이어받아 보내고 있습니다 (${label}). ` +
        '이 계정의 이전 자동 발송 트리거는 지웠습니다(더는 보내지 않습니다). '
      : `주간 요약 자동 발송은 ${owner} 님이 켜 두었습니다 (${label}). `) +
      'Apps Script의 자동 실행(트리거)은 만든 사람의 계정으로 실행되고 그 사람에게만 보여서, ' +
      (on
        ? `두 사람이 함께 켤 수 없습니다. ${owner} 님이 끈 뒤에 켜세요.`
        : `${owner} 님만 끌 수 있습니다. ${owner} 님에게 끄기를 부탁하세요.`),
    { details: [`${owner} 님의 자동 발송이 일주일 넘게 실행되지 않으면 다른 사용자가 이어받아 켤 수 있습니다.`] },
  );
}

/**
 * Turns the weekly summary on (for 설정's 요약 요일 and 요약 시각) or off, for the current user.
 * Turning it on twice leaves one trigger; someone else's live weekly summary is never touched.
 */
export function setWeeklyTrigger(deps: TriggerDeps, on: boolean): WeeklyTriggerState {
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const me = deps.me();
    const rec = readTriggerRecord(deps.store);
    if (othersLive(rec, me, now)) {
      // This user's own trigger, if any, is a leftover from before the takeover: it goes.
      const stale = deps.triggers.hasWeekly();
      if (stale) deps.triggers.removeWeekly();
      const e = notYours(rec.owner, scheduleLabel(rec.weekday, rec.hour), on, stale);
      appendLog(deps, OPERATION, '실패', [e.message, ...e.details].join(' '));
      throw e;
    }
    if (!on) {
      deps.triggers.removeWeekly();
      // Kept, marked off: a trigger of someone who owned it before stops when it next fires.
      if (rec) {
        const { lastRun: _lastRun, ...kept } = rec;
        const off: TriggerRecord = { ...kept, id: '', owner: me, since: now.toISOString(), off: true };
        deps.store.set(SUMMARY_KEYS.trigger, JSON.stringify(off));
      }
      appendLog(deps, OPERATION, '성공', '자동 발송을 껐습니다');
      return { on: false, weekday: null, hour: null, label: '꺼짐', owner: null, mine: false };
    }
    const schedule = readSchedule(deps.workbook);
    const id = deps.triggers.setWeekly(schedule.weekday, schedule.hour);
    const record: TriggerRecord = { ...schedule, id, owner: me, since: now.toISOString() };
    deps.store.set(SUMMARY_KEYS.trigger, JSON.stringify(record));
    const label = scheduleLabel(schedule.weekday, schedule.hour);
    const took = othersRecord(rec, me) && !rec.off ? ` (${rec.owner} 님에게서 이어받음)` : '';
    appendLog(deps, OPERATION, '성공', `자동 발송을 켰습니다: ${label}, 소유자 ${me}${took}`);
    return { on: true, ...schedule, label, owner: me, mine: true };
  });
}

export interface WeeklyRunDeps extends SendDeps {
  readonly triggers: Triggers;
  readonly me: () => string;
  readonly retry?: RetryPort;
}

/**
 * The weekly trigger fired (as the user who made it): sends this week's summary at most once,
 * retrying later the same day when the lock is busy. A trigger whose maker no longer owns the
 * weekly summary (someone else took it over), or that outlived its turning off, removes itself
 * (and a retry of it) and sends nothing: two accounts never both send.
 */
export function runWeeklyTrigger(deps: WeeklyRunDeps, opts: { via?: string } = {}): SendResult | null {
  const me = deps.me();
  const rec = readTriggerRecord(deps.store);
  if (rec && (rec.off || othersRecord(rec, me))) {
    deps.triggers.removeWeekly();
    deps.retry?.clear();
    const why = rec.off
      ? `주간 요약 자동 발송은 ${rec.owner ?? '다른 사용자'} 님이 껐습니다`
      : `지금은 ${rec.owner} 님이 주간 요약을 보냅니다`;
    appendLog(deps, OPERATION, '경고', `${me} 님의 자동 발송 트리거를 지웠습니다: ${why} (${stamp(deps.clock.now())})`);
    return null;
  }
  if (rec) deps.store.set(SUMMARY_KEYS.trigger, JSON.stringify({ ...rec, lastRun: deps.clock.now().toISOString() }));
  return sendWeeklySummary(deps, { via: opts.via ?? '자동 발송', ...(deps.retry ? { retry: deps.retry } : {}) });
}

/**
 * Whether the weekly summary is due now: its day (Seoul), at or after its hour, and this week's
 * not sent yet (for a run that does whatever is due; the weekly trigger itself just sends).
 */
export function weeklyDue(store: Pick<Store, 'get'>, schedule: { weekday: number; hour: number }, now: Date): boolean {
  const today = seoulDateOf(now);
  if (weekday(today) !== schedule.weekday || Number(seoulTimeOf(now).slice(0, 2)) < schedule.hour) return false;
  return readSent(store)?.week !== summaryWeek(today).start;
}
