/**
 * The sidebar's settings form is derived from the one table of 설정 items: every item comes with
 * its kind, dropdown values and hint, and every kind has a control (the browser test checks the
 * rendered form: sidebar.e2e.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { HOURS, SETTINGS } from '../../src/core/settings';
import { SETTING_CONTROLS } from '../../src/ui/settingControls';
import { serverOn } from '../support/server';

describe('the sidebar’s settings form', () => {
  it('getSettings gives every table row with its kind, options and hint, and each kind has a control', () => {
    const { items } = serverOn().server.getSettings();
    expect(items.map((i) => i.key)).toEqual(SETTINGS.map((d) => d.key));
    for (const [i, d] of items.map((x, n) => [x, SETTINGS[n]!] as const)) {
      expect(i.kind, i.key).toBe(d.kind);
      expect(i.options, i.key).toEqual(d.options);
      expect(i.hint, i.key).toEqual(d.hint);
      const control = SETTING_CONTROLS[i.kind];
      expect(control, i.key).toBeDefined();
      expect(control.tag === 'select', i.key).toBe(i.kind === 'choice');
      if (i.kind === 'choice') expect(i.options?.length, i.key).toBeGreaterThan(1);
    }
    // The two that had drifted to free text.
    expect(items.find((i) => i.key === 'PDF 사본')).toMatchObject({ kind: 'choice', options: ['예', '아니오'] });
    expect(items.find((i) => i.key === '요약 시각')).toMatchObject({ kind: 'choice', options: HOURS, hint: '0~23시' });
  });
});
