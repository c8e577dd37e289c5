/**
 * The calendar sync's result (JSON-safe: the sidebar, the CLI's --json and 기록 read it) and its
 * one shaping into words: `describeSync` for the alert, the CLI and 기록, `syncActionResult` for the
 * sidebar's action card (Apps Script and the local preview) and the CLI's lines.
 */

export interface SyncItem {
  /** Sheet row (0 for a row deleted from the sheet). */
  readonly row: number;
  readonly key: string;
  readonly title: string;
}

export interface SkippedRow {
  readonly row: number;
  /** A1 addresses of the problem cells ('일정!C5'). */
  readonly cells: readonly string[];
  readonly reasons: readonly string[];
}

export interface DriftItem {
  readonly row: number;
  readonly key: string;
  /** What the calendar has. */
  readonly calendar: string;
  /** What the sheet has. */
  readonly sheet: string;
  readonly resolution: string;
}

/** How long a large sync takes: creates under the daily quota, runs of the time budget. */
export interface SyncEstimate {
  readonly creates: number;
  readonly runs: number;
  readonly days: number;
  /** Events the calendar lets one user create in 24 hours (0: no such limit, offline). */
  readonly dailyLimit: number;
}

/** Why a run left work for a continuation. */
export type StopReason = 'time' | 'quota' | 'rate' | 'busy';

/** JSON-safe result (sidebar, CLI, 기록). */
export interface SyncResult {
  readonly created: SyncItem[];
  readonly updated: SyncItem[];
  readonly cancelled: SyncItem[];
  readonly unchanged: number;
  readonly skipped: SkippedRow[];
  readonly drift: DriftItem[];
  readonly warnings: string[];
  /** False when the time budget stopped the run (a continuation is scheduled). */
  readonly complete: boolean;
  /** Calendar changes left for the continuation. */
  readonly remaining: number;
  /** False when the calendar cannot list changed events (drift not checked). */
  readonly driftChecked: boolean;
  /** Set when the run stopped early: the time budget, the day's creation quota, the calendar's limits, a busy workbook. */
  readonly stopReason?: StopReason;
  /** For a large sync: how many events, runs and days it takes. */
  readonly estimate?: SyncEstimate;
  /** Requests that reached the calendar for the changes (batches count once). */
  readonly requests?: number;
}

const n = (x: number): string => x.toLocaleString('en-US');

/**
 * The question before a large first sync, asked by the menu (a Ui dialog) and the sidebar (the
 * action's result box): how many events it creates and, when it takes more than one run or day,
 * how many; else that one run does it (always so offline: no quota, no time limit).
 */
export function largeSyncQuestion(e: SyncEstimate): string {
  const days = e.days > 1 ? `, 하루에 만들 수 있는 ${n(e.dailyLimit)}건 한도 때문에 ${e.days}일에 걸쳐` : '';
  const how =
    e.runs > 1 || e.days > 1
      ? ` 한 번에 약 4분씩 ${n(e.runs)}번 실행되고${days} 자동으로 이어서 만듭니다.`
      : ' 한 번 실행으로 끝납니다.';
  return `캘린더에 일정 ${n(e.creates)}건을 새로 만듭니다.${how} 시작할까요?`;
}

/** The line that says what is left and when it continues. */
function continuationLine(r: SyncResult): string {
  switch (r.stopReason) {
    case 'quota':
      return `오늘 만들 수 있는 일정 수(24시간에 ${n(r.estimate?.dailyLimit ?? 0) || '한도'}건)에 닿아 ${n(r.remaining)}건은 한도가 풀린 뒤 자동으로 이어서 동기화합니다.`;
    case 'rate':
      return r.remaining
        ? `캘린더 사용 한도에 닿아 ${n(r.remaining)}건은 나중에 자동으로 이어서 동기화합니다.`
        : '캘린더 사용 한도에 닿아 나중에 자동으로 이어서 동기화합니다.';
    case 'busy':
      return '다른 작업이 통합문서를 쓰고 있어 잠시 뒤 이어서 동기화합니다.';
    default:
      return `시간 제한 때문에 ${n(r.remaining)}건은 1분 뒤 자동으로 이어서 동기화합니다.`;
  }
}

/** The result in Korean, for the alert, the CLI and 기록. */
export function describeSync(r: SyncResult, opts: { max?: number } = {}): string {
  const max = opts.max ?? 15;
  const lines: string[] = [
    `만듦 ${r.created.length}건, 고침 ${r.updated.length}건, 지움 ${r.cancelled.length}건, 그대로 ${r.unchanged}건, 건너뜀 ${r.skipped.length}건`,
  ];
  if (r.estimate) {
    const e = r.estimate;
    const days = e.days > 1 ? `, 하루 한도(${n(e.dailyLimit)}건) 때문에 ${e.days}일` : '';
    // One run has no continuation to speak of (as in largeSyncQuestion).
    const how =
      e.runs > 1 || e.days > 1
        ? `한 번에 약 4분씩 ${n(e.runs)}번 실행${days}에 걸쳐 자동으로 이어서 만듭니다.`
        : '한 번 실행으로 만듭니다.';
    lines.push(`처음 동기화: 만들 일정 ${n(e.creates)}건 — ${how}`);
  }
  if (!r.complete) lines.push(continuationLine(r));
  const list = (label: string, items: readonly string[]) => {
    for (const s of items.slice(0, max)) lines.push(`[${label}] ${s}`);
    if (items.length > max) lines.push(`[${label}] … 외 ${items.length - max}건`);
  };
  list(
    '건너뜀',
    r.skipped.map((s) => `${s.cells.join(', ')}: ${s.reasons.join('; ')}`),
  );
  list(
    '만듦',
    r.created.map((i) => `${i.row}행 ${i.title}`),
  );
  list(
    '고침',
    r.updated.map((i) => `${i.row}행 ${i.title}`),
  );
  list(
    '지움',
    r.cancelled.map((i) => (i.row ? `${i.row}행 ${i.title}` : `${i.title} (키 ${i.key})`)),
  );
  list(
    '캘린더에서 바뀜',
    r.drift.map((d) => `${d.row}행: 캘린더 ${d.calendar} / 시트 ${d.sheet} → ${d.resolution}`),
  );
  list('경고', r.warnings);
  if (!r.driftChecked) lines.push('캘린더에서 직접 바꾼 일정은 확인하지 못했습니다 (캘린더 고급 서비스 꺼짐).');
  return lines.join('\n');
}

/** The sync as an action card (the sidebar's ActionResult): the counts as the message, the rest as details. */
export interface SyncActionResult {
  readonly ok: true;
  readonly message: string;
  readonly details: string[];
}

/** The one shaping of a finished sync for the sidebar (Apps Script and the local preview) and the CLI. */
export function syncActionResult(r: SyncResult): SyncActionResult {
  const [first = '캘린더 동기화를 마쳤습니다.', ...rest] = describeSync(r)
    .split('\n')
    .filter((l) => l.trim());
  return { ok: true, message: first, details: rest };
}
