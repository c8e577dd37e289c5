/**
 * The control the settings form shows for each kind of 설정 item (src/core/settings.ts). A
 * Record over every kind, so a new kind does not compile until it has a control here. No DOM:
 * the form (settings.ts) builds the element from this, and tests read it directly.
 */
import type { SettingKind } from '../core/sidebar';

export type SettingControl =
  | { readonly tag: 'select' }
  | {
      readonly tag: 'input';
      readonly type: 'text' | 'date' | 'time';
      readonly inputmode?: 'numeric';
      readonly autocomplete?: 'off';
    };

export const SETTING_CONTROLS: Readonly<Record<SettingKind, SettingControl>> = {
  text: { tag: 'input', type: 'text', autocomplete: 'off' },
  date: { tag: 'input', type: 'date' },
  number: { tag: 'input', type: 'text', inputmode: 'numeric' },
  choice: { tag: 'select' },
  time: { tag: 'input', type: 'time' },
  emails: { tag: 'input', type: 'text', autocomplete: 'off' },
};
