/** The 현황 panel: the actions and their result, the import card, and the dashboard's cards. */
import type { ActionName, ActionOptions, ActionResult, BudgetBar, Dashboard, DeadlineItem } from '../core/sidebar';
import { api } from './api';
import { append, byId, clear, h } from './dom';
import { detailsList, section } from './form';
import { importCard, setImportItems } from './importCard';
import { fitToSidebar } from './preview';
import { busy, messageOf, say } from './status';

function bar(b: BudgetBar, elapsed: number, elapsedText: string): HTMLElement {
  const pct = b.rate === null ? 0 : Math.min(100, b.rate * 100);
  const fill = h('div', { class: `fill${b.ahead ? ' ahead' : ''}` });
  fill.style.width = `${pct.toFixed(1)}%`;
  const marker = h('div', { class: 'marker', title: `경과율 ${elapsedText}` });
  marker.style.left = `${Math.min(100, elapsed * 100).toFixed(1)}%`;
  return h(
    'li',
    { class: 'bar' },
    h(
      'div',
      { class: 'bar-head' },
      h('span', { class: 'name', text: b.name }),
      h('span', { class: 'rate', text: b.rateText }),
    ),
    h(
      'div',
      {
        class: 'track',
        role: 'img',
        'aria-label': `${b.name} 집행률 ${b.rateText}, 경과율 ${elapsedText}`,
      },
      fill,
      marker,
    ),
    h('div', {
      class: `bar-foot muted${b.flag ? ' neg' : ''}`,
      text: `${b.spentText} / ${b.budgetText} · 경과율 대비 ${b.paceText}`,
    }),
  );
}

function deadlineLi(d: DeadlineItem, overdue: boolean): HTMLElement {
  return h(
    'li',
    {},
    h('span', { class: `badge${overdue ? ' late' : ''}`, text: d.badge }),
    ' ',
    h('span', { text: d.text }),
    h('div', {
      class: 'muted small',
      text: [d.scheduleInText ? '' : d.scheduleText, `업무 ${d.taskNo}`, d.owner, d.status].filter(Boolean).join(' · '),
    }),
  );
}

/** What the result box's 시작 / 취소 do: run the asking action again confirmed, or drop the question. */
type Answer = (start: boolean) => void;

function renderActionResult(box: HTMLElement, r: ActionResult, answer: Answer): void {
  clear(box);
  if (r.confirm) {
    // A question, not a result: nothing was done yet (no window.confirm in HtmlService's sandbox).
    box.className = 'result ask';
    const start = h('button', { type: 'button', class: 'primary', text: '시작' });
    const cancel = h('button', { type: 'button', class: 'secondary', text: '취소' });
    start.addEventListener('click', () => answer(true));
    cancel.addEventListener('click', () => answer(false));
    append(box, [
      h('p', { text: r.confirm.question }),
      h('div', { class: 'actions', role: 'group', 'aria-label': r.confirm.question }, start, cancel),
    ]);
    return;
  }
  box.className = `result ${r.ok ? 'ok' : 'error'}`;
  append(box, [h('p', { text: r.message })]);
  // The document first, then the other files of the run (.hwpx, PDF), each a link of its own; then the notes.
  for (const l of [...(r.link ? [r.link] : []), ...(r.links ?? [])]) {
    append(box, [
      h('p', {}, h('a', { href: safeUrl(l.url), target: '_blank', rel: 'noopener noreferrer', text: l.title })),
    ]);
  }
  if (r.details?.length) append(box, [detailsList(r.details)]);
  if (r.html !== undefined) {
    const frame = h('iframe', { class: 'preview', title: '주간 요약 미리보기', sandbox: '' });
    frame.srcdoc = fitToSidebar(r.html);
    append(box, [frame]);
  }
}

/** Only http(s) and relative links become hrefs; anything else (javascript:, data:) is dropped. */
function safeUrl(url: string): string {
  return /^(https?:\/\/|\/)/i.test(url) ? url : '#';
}

/** The last action's result, kept when the dashboard is redrawn. */
let lastResult: ActionResult | null = null;

/** An action's button and label, and the card's result box: what running it (again) needs. */
interface ActionSlot {
  readonly name: ActionName;
  readonly label: string;
  readonly button: HTMLButtonElement;
  readonly box: HTMLElement;
  /** The card's slots by name (the question's 시작 runs the action it names). */
  readonly find: (name: ActionName) => ActionSlot | undefined;
}

/** The result box's answer to the question of `r` (an action of the card that `find` looks in). */
const answerOf =
  (find: ActionSlot['find'], r: ActionResult): Answer =>
  (start) => {
    const target = r.confirm ? find(r.confirm.action) : undefined;
    if (!target) return;
    if (start) {
      void runAction(target, { confirmed: true });
      return;
    }
    lastResult = { ok: true, message: `${target.label}: 취소했습니다 — 아무것도 바꾸지 않았습니다.` };
    renderActionResult(target.box, lastResult, answerOf(find, lastResult));
    say(`${target.label}: 취소했습니다.`);
    target.button.focus();
  };

async function runAction(slot: ActionSlot, options?: ActionOptions): Promise<void> {
  const { name, label, button, box } = slot;
  clear(box);
  box.className = 'result progress';
  append(box, [h('span', { class: 'spinner', 'aria-hidden': 'true' }), ` ${label} 실행 중…`]);
  const r = await busy(button, `${label}…`, () => (options ? api.runAction(name, options) : api.runAction(name)));
  if (!r) {
    box.className = 'result error';
    box.textContent = byId('status').textContent ?? '실패했습니다.';
    return;
  }
  lastResult = r;
  renderActionResult(box, r, answerOf(slot.find, r));
  if (r.confirm) {
    // Nothing was done: the question waits in the result box, its 시작 focused.
    say(`${label}: 시작할지 작업 칸에서 고르세요.`);
    box.querySelector<HTMLButtonElement>('button.primary')?.focus();
    return;
  }
  // The result box says what happened; the status line only points there (the message once on screen).
  say(
    r.ok ? `${label} 완료 — 결과는 작업 칸에 있습니다.` : `${label} 실패 — 까닭은 작업 칸에 있습니다.`,
    r.ok ? 'ok' : 'error',
  );
  // The dashboard is redrawn (e.g. the new report link); the result stays shown.
  if (r.ok && name !== 'summaryPreview') void loadDashboard(false);
}

function actionsCard(d: Dashboard): HTMLElement {
  const box = h('div', { class: 'result', 'aria-live': 'polite' });
  const slots = new Map<ActionName, ActionSlot>();
  const find = (name: ActionName) => slots.get(name);
  const actionButtons = d.actions.map((a) => {
    const button = h('button', { type: 'button', class: 'action', 'data-action': a.name, text: a.label });
    const s: ActionSlot = { name: a.name, label: a.label, button, box, find };
    slots.set(a.name, s);
    button.addEventListener('click', () => void runAction(s));
    return button;
  });
  if (lastResult) renderActionResult(box, lastResult, answerOf(find, lastResult));
  return section(
    '작업',
    actionButtons.length
      ? h('div', { class: 'actions' }, actionButtons)
      : h('p', { class: 'muted', text: '이 환경에서 쓸 수 있는 작업이 없습니다.' }),
    box,
  );
}

/** The import card, built once and re-attached on every redraw (keeps the chosen file and result). */
let importSection: HTMLElement | null = null;

function reportCard(d: Dashboard): HTMLElement {
  return section(
    '최근 업무보고',
    d.report
      ? h(
          'p',
          {},
          h('a', { href: safeUrl(d.report.url), target: '_blank', rel: 'noopener noreferrer', text: d.report.name }),
          h('span', { class: 'muted small', text: d.report.at ? ` (${d.report.at})` : '' }),
        )
      : h('p', { class: 'muted', text: '아직 만든 업무보고가 없습니다.' }),
  );
}

function budgetCard(d: Dashboard): HTMLElement {
  return section(
    `예산 집행률 (단위: ${d.unit})`,
    ...d.budget.notes.map((n) => h('p', { class: 'small neg', role: 'note', text: n })),
    h('p', {
      class: 'muted small',
      text: `경과율 ${d.elapsed.rateText} (${d.elapsed.days}/${d.elapsed.total}일) — 세로선`,
    }),
    h(
      'ul',
      { class: 'bars' },
      d.budget.bars.map((b) => bar(b, d.elapsed.rate, d.elapsed.rateText)),
      d.budget.bars.length > 1 ? bar(d.budget.total, d.elapsed.rate, d.elapsed.rateText) : null,
    ),
  );
}

function staffingCard(d: Dashboard): HTMLElement {
  return section(
    '인력',
    h(
      'dl',
      { class: 'kv' },
      h('dt', { text: '정원' }),
      h('dd', { text: `${d.staffing.quota}명` }),
      h('dt', { text: '현원' }),
      h('dd', { text: `${d.staffing.current}명` }),
      h('dt', { text: '과부족' }),
      h('dd', { class: d.staffing.diff < 0 ? 'neg' : d.staffing.diff > 0 ? 'pos' : '', text: d.staffing.diffText }),
    ),
    d.staffing.gaps.length
      ? h(
          'ul',
          { class: 'plain small' },
          d.staffing.gaps.map((g) => h('li', { text: `${g.label}: ${g.diffText}` })),
        )
      : null,
  );
}

function weekCard(d: Dashboard): HTMLElement {
  return section(
    `이번 주 일정 (${d.week.label})`,
    d.week.items.length
      ? h(
          'ul',
          { class: 'week' },
          d.week.items.map((i) =>
            h(
              'li',
              { class: i.status === '완료' ? 'done' : '' },
              h('div', { class: 'when', text: `${i.dayText} ${i.time}` }),
              h(
                'div',
                { class: 'what' },
                h('span', { class: 'tag', text: i.type }),
                ' ',
                h('span', { class: 'title', text: i.title }),
              ),
              i.place || i.recurring
                ? h('div', {
                    class: 'muted small',
                    text: [i.place, i.recurring ? i.repeat || '반복' : ''].filter(Boolean).join(' · '),
                  })
                : null,
            ),
          ),
        )
      : h('p', { class: 'muted', text: '이번 주 일정이 없습니다.' }),
  );
}

function deadlinesCard(d: Dashboard): HTMLElement {
  const { upcoming, overdue } = d.deadlines;
  return section(
    '다가오는 업무 (14일 이내 · 기한 지난 것)',
    overdue.length
      ? h(
          'ul',
          { class: 'deadlines' },
          overdue.map((x) => deadlineLi(x, true)),
        )
      : null,
    upcoming.length
      ? h(
          'ul',
          { class: 'deadlines' },
          upcoming.map((x) => deadlineLi(x, false)),
        )
      : null,
    !overdue.length && !upcoming.length ? h('p', { class: 'muted', text: '가까운 마감이 없습니다.' }) : null,
  );
}

function problemButton(p: Dashboard['problems'][number]): HTMLElement {
  const tag = p.severity === 'error' ? '오류' : '경고';
  const b = h(
    'button',
    {
      type: 'button',
      class: `problem ${p.severity}`,
      'aria-label': `${tag} ${p.where}${p.column ? ` ${p.column}` : ''}: ${p.message}`,
    },
    h('span', { class: 'where', text: `${tag} ${p.where}` }),
    h('span', { class: 'msg', text: p.message }),
  );
  b.addEventListener('click', () => {
    void busy(null, `${p.where}로 이동하는 중…`, async () => {
      const r = await api.selectIssue(p.sheet, p.a1);
      say(messageOf(r), r.ok ? 'ok' : 'error');
    });
  });
  return h('li', {}, b);
}

function problemsCard(d: Dashboard): HTMLElement {
  const pc = d.problemCounts;
  return section(
    `입력 검사 (오류 ${pc.errors} · 경고 ${pc.warnings})`,
    d.problems.length
      ? h('ul', { class: 'problems' }, d.problems.map(problemButton))
      : h('p', { class: 'muted', text: '문제가 없습니다.' }),
    pc.errors + pc.warnings > pc.shown
      ? h('p', { class: 'muted small', text: `… 외 ${pc.errors + pc.warnings - pc.shown}건` })
      : null,
  );
}

function renderDashboard(d: Dashboard): void {
  byId('org').textContent = `${d.orgName || '(기관명 없음)'} · ${d.refLabel}`;
  const panel = byId('panel-dash');
  clear(panel);
  importSection ??= importCard({ api, busy, say, onImported: () => void loadDashboard(false) });
  setImportItems(
    importSection,
    d.budget.bars.map((b) => b.name),
  );
  const refresh = h('button', { type: 'button', class: 'secondary', text: '새로 고침' });
  refresh.addEventListener('click', () => void loadDashboard());
  for (const card of [
    actionsCard(d),
    importSection,
    reportCard(d),
    budgetCard(d),
    staffingCard(d),
    weekCard(d),
    deadlinesCard(d),
    problemsCard(d),
    h('p', { class: 'footer' }, refresh),
  ])
    panel.appendChild(card);
}

export async function loadDashboard(announce = true): Promise<void> {
  const d = await busy(null, announce ? '현황을 불러오는 중…' : null, () => api.getDashboard());
  if (!d) return;
  renderDashboard(d);
  if (announce) say('현황을 불러왔습니다.', 'ok');
}
