/**
 * CalendarApp fake: calendars, events, event series with recurrence rules, tags.
 *
 * Behaviour chosen:
 * - getCalendarById returns null for an id not registered with fake.addCalendar
 *   (the default calendar's id is the user's e-mail).
 * - Event ids are iCal UIDs ('<26 hex>@google.com'), deterministic per fake. Every
 *   occurrence of a series has the series' id, as in Calendar.
 * - getEvents(start, end) returns events that start in, end in or span the window
 *   (start < windowEnd && end > windowStart; a zero-length event counts when it starts in
 *   the window), sorted by start time. Series are expanded into occurrences (daily,
 *   weekly with optional weekdays, monthly on month days, yearly; interval, until
 *   (inclusive), times), in the script's time zone. options.search matches a
 *   case-insensitive substring of title, description or location; max and start page.
 * - On an occurrence, setTime and deleteEvent change that occurrence only; title,
 *   description, location, tags and guests change the whole series (the fake keeps them
 *   once per series).
 * - getEventById returns null for unknown or deleted ids; for a series it returns its
 *   first remaining occurrence. Calls on a deleted event's setters throw.
 * - All-day dates take the calendar day of the given Date in the script's time zone;
 *   end dates are exclusive (createAllDayEvent(title, 15 Aug, 18 Aug) spans 3 days), and
 *   getAllDayEndDate returns that exclusive day.
 * - Tags (extended properties) are strings; getTag returns null when missing.
 */

import { type GasContext, GasException, enumName, isDate, makeEnum, zonedInstant, zonedParts } from './gas-core';

export const Weekday = makeEnum(['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY']);
export const GuestStatus = makeEnum(['INVITED', 'MAYBE', 'NO', 'OWNER', 'YES']);
export const Visibility = makeEnum(['CONFIDENTIAL', 'DEFAULT', 'PRIVATE', 'PUBLIC']);
export const EventColor = makeEnum([
  'PALE_BLUE',
  'PALE_GREEN',
  'MAUVE',
  'PALE_RED',
  'YELLOW',
  'ORANGE',
  'CYAN',
  'GRAY',
  'BLUE',
  'GREEN',
  'RED',
]);
export const Month = makeEnum([
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
]);

export interface RuleState {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  until?: Date;
  times?: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays?: number[];
  monthDays?: number[];
}

export interface EventState {
  id: string;
  calendarId: string;
  title: string;
  description: string;
  location: string;
  start: Date;
  end: Date;
  allDay: boolean;
  tags: Map<string, string>;
  guests: { email: string; status: string }[];
  sendInvites: boolean;
  color: string;
  created: Date;
  updated: Date;
  deleted: boolean;
  /** Non-null for a series. */
  recurrence: RuleState[] | null;
  /** Per-occurrence changes of a series, keyed by the occurrence's original start (ms). */
  exceptions: Map<number, { deleted?: boolean; start?: Date; end?: Date }>;
}

export interface Occurrence {
  event: EventState;
  originalStart: Date;
  start: Date;
  end: Date;
}

export class CalendarState {
  events = new Map<string, EventState>();
  constructor(
    public id: string,
    public name: string,
    public timeZone: string,
  ) {}

  live(): EventState[] {
    return [...this.events.values()].filter((e) => !e.deleted);
  }
}

// ---------------------------------------------------------------- recurrence expansion

const DAY = 86400000;
const dayNum = (y: number, m: number, d: number) => Math.round(Date.UTC(y, m - 1, d) / DAY);
const fromDayNum = (n: number) => {
  const d = new Date(n * DAY);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Occurrences of an event (one for a single event), up to `until` (exclusive) when given. */
export function occurrencesOf(ev: EventState, timeZone: string, until?: Date, cap = 5000): Occurrence[] {
  if (!ev.recurrence) return [{ event: ev, originalStart: ev.start, start: ev.start, end: ev.end }];
  const p = zonedParts(ev.start, timeZone);
  const base = dayNum(p.year, p.month, p.day);
  const e = zonedParts(ev.end, timeZone);
  const spanDays = dayNum(e.year, e.month, e.day) - base;
  const durationMs = ev.end.getTime() - ev.start.getTime();
  const startsAt = (n: number): Date => {
    const { y, m, d } = fromDayNum(n);
    return zonedInstant(timeZone, y, m, d, p.hour, p.minute, p.second);
  };
  const seen = new Set<number>();
  for (const rule of ev.recurrence) {
    let count = 0;
    const accept = (n: number): boolean => {
      if (n < base) return true;
      const s = startsAt(n);
      if (rule.until && s.getTime() > rule.until.getTime()) return false;
      if (until && s.getTime() >= until.getTime()) return false;
      if (rule.times !== undefined && count >= rule.times) return false;
      count += 1;
      seen.add(n);
      return true;
    };
    const interval = Math.max(1, rule.interval);
    let go = true;
    for (let k = 0; go && k < cap; k++) {
      if (rule.freq === 'DAILY') go = accept(base + k * interval);
      else if (rule.freq === 'WEEKLY') {
        const days = rule.weekdays && rule.weekdays.length > 0 ? [...rule.weekdays].sort() : [p.weekday];
        const weekStart = base - p.weekday + k * 7 * interval;
        for (const wd of days) if (go) go = accept(weekStart + wd);
      } else if (rule.freq === 'MONTHLY') {
        const total = p.year * 12 + (p.month - 1) + k * interval;
        const y = Math.floor(total / 12);
        const m = (total % 12) + 1;
        for (const d of [...(rule.monthDays ?? [p.day])].sort((a, b) => a - b))
          if (go && d <= daysIn(y, m)) go = accept(dayNum(y, m, d));
      } else {
        const y = p.year + k * interval;
        if (p.day <= daysIn(y, p.month)) go = accept(dayNum(y, p.month, p.day));
      }
    }
  }
  const out: Occurrence[] = [];
  for (const n of [...seen].sort((a, b) => a - b)) {
    const originalStart = startsAt(n);
    const ex = ev.exceptions.get(originalStart.getTime());
    if (ex?.deleted) continue;
    let end: Date;
    if (ev.allDay) {
      const { y, m, d } = fromDayNum(n + spanDays);
      end = zonedInstant(timeZone, y, m, d);
    } else end = new Date(originalStart.getTime() + durationMs);
    out.push({ event: ev, originalStart, start: ex?.start ?? originalStart, end: ex?.end ?? end });
  }
  return out;
}

// ---------------------------------------------------------------- test handle

export interface EventPatch {
  title?: string;
  description?: string;
  location?: string;
  start?: Date;
  end?: Date;
  tags?: Record<string, string>;
}

export interface CalendarHandle {
  readonly id: string;
  readonly name: string;
  readonly state: CalendarState;
  /** Events that are not deleted (a series is one entry). */
  events(): EventState[];
  get(eventId: string): EventState | undefined;
  findByTag(key: string, value?: string): EventState[];
  occurrences(start: Date, end: Date): Occurrence[];
  /** A person's edit in the Calendar UI: not counted, bumps lastUpdated. */
  userEdit(eventId: string, patch: EventPatch): void;
  userDelete(eventId: string): void;
  /** An event a person created by hand (not counted). */
  userCreate(title: string, start: Date, end: Date, patch?: EventPatch): EventState;
}

// ---------------------------------------------------------------- the service

export interface CalendarWorld {
  calendars: Map<string, CalendarState>;
  defaultId: string;
}

export function makeCalendarApp(ctx: GasContext, world: CalendarWorld) {
  const tz = () => ctx.timeZone;
  const recurrenceRules = new WeakMap<object, RuleState[]>();

  const newEventState = (cal: CalendarState, title: string, start: Date, end: Date, allDay: boolean): EventState => {
    const now = ctx.now();
    const ev: EventState = {
      id: `${ctx.nextHex('event', 26)}@google.com`,
      calendarId: cal.id,
      title,
      description: '',
      location: '',
      start: new Date(start.getTime()),
      end: new Date(end.getTime()),
      allDay,
      tags: new Map(),
      guests: [],
      sendInvites: false,
      color: '',
      created: now,
      updated: now,
      deleted: false,
      recurrence: null,
      exceptions: new Map(),
    };
    cal.events.set(ev.id, ev);
    return ev;
  };

  const applyOptions = (ev: EventState, options: unknown) => {
    if (!options || typeof options !== 'object') return;
    const o = options as Record<string, unknown>;
    if (o.description !== undefined) ev.description = String(o.description);
    if (o.location !== undefined) ev.location = String(o.location);
    if (o.guests !== undefined)
      ev.guests = String(o.guests)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((email) => ({ email, status: 'INVITED' }));
    if (o.sendInvites !== undefined) ev.sendInvites = !!o.sendInvites;
  };

  const needDate = (d: unknown, what: string): Date => {
    if (!isDate(d) || Number.isNaN(d.getTime()))
      throw new GasException(`The parameters don't match the method signature for CalendarApp.Calendar.${what}.`);
    return new Date(d.getTime());
  };

  const checkOrder = (start: Date, end: Date) => {
    if (end.getTime() < start.getTime()) throw new GasException('Event start date must be before event end date.');
  };

  /** Midnight (calendar day in the script's zone) of a Date, plus `addDays`. */
  const dayStart = (d: Date, addDays = 0): Date => {
    const p = zonedParts(d, tz());
    const { y, m, d: dd } = fromDayNum(dayNum(p.year, p.month, p.day) + addDays);
    return zonedInstant(tz(), y, m, dd);
  };

  const touch = (ev: EventState) => {
    if (ev.deleted) throw new GasException('The event has been deleted.');
    ev.updated = ctx.now();
  };

  const rulesOf = (x: unknown): RuleState[] => {
    const rules = x && typeof x === 'object' ? recurrenceRules.get(x) : undefined;
    if (!rules)
      throw new GasException(
        "The parameters don't match the method signature for CalendarApp.Calendar.createEventSeries.",
      );
    if (rules.length === 0) throw new GasException('Recurrence must have at least one rule.');
    return rules.map((r) => ({ ...r, ...(r.weekdays ? { weekdays: [...r.weekdays] } : {}) }));
  };

  const guestFacade = (g: { email: string; status: string }) =>
    ctx.counted('EventGuest', {
      getEmail: () => g.email,
      getName: () => g.email,
      getGuestStatus: () => (GuestStatus as Record<string, unknown>)[g.status],
      getAdditionalGuests: () => 0,
    });

  /** Methods shared by CalendarEvent and CalendarEventSeries (series-wide fields). */
  const common = (ev: EventState, self: () => object) => ({
    getId: () => ev.id,
    getTitle: () => ev.title,
    setTitle: (t: string) => {
      touch(ev);
      ev.title = String(t);
      return self();
    },
    getDescription: () => ev.description,
    setDescription: (d: string) => {
      touch(ev);
      ev.description = String(d);
      return self();
    },
    getLocation: () => ev.location,
    setLocation: (l: string) => {
      touch(ev);
      ev.location = String(l);
      return self();
    },
    getTag: (key: string) => ev.tags.get(String(key)) ?? null,
    setTag: (key: string, value: string) => {
      touch(ev);
      ev.tags.set(String(key), String(value));
      return self();
    },
    deleteTag: (key: string) => {
      touch(ev);
      ev.tags.delete(String(key));
      return self();
    },
    getAllTagKeys: () => [...ev.tags.keys()],
    getGuestList: (_includeOwner?: boolean) => ev.guests.map(guestFacade),
    getGuestByEmail: (email: string) => {
      const g = ev.guests.find((x) => x.email === email);
      return g ? guestFacade(g) : null;
    },
    addGuest: (email: string) => {
      touch(ev);
      if (!ev.guests.some((g) => g.email === email)) ev.guests.push({ email: String(email), status: 'INVITED' });
      return self();
    },
    removeGuest: (email: string) => {
      touch(ev);
      ev.guests = ev.guests.filter((g) => g.email !== email);
      return self();
    },
    getLastUpdated: () => ctx.out(ev.updated),
    getDateCreated: () => ctx.out(ev.created),
    getOriginalCalendarId: () => ev.calendarId,
    isOwnedByMe: () => true,
    getCreators: () => [ctx.user],
    getColor: () => ev.color,
    setColor: (c: string) => {
      touch(ev);
      ev.color = String(c);
      return self();
    },
    addPopupReminder: (_minutes: number) => self(),
    addEmailReminder: (_minutes: number) => self(),
    removeAllReminders: () => self(),
    setGuestsCanModify: (_b: boolean) => self(),
    setGuestsCanSeeGuests: (_b: boolean) => self(),
    setGuestsCanInviteOthers: (_b: boolean) => self(),
  });

  const seriesFacade = (ev: EventState): object => {
    const s: object = ctx.counted('CalendarEventSeries', {
      ...common(ev, () => s),
      /** setRecurrence(recurrence, start, end) or setRecurrence(recurrence, startDate) (all-day). */
      setRecurrence: (recurrence: unknown, start: Date, end?: Date) => {
        touch(ev);
        ev.recurrence = rulesOf(recurrence);
        ev.exceptions.clear();
        if (end === undefined) {
          ev.allDay = true;
          ev.start = dayStart(needDate(start, 'setRecurrence'));
          ev.end = dayStart(ev.start, 1);
        } else {
          ev.allDay = false;
          ev.start = needDate(start, 'setRecurrence');
          ev.end = needDate(end, 'setRecurrence');
          checkOrder(ev.start, ev.end);
        }
        return s;
      },
      deleteEventSeries: () => {
        touch(ev);
        ev.deleted = true;
      },
    });
    return s;
  };

  const eventFacade = (ev: EventState, occ?: Occurrence): object => {
    const key = occ?.originalStart.getTime();
    const cur = () => {
      if (occ === undefined || key === undefined) return { start: ev.start, end: ev.end };
      const ex = ev.exceptions.get(key);
      return { start: ex?.start ?? occ.start, end: ex?.end ?? occ.end };
    };
    const setTimes = (start: Date, end: Date, allDay: boolean) => {
      touch(ev);
      if (key !== undefined && ev.recurrence) {
        ev.exceptions.set(key, { start, end });
      } else {
        ev.start = start;
        ev.end = end;
        ev.allDay = allDay;
      }
    };
    const needAllDay = () => {
      if (!ev.allDay) throw new GasException('This method can only be called on all-day events.');
    };
    const e: object = ctx.counted('CalendarEvent', {
      ...common(ev, () => e),
      getStartTime: () => ctx.out(cur().start),
      getEndTime: () => ctx.out(cur().end),
      setTime: (start: Date, end: Date) => {
        const s = needDate(start, 'setTime');
        const en = needDate(end, 'setTime');
        checkOrder(s, en);
        setTimes(s, en, false);
        return e;
      },
      setAllDayDate: (date: Date) => {
        const s = dayStart(needDate(date, 'setAllDayDate'));
        setTimes(s, dayStart(s, 1), true);
        return e;
      },
      setAllDayDates: (start: Date, end: Date) => {
        const s = dayStart(needDate(start, 'setAllDayDates'));
        const en = dayStart(needDate(end, 'setAllDayDates'));
        checkOrder(s, en);
        setTimes(s, en, true);
        return e;
      },
      isAllDayEvent: () => ev.allDay,
      getAllDayStartDate: () => {
        needAllDay();
        return ctx.out(cur().start);
      },
      getAllDayEndDate: () => {
        needAllDay();
        return ctx.out(cur().end);
      },
      isRecurringEvent: () => ev.recurrence !== null,
      getEventSeries: () => seriesFacade(ev),
      /** A single event is deleted; on an occurrence only that occurrence goes. */
      deleteEvent: () => {
        touch(ev);
        if (key !== undefined && ev.recurrence) ev.exceptions.set(key, { deleted: true });
        else ev.deleted = true;
      },
    });
    return e;
  };

  const firstOccurrence = (ev: EventState): Occurrence | undefined => occurrencesOf(ev, tz(), undefined, 1000)[0];

  const facadeFor = (ev: EventState): object | null => {
    if (!ev.recurrence) return eventFacade(ev);
    const first = firstOccurrence(ev);
    return first ? eventFacade(ev, first) : null;
  };

  const eventsIn = (cal: CalendarState, start: Date, end: Date, options?: unknown): Occurrence[] => {
    const o = (options && typeof options === 'object' ? options : {}) as Record<string, unknown>;
    const search = o.search === undefined ? null : String(o.search).toLowerCase();
    const found: Occurrence[] = [];
    for (const ev of cal.live()) {
      if (search && ![ev.title, ev.description, ev.location].some((t) => t.toLowerCase().includes(search))) continue;
      for (const occ of occurrencesOf(ev, tz(), end)) {
        const s = occ.start.getTime();
        const en = occ.end.getTime();
        const overlaps =
          s === en ? s >= start.getTime() && s < end.getTime() : s < end.getTime() && en > start.getTime();
        if (overlaps) found.push(occ);
      }
    }
    found.sort((a, b) => a.start.getTime() - b.start.getTime() || a.event.id.localeCompare(b.event.id));
    const from = typeof o.start === 'number' ? o.start : 0;
    const max = typeof o.max === 'number' ? o.max : found.length;
    return found.slice(from, from + max);
  };

  const calendarFacades = new WeakMap<CalendarState, ReturnType<typeof makeCalendar>>();

  const makeCalendar = (cal: CalendarState) => {
    const createEvent = (title: string, start: Date, end: Date, options?: unknown) => {
      const s = needDate(start, 'createEvent');
      const en = needDate(end, 'createEvent');
      checkOrder(s, en);
      const ev = newEventState(cal, String(title), s, en, false);
      applyOptions(ev, options);
      return eventFacade(ev);
    };
    /** (title, date), (title, date, options), (title, start, end), (title, start, end, options); end exclusive. */
    const createAllDayEvent = (title: string, date: Date, a?: unknown, b?: unknown) => {
      const s = dayStart(needDate(date, 'createAllDayEvent'));
      const endGiven = isDate(a);
      const en = endGiven ? dayStart(needDate(a, 'createAllDayEvent')) : dayStart(s, 1);
      if (en.getTime() <= s.getTime()) throw new GasException('Event start date must be before event end date.');
      const ev = newEventState(cal, String(title), s, en, true);
      applyOptions(ev, endGiven ? b : a);
      return eventFacade(ev);
    };
    return ctx.counted('Calendar', {
      getId: () => cal.id,
      getName: () => cal.name,
      setName: (n: string) => {
        cal.name = String(n);
      },
      getTimeZone: () => cal.timeZone,
      getDescription: () => '',
      isOwnedByMe: () => true,
      isMyPrimaryCalendar: () => cal.id === world.defaultId,
      isHidden: () => false,
      getColor: () => '#2952A3',
      createEvent,
      createAllDayEvent,
      createEventSeries: (title: string, start: Date, end: Date, recurrence: unknown, options?: unknown) => {
        const s = needDate(start, 'createEventSeries');
        const en = needDate(end, 'createEventSeries');
        checkOrder(s, en);
        const rules = rulesOf(recurrence);
        const ev = newEventState(cal, String(title), s, en, false);
        ev.recurrence = rules;
        applyOptions(ev, options);
        return seriesFacade(ev);
      },
      createAllDayEventSeries: (title: string, date: Date, recurrence: unknown, options?: unknown) => {
        const s = dayStart(needDate(date, 'createAllDayEventSeries'));
        const rules = rulesOf(recurrence);
        const ev = newEventState(cal, String(title), s, dayStart(s, 1), true);
        ev.recurrence = rules;
        applyOptions(ev, options);
        return seriesFacade(ev);
      },
      getEvents: (start: Date, end: Date, options?: unknown) =>
        eventsIn(cal, needDate(start, 'getEvents'), needDate(end, 'getEvents'), options).map((o) =>
          o.event.recurrence ? eventFacade(o.event, o) : eventFacade(o.event),
        ),
      getEventsForDay: (date: Date, options?: unknown) => {
        const s = dayStart(needDate(date, 'getEventsForDay'));
        return eventsIn(cal, s, dayStart(s, 1), options).map((o) =>
          o.event.recurrence ? eventFacade(o.event, o) : eventFacade(o.event),
        );
      },
      getEventById: (iCalId: string) => {
        const ev = cal.events.get(String(iCalId));
        return ev && !ev.deleted ? facadeFor(ev) : null;
      },
      getEventSeriesById: (iCalId: string) => {
        const ev = cal.events.get(String(iCalId));
        return ev && !ev.deleted ? seriesFacade(ev) : null;
      },
      deleteCalendar: () => {
        world.calendars.delete(cal.id);
      },
    });
  };

  const calendarFacade = (cal: CalendarState) => {
    let f = calendarFacades.get(cal);
    if (!f) {
      f = makeCalendar(cal);
      calendarFacades.set(cal, f);
    }
    return f;
  };

  const defaultCal = (): CalendarState => {
    const c = world.calendars.get(world.defaultId);
    if (!c) throw new GasException('The default calendar was deleted.');
    return c;
  };

  // ---------------------------------------------------------------- recurrence builder

  const makeRecurrence = () => {
    const rules: RuleState[] = [];
    const addRule = (freq: RuleState['freq']) => {
      const rule: RuleState = { freq, interval: 1 };
      rules.push(rule);
      const r: object = ctx.counted('RecurrenceRule', {
        interval: (n: number) => {
          if (!Number.isInteger(n) || n < 1) throw new GasException('Invalid argument: interval');
          rule.interval = n;
          return r;
        },
        /** Inclusive: an occurrence starting at `until` is kept. */
        until: (d: Date) => {
          rule.until = needDate(d, 'until');
          return r;
        },
        times: (n: number) => {
          if (!Number.isInteger(n) || n < 1) throw new GasException('Invalid argument: times');
          rule.times = n;
          return r;
        },
        onlyOnWeekday: (day: unknown) => {
          rule.weekdays = [Weekday[enumName(day) as keyof typeof Weekday].ordinal()];
          return r;
        },
        onlyOnWeekdays: (days: unknown[]) => {
          rule.weekdays = days.map((d) => Weekday[enumName(d) as keyof typeof Weekday].ordinal());
          return r;
        },
        onlyOnMonthDay: (d: number) => {
          rule.monthDays = [d];
          return r;
        },
        onlyOnMonthDays: (ds: number[]) => {
          rule.monthDays = [...ds];
          return r;
        },
        weekStartsOn: (_day: unknown) => r,
        addDailyRule: () => addRule('DAILY'),
        addWeeklyRule: () => addRule('WEEKLY'),
        addMonthlyRule: () => addRule('MONTHLY'),
        addYearlyRule: () => addRule('YEARLY'),
        setTimeZone: (_tz: string) => r,
      });
      recurrenceRules.set(r, rules);
      return r;
    };
    const rec = ctx.counted('EventRecurrence', {
      addDailyRule: () => addRule('DAILY'),
      addWeeklyRule: () => addRule('WEEKLY'),
      addMonthlyRule: () => addRule('MONTHLY'),
      addYearlyRule: () => addRule('YEARLY'),
      setTimeZone: (_tz: string) => rec,
    });
    recurrenceRules.set(rec, rules);
    return rec;
  };

  const app = ctx.counted('CalendarApp', {
    Weekday,
    GuestStatus,
    Visibility,
    EventColor,
    Month,
    /** null for an id that is not a registered calendar. */
    getCalendarById: (id: string) => {
      const c = world.calendars.get(String(id));
      return c ? calendarFacade(c) : null;
    },
    getDefaultCalendar: () => calendarFacade(defaultCal()),
    getAllCalendars: () => [...world.calendars.values()].map(calendarFacade),
    getAllOwnedCalendars: () => [...world.calendars.values()].map(calendarFacade),
    getCalendarsByName: (name: string) =>
      [...world.calendars.values()].filter((c) => c.name === name).map(calendarFacade),
    getOwnedCalendarsByName: (name: string) =>
      [...world.calendars.values()].filter((c) => c.name === name).map(calendarFacade),
    createCalendar: (name: string, _options?: unknown) => {
      const id = `${ctx.nextHex('calendar', 32)}@group.calendar.google.com`;
      const c = new CalendarState(id, String(name), ctx.timeZone);
      world.calendars.set(id, c);
      return calendarFacade(c);
    },
    getTimeZone: () => defaultCal().timeZone,
    newRecurrence: () => makeRecurrence(),
  });

  const handle = (cal: CalendarState): CalendarHandle => ({
    id: cal.id,
    name: cal.name,
    state: cal,
    events: () => cal.live(),
    get: (eventId) => cal.events.get(eventId),
    findByTag: (key, value) =>
      cal.live().filter((e) => e.tags.has(key) && (value === undefined || e.tags.get(key) === value)),
    occurrences: (start, end) => eventsIn(cal, start, end),
    userEdit: (eventId, patch) => {
      const ev = cal.events.get(eventId);
      if (!ev || ev.deleted) throw new Error(`fake calendar: no event ${eventId}`);
      if (patch.title !== undefined) ev.title = patch.title;
      if (patch.description !== undefined) ev.description = patch.description;
      if (patch.location !== undefined) ev.location = patch.location;
      if (patch.start) ev.start = new Date(patch.start.getTime());
      if (patch.end) ev.end = new Date(patch.end.getTime());
      if (patch.tags) for (const [k, v] of Object.entries(patch.tags)) ev.tags.set(k, v);
      ev.updated = ctx.now();
    },
    userDelete: (eventId) => {
      const ev = cal.events.get(eventId);
      if (!ev) throw new Error(`fake calendar: no event ${eventId}`);
      ev.deleted = true;
      ev.updated = ctx.now();
    },
    userCreate: (title, start, end, patch) => {
      const ev = newEventState(cal, title, start, end, false);
      if (patch) handle(cal).userEdit(ev.id, patch);
      return ev;
    },
  });

  return { app, handle };
}
