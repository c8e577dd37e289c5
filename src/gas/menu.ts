/** The custom menu: one list used by onOpen and by the bundle test that checks every handler exists. */
import { deployment } from './deployment';

export interface MenuItem {
  readonly caption: string;
  readonly fn: string;
}

export interface SubMenu {
  readonly caption: string;
  readonly items: readonly MenuItem[];
}

export const MENU_TITLE = '시정 데스크';

export const MENU: readonly (MenuItem | SubMenu | null)[] = [
  { caption: '사이드바 열기', fn: 'menuOpenSidebar' },
  { caption: '시트 준비', fn: 'menuSetup' },
  { caption: '입력 검사', fn: 'menuValidate' },
  { caption: '업무보고 생성', fn: 'menuReport' },
  { caption: '캘린더 동기화', fn: 'menuCalendarSync' },
  { caption: '업무추진비 공개 자료', fn: 'menuDisclosure' },
  {
    caption: '주간 요약',
    items: [
      { caption: '미리보기', fn: 'menuSummaryPreview' },
      { caption: '지금 보내기', fn: 'menuSummarySend' },
      { caption: '자동 발송 켜기', fn: 'menuSummaryTriggerOn' },
      { caption: '자동 발송 끄기', fn: 'menuSummaryTriggerOff' },
    ],
  },
];

export function menuFunctionNames(): string[] {
  return MENU.flatMap((m) => (m === null ? [] : 'items' in m ? m.items.map((i) => i.fn) : [m.fn]));
}

/**
 * Builds the menu: the custom menu `시정 데스크` of the bound script, or the add-on's menu under
 * 확장 프로그램 (Ui.createAddonMenu, named by the Marketplace listing), with the same items.
 * Works in AuthMode.NONE: it touches nothing but the Ui (no document, property or sheet).
 */
export function addMenu(ui: GoogleAppsScript.Base.Ui, addon = deployment().kind === 'addon'): void {
  const menu = addon ? ui.createAddonMenu() : ui.createMenu(MENU_TITLE);
  for (const m of MENU) {
    if (m === null) menu.addSeparator();
    else if ('items' in m) {
      const sub = ui.createMenu(m.caption);
      for (const i of m.items) sub.addItem(i.caption, i.fn);
      menu.addSubMenu(sub);
    } else menu.addItem(m.caption, m.fn);
  }
  menu.addToUi();
}
