/**
 * The drift check through the advanced Calendar service (Calendar API v3 Events.list), with a
 * stub of that service: the in-memory fake has no advanced Calendar service.
 */
import { describe, expect, it } from 'vitest';
import { GasCalendar, type AdvancedCalendar } from '../../src/gas/calendar';
import { createGasFake } from '../fakes/gas';

type Item = Record<string, unknown>;

function calendarWith(lists: (options: Record<string, unknown>) => Item[] | Error) {
  const fake = createGasFake();
  fake.addCalendar('office@group.calendar.google.com', '사무실');
  const cal = fake.services.CalendarApp.getCalendarById('office@group.calendar.google.com');
  if (!cal) throw new Error('no calendar');
  const asked: Record<string, unknown>[] = [];
  const advanced: AdvancedCalendar = {
    Events: {
      list: (_id, options) => {
        asked.push(options);
        const r = lists(options);
        if (r instanceof Error) throw r;
        return { items: r as never };
      },
    },
  };
  const gc = new GasCalendar(
    cal,
    fake.services.CalendarApp,
    fake.services.PropertiesService.getDocumentProperties(),
    'wb-1',
    advanced,
  );
  return { gc, asked };
}

const event = (over: Item): Item => ({
  id: 'abc',
  iCalUID: 'abc@google.com',
  status: 'confirmed',
  summary: '부구청장 회의',
  start: { dateTime: '2019-04-11T01:00:00Z' },
  end: { dateTime: '2019-04-11T02:30:00Z' },
  ...over,
});

describe('drift through the advanced Calendar service', () => {
  it('reads our tags whether they sit in private or shared extended properties, once per event', () => {
    const { gc, asked } = calendarWith((o) => {
      if ('privateExtendedProperty' in o)
        return [event({ extendedProperties: { private: { sijeongKey: 'K1', sijeongWb: 'wb-1' } } })];
      return [
        event({ extendedProperties: { shared: { sijeongKey: 'K1', sijeongWb: 'wb-1' } } }),
        event({
          id: 'def',
          iCalUID: 'def@google.com',
          summary: '구청장협의회',
          extendedProperties: { shared: { sijeongKey: 'K2', sijeongWb: 'wb-1' } },
        }),
      ];
    });
    const seen = gc.changedSince(new Date('2019-04-01T00:00:00Z'));
    expect(seen?.map((e) => [e.key, e.id, e.title, e.date, e.start, e.end])).toEqual([
      ['K1', 'abc@google.com', '부구청장 회의', '2019-04-11', '10:00', '11:30'],
      ['K2', 'def@google.com', '구청장협의회', '2019-04-11', '10:00', '11:30'],
    ]);
    expect(asked.map((o) => Object.keys(o).find((k) => k.endsWith('ExtendedProperty')))).toEqual([
      'privateExtendedProperty',
      'sharedExtendedProperty',
    ]);
    expect(asked[0]?.updatedMin).toBe('2019-04-01T00:00:00.000Z');
  });

  it('a changed or cancelled occurrence of a series is not taken for the whole series', () => {
    const { gc } = calendarWith((o) =>
      'privateExtendedProperty' in o
        ? [
            event({
              id: 'abc_20190511',
              status: 'cancelled',
              recurringEventId: 'abc',
              extendedProperties: { private: { sijeongKey: 'K1' } },
            }),
            event({
              id: 'abc_20190611',
              recurringEventId: 'abc',
              start: { dateTime: '2019-06-12T01:00:00Z' },
              extendedProperties: { private: { sijeongKey: 'K1' } },
            }),
          ]
        : [],
    );
    expect(gc.changedSince(null)).toEqual([]);
  });

  it('when the API refuses (410 for an old updatedMin) drift is reported as not checked', () => {
    const { gc } = calendarWith(() => new Error('API call to calendar.events.list failed with error: Gone'));
    expect(gc.changedSince(new Date('2018-01-01T00:00:00Z'))).toBeNull();
  });
});
