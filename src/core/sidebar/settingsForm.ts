/** The 설정 form: the items with their kind (from the one table, settings.ts), saving them (usecases/saveSettings.ts), and the weekly trigger switch. */
import * as z from 'zod';
import { loadOffice } from '../office';
import { SETTINGS, settingHint } from '../settings';
import { saveSettings as saveSettingValues } from '../usecases/saveSettings';
import type { ServerDeps, TriggerView } from './context';
import { checkInput, refused, settingsSaveSchema } from './input';
import type { ActionResult, SaveResult, SettingItem, SettingsData } from './views';

const UNKNOWN: TriggerView = { on: false, mine: true, note: '자동 발송 상태를 알 수 없습니다.' };

function safeGet(t: { get(): TriggerView }): TriggerView {
  try {
    return t.get();
  } catch {
    return UNKNOWN;
  }
}

export function getSettings(deps: ServerDeps): SettingsData {
  const { office } = loadOffice(deps.ports);
  const raw = office.settings.raw;
  const trigger = deps.triggers
    ? { available: true, ...safeGet(deps.triggers) }
    : { available: false, on: false, mine: true, note: '이 환경에서는 설정할 수 없습니다.' };
  return {
    items: SETTINGS.map((d): SettingItem => {
      const hint = settingHint(d, deps.deployment);
      return {
        key: d.key,
        value: raw[d.key] ?? '',
        kind: d.kind,
        ...(d.options ? { options: d.options } : {}),
        ...(hint ? { hint } : {}),
      };
    }),
    trigger,
  };
}

/** Writes the changed 설정 values after checking them as the parser does. */
export function saveSettings(deps: ServerDeps, values: { readonly [key: string]: string }): SaveResult {
  const args = checkInput(settingsSaveSchema, values, '설정 값');
  if (!args.ok) return refused(args);
  const given = Object.entries(args.value).filter((e): e is [string, string] => typeof e[1] === 'string');
  const saved = saveSettingValues(deps.ports, given);
  if (!saved.ok) return { ok: false, message: '설정 값을 확인하세요.', fields: saved.fields };
  if (!saved.changes.length) return { ok: true, message: '바뀐 설정이 없어 저장하지 않았습니다.', warnings: [] };
  return { ok: true, message: '설정을 저장했습니다.', warnings: [...saved.warnings] };
}

/** Turns the weekly summary trigger on or off. */
export function toggleWeeklyTrigger(deps: ServerDeps, on: boolean): ActionResult {
  const arg = z.boolean().safeParse(on);
  if (!arg.success)
    return { ok: false, message: '자동 발송을 켤지 끌지 알 수 없습니다. 사이드바를 새로 고친 뒤 다시 시도하세요.' };
  if (!deps.triggers) return { ok: false, message: '이 환경에서는 주간 요약 자동 발송을 설정할 수 없습니다.' };
  return deps.triggers.set(arg.data);
}
