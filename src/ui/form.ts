/** What the panels share: a card, a labelled field with its hint and error line, a dropdown, a details list. */
import { h, uid } from './dom';

export function section(title: string, ...body: (Node | null | false)[]): HTMLElement {
  const id = uid('sec');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id, text: title }), ...body);
}

/** The lines under a result's message. */
export function detailsList(details: readonly string[], cls?: string): HTMLElement {
  return h(
    'ul',
    { class: cls ? `details ${cls}` : 'details' },
    details.map((d) => h('li', { text: d })),
  );
}

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FieldUi {
  readonly wrap: HTMLElement;
  readonly control: Control;
  readonly error: HTMLElement;
}

export function fieldUi(
  prefix: string,
  key: string,
  label: string,
  control: Control,
  opts: { hint?: string; required?: boolean } = {},
): FieldUi {
  const id = `${prefix}-${key.replace(/\s+/g, '_')}`;
  control.id = id;
  control.name = key;
  const errId = `${id}-err`;
  const hintId = opts.hint ? `${id}-hint` : '';
  control.setAttribute('aria-describedby', [errId, hintId].filter(Boolean).join(' '));
  if (opts.required) control.setAttribute('aria-required', 'true');
  const error = h('p', { class: 'field-error', id: errId });
  const wrap = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      label,
      opts.required ? h('span', { class: 'req', 'aria-hidden': 'true', text: ' *' }) : null,
    ),
    control,
    opts.hint ? h('p', { class: 'hint', id: hintId, text: opts.hint }) : null,
    error,
  );
  return { wrap, control, error };
}

export function select(options: readonly string[], blank?: string): HTMLSelectElement {
  const s = h('select', {});
  if (blank !== undefined) s.appendChild(h('option', { value: '', text: blank }));
  for (const o of options) s.appendChild(h('option', { value: o, text: o }));
  return s;
}

/** Shows each field's message (clears the others) and focuses the first field in error. */
export function setFieldErrors(fields: Record<string, FieldUi>, errors: Readonly<Record<string, string>>): void {
  let first: Control | null = null;
  for (const [k, f] of Object.entries(fields)) {
    const msg = errors[k];
    f.error.textContent = msg ?? '';
    if (msg) {
      f.control.setAttribute('aria-invalid', 'true');
      first ??= f.control;
    } else f.control.removeAttribute('aria-invalid');
  }
  first?.focus();
}
