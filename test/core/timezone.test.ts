import { describe, expect, it } from 'vitest';
import { seoulDateOf, seoulInstant, weekday, mondayOf, addMonths } from '../../src/core/dates';

describe('time zone of the run', () => {
  it('runs under the zone the project asks for', () => {
    // Jan 1970: UTC offset 0, Los Angeles +480 minutes.
    const expected = process.env.TZ === 'America/Los_Angeles' ? 480 : 0;
    expect(new Date(0).getTimezoneOffset()).toBe(expected);
  });

  it('Seoul dates do not depend on the machine zone', () => {
    // 2019-03-31 23:30 in Seoul is 14:30 UTC and the 31st in Los Angeles' morning.
    const at = seoulInstant('2019-03-31', '23:30');
    expect(at.toISOString()).toBe('2019-03-31T14:30:00.000Z');
    expect(seoulDateOf(at)).toBe('2019-03-31');
    expect(seoulDateOf(seoulInstant('2019-04-01', '00:10'))).toBe('2019-04-01');
  });

  it('weekdays and weeks', () => {
    expect(weekday('2019-04-01')).toBe(1); // Monday
    expect(weekday('2026-11-29')).toBe(0); // Sunday
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(addMonths('2019-01-31', 1)).toBe('2019-02-28');
  });
});
