/**
 * CalendarPort over CalendarApp (events tagged with the row key and this workbook's id), the
 * table of tracked events in document properties (one read, one write), drift through the
 * advanced Calendar service when it is enabled, and the one-off continuation trigger. An adapter
 * only: the menu, trigger and sidebar entry points that run the sync are in main.ts.
 */
import { addDays, seoulDateOf, seoulInstant, seoulTimeOf } from '../core/dates';
import type { Settings } from '../core/model';
import { UserError, type Ports } from '../core/ports';
import type { CalendarPort, ObservedEvent, OtherEvent } from '../core/calendar/port';
import { fullDescription, keyMarker, type EventSpec } from '../core/calendar/spec';
import type { SyncResult } from '../core/calendar/result';
import { syncCalendar as syncCore, type SyncOptions } from '../core/usecases/calendarSync';
import { CONTINUE_HANDLER, gasContinuation } from './schedule';

/** The continuation trigger and its port live with the other time-driven jobs (./schedule.ts). */
export { CONTINUE_HANDLER };

export const KEY_TAG = 'sijeongKey';
export const WORKBOOK_TAG = 'sijeongWb';
const TRACK_PREFIX = 'sijeong.calendar.tracked.';
/** Characters per property value (the limit is 9 KB; Korean-free text, so bytes = chars). */
const CHUNK = 8000;

type Cal = GoogleAppsScript.Calendar.Calendar;
type CalEvent = GoogleAppsScript.Calendar.CalendarEvent;
type CalSeries = GoogleAppsScript.Calendar.CalendarEventSeries;

/** The part of the advanced Calendar service (Calendar API v3) used here. */
interface ApiEvent {
  id?: string;
  iCalUID?: string;
  status?: string;
  summary?: string;
  location?: string;
  start?: { date?: string; dateTime?: string };
  end?: { date?: string; dateTime?: string };
  recurringEventId?: string;
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
}

/**
 * Where CalendarApp's setTag keeps a tag in the Calendar API is not documented (private or shared
 * extended properties), so both are asked and read: a constant two list calls.
 */
const VISIBILITIES = [
  { filter: 'privateExtendedProperty', read: (e: ApiEvent) => e.extendedProperties?.private },
  { filter: 'sharedExtendedProperty', read: (e: ApiEvent) => e.extendedProperties?.shared },
] as const;
export interface AdvancedCalendar {
  Events: {
    list(calendarId: string, options: Record<string, unknown>): { items?: ApiEvent[]; nextPageToken?: string };
  };
}

export interface CalendarServices {
  readonly CalendarApp: GoogleAppsScript.Calendar.CalendarApp;
  readonly ScriptApp: GoogleAppsScript.Script.ScriptApp;
  readonly PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  /** The advanced Calendar service, when enabled (drift detection). */
  readonly Calendar?: AdvancedCalendar | null;
}

function apiTime(t: { date?: string; dateTime?: string } | undefined): { date: string; time: string | null } | null {
  if (!t) return null;
  if (t.dateTime) {
    const d = new Date(t.dateTime);
    return { date: seoulDateOf(d), time: seoulTimeOf(d) };
  }
  return t.date ? { date: t.date, time: null } : null;
}

export class GasCalendar implements CalendarPort {
  private lastChunks: string[] = [];

  constructor(
    private readonly cal: Cal,
    private readonly app: GoogleAppsScript.Calendar.CalendarApp,
    private readonly props: GoogleAppsScript.Properties.Properties,
    private readonly workbookId: string,
    private readonly advanced: AdvancedCalendar | null = null,
  ) {}

  tracked(): ReadonlyMap<string, string> {
    const all = this.props.getProperties();
    this.lastChunks = Object.keys(all).filter((k) => k.startsWith(TRACK_PREFIX));
    const text = this.lastChunks
      .sort((a, b) => Number(a.slice(TRACK_PREFIX.length)) - Number(b.slice(TRACK_PREFIX.length)))
      .map((k) => all[k] ?? '')
      .join('');
    const m = new Map<string, string>();
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) m.set(line.slice(0, tab), line.slice(tab + 1));
    }
    return m;
  }

  saveTracked(map: ReadonlyMap<string, string>): void {
    const text = [...map].map(([k, v]) => `${k}\t${v}\n`).join('');
    const chunks: Record<string, string> = {};
    for (let i = 0; i * CHUNK < text.length || i === 0; i++)
      chunks[`${TRACK_PREFIX}${i}`] = text.slice(i * CHUNK, (i + 1) * CHUNK);
    this.props.setProperties(chunks);
    for (const k of this.lastChunks) if (!(k in chunks)) this.props.deleteProperty(k);
    this.lastChunks = Object.keys(chunks);
  }

  changedSince(since: Date | null): readonly ObservedEvent[] | null {
    if (!this.advanced) return null;
    const out = new Map<string, ObservedEvent>();
    try {
      for (const v of VISIBILITIES) {
        let pageToken: string | undefined;
        do {
          const res = this.advanced.Events.list(this.cal.getId(), {
            [v.filter]: `${WORKBOOK_TAG}=${this.workbookId}`,
            showDeleted: true,
            maxResults: 2500,
            ...(since ? { updatedMin: since.toISOString() } : {}),
            ...(pageToken ? { pageToken } : {}),
          });
          for (const it of res.items ?? []) {
            // One changed or cancelled occurrence of a series is not a change of the row's series.
            if (it.recurringEventId) continue;
            const key = v.read(it)?.[KEY_TAG];
            const id = it.iCalUID ?? it.id ?? '';
            if (!key || out.has(id)) continue;
            const start = apiTime(it.start);
            if (!start) {
              if (it.status === 'cancelled')
                out.set(id, { id, key, deleted: true, title: '', location: '', date: '', start: null, end: null });
              continue;
            }
            const end = apiTime(it.end);
            out.set(id, {
              id,
              key,
              deleted: it.status === 'cancelled',
              title: it.summary ?? '',
              location: it.location ?? '',
              date: start.date,
              start: start.time,
              end: start.time ? (end?.time ?? start.time) : null,
            });
          }
          pageToken = res.nextPageToken;
        } while (pageToken);
      }
    } catch (e) {
      // E.g. 410 Gone when updatedMin is too far in the past: drift is not checked this time.
      console.warn(`캘린더 변경 확인을 건너뜁니다: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
    return [...out.values()];
  }

  findByKey(key: string, near: EventSpec): string | null {
    if (this.advanced) {
      for (const v of VISIBILITIES) {
        const res = this.advanced.Events.list(this.cal.getId(), { [v.filter]: `${KEY_TAG}=${key}`, maxResults: 10 });
        const hit = (res.items ?? []).find((e) => e.status !== 'cancelled' && !e.recurringEventId);
        if (hit) return hit.iCalUID ?? hit.id ?? null;
      }
    }
    // A run cut off between createEvent and setTag leaves an untagged event carrying the key in
    // its description: that one is ours too.
    for (const e of this.cal.getEvents(seoulInstant(near.date), seoulInstant(addDays(near.date, 1)))) {
      const tag = e.getTag(KEY_TAG);
      if (tag === key || (tag === null && this.carriesKey(e, key))) return e.getId();
    }
    return null;
  }

  private carriesKey(e: CalEvent, key: string): boolean {
    return e.getDescription().includes(`(${keyMarker(key)})`);
  }

  /** Our event: tagged, or created by us and cut off before tagging (then tagged now). */
  private ours(e: CalEvent, key: string): boolean {
    const tag = e.getTag(KEY_TAG);
    if (tag !== null) return true;
    if (!this.carriesKey(e, key)) return false;
    e.setTag(WORKBOOK_TAG, this.workbookId);
    e.setTag(KEY_TAG, key);
    return true;
  }

  private recurrence(spec: EventSpec): GoogleAppsScript.Calendar.EventRecurrence {
    const r = spec.recurrence;
    if (!r) throw new Error('no recurrence');
    const rec = this.app.newRecurrence();
    const rule =
      r.freq === 'WEEKLY' ? rec.addWeeklyRule() : r.freq === 'MONTHLY' ? rec.addMonthlyRule() : rec.addYearlyRule();
    if (r.interval > 1) rule.interval(r.interval);
    if (r.until) rule.until(seoulInstant(r.until, '23:59'));
    return rec;
  }

  private options(spec: EventSpec): Record<string, unknown> {
    return {
      description: fullDescription(spec),
      location: spec.location,
      ...(spec.invite && spec.guests.length ? { guests: spec.guests.join(','), sendInvites: true } : {}),
    };
  }

  create(spec: EventSpec): string {
    const start = seoulInstant(spec.date, spec.start ?? '00:00');
    const end = seoulInstant(spec.date, spec.end ?? spec.start ?? '00:00');
    const o = this.options(spec);
    let ev: CalEvent | CalSeries;
    if (spec.recurrence) {
      const rec = this.recurrence(spec);
      ev = spec.start
        ? this.cal.createEventSeries(spec.title, start, end, rec, o)
        : this.cal.createAllDayEventSeries(spec.title, seoulInstant(spec.date), rec, o);
    } else {
      ev = spec.start
        ? this.cal.createEvent(spec.title, start, end, o)
        : this.cal.createAllDayEvent(spec.title, seoulInstant(spec.date), o);
    }
    // The key tag last: an event that has it has the workbook tag too.
    ev.setTag(WORKBOOK_TAG, this.workbookId);
    ev.setTag(KEY_TAG, spec.key);
    return ev.getId();
  }

  private guests(ev: CalEvent | CalSeries, spec: EventSpec): void {
    if (!spec.invite) return;
    const have = ev.getGuestList().map((g) => g.getEmail().toLowerCase());
    for (const g of spec.guests) if (!have.includes(g)) ev.addGuest(g);
    for (const g of have) if (!spec.guests.includes(g)) ev.removeGuest(g);
  }

  update(id: string, spec: EventSpec): string | null {
    const ev = this.cal.getEventById(id);
    if (!ev || !this.ours(ev, spec.key)) return null;
    const description = fullDescription(spec);
    if (spec.recurrence) {
      const series = ev.getEventSeries();
      const rec = this.recurrence(spec);
      if (spec.start)
        series.setRecurrence(rec, seoulInstant(spec.date, spec.start), seoulInstant(spec.date, spec.end ?? spec.start));
      else series.setRecurrence(rec, seoulInstant(spec.date));
      series.setTitle(spec.title).setDescription(description).setLocation(spec.location);
      this.guests(series, spec);
      return id;
    }
    if (ev.isRecurringEvent()) {
      ev.getEventSeries().deleteEventSeries();
      return this.create(spec);
    }
    ev.setTitle(spec.title).setDescription(description).setLocation(spec.location);
    if (spec.start) ev.setTime(seoulInstant(spec.date, spec.start), seoulInstant(spec.date, spec.end ?? spec.start));
    else ev.setAllDayDate(seoulInstant(spec.date));
    this.guests(ev, spec);
    return id;
  }

  remove(id: string): boolean {
    const ev = this.cal.getEventById(id);
    if (!ev || ev.getTag(KEY_TAG) === null) return false;
    if (ev.isRecurringEvent()) ev.getEventSeries().deleteEventSeries();
    else ev.deleteEvent();
    return true;
  }

  othersAt(spec: EventSpec): readonly OtherEvent[] {
    if (!spec.start) return [];
    const out: OtherEvent[] = [];
    const from = seoulInstant(spec.date, spec.start);
    const until = seoulInstant(spec.date, spec.end ?? spec.start);
    // The Calendar API refuses an empty time range: look at least one minute.
    const to = until.getTime() > from.getTime() ? until : new Date(from.getTime() + 60000);
    for (const e of this.cal.getEvents(from, to)) {
      if (e.getTag(KEY_TAG) !== null) continue;
      const s = e.getStartTime() as unknown as Date;
      const en = e.getEndTime() as unknown as Date;
      out.push({ title: e.getTitle(), date: seoulDateOf(s), start: seoulTimeOf(s), end: seoulTimeOf(en) });
    }
    return out;
  }
}

/** Opens the calendar named in 설정 '캘린더 ID'. */
export function openGasCalendar(settings: Settings, services: CalendarServices, workbookId: string): GasCalendar {
  const id = settings.calendarId.trim();
  if (!id)
    throw new UserError("설정 시트의 '캘린더 ID'를 입력하세요 (Google 캘린더 → 설정 → 캘린더 통합의 캘린더 ID).");
  const cal = services.CalendarApp.getCalendarById(id);
  if (!cal)
    throw new UserError(
      `캘린더를 찾을 수 없습니다: ${id}. 캘린더 ID와, 이 계정에 '일정 변경' 권한으로 공유되었는지 확인하세요.`,
    );
  return new GasCalendar(
    cal,
    services.CalendarApp,
    services.PropertiesService.getDocumentProperties(),
    workbookId,
    services.Calendar ?? null,
  );
}

/** The whole sync with the Apps Script services. */
export function runCalendarSync(
  ports: Ports,
  services: CalendarServices,
  opts: Omit<SyncOptions, 'continuation'> = {},
): SyncResult {
  const workbookId = ports.workbook.info().id;
  return syncCore(ports, (settings) => openGasCalendar(settings, services, workbookId), {
    ...opts,
    continuation: gasContinuation(services.ScriptApp, services.PropertiesService),
  });
}

/** The services as globals (the advanced Calendar service only when it is enabled). */
export function globalCalendarServices(): CalendarServices {
  const advanced = (globalThis as { Calendar?: AdvancedCalendar }).Calendar;
  return {
    CalendarApp,
    ScriptApp,
    PropertiesService,
    Calendar: advanced && typeof advanced === 'object' && advanced.Events ? advanced : null,
  };
}
