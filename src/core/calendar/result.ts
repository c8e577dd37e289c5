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
}

/** The result in Korean, for the alert, the CLI and 기록. */
export function describeSync(r: SyncResult, opts: { max?: number } = {}): string {
  const max = opts.max ?? 15;
  const lines: string[] = [
    `만듦 ${r.created.length}건, 고침 ${r.updated.length}건, 지움 ${r.cancelled.length}건, 그대로 ${r.unchanged}건, 건너뜀 ${r.skipped.length}건`,
  ];
  if (!r.complete) lines.push(`시간 제한 때문에 ${r.remaining}건은 1분 뒤 자동으로 이어서 동기화합니다.`);
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
