/** The status line under the tabs, and the busy state of a server call. */
import { byId } from './dom';

/** A failed answer's message with its details on the following lines. */
export function messageOf(r: { readonly message: string; readonly details?: readonly string[] }): string {
  return [r.message, ...(r.details ?? [])].join('\n');
}

export function say(message: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  const el = byId('status');
  el.className = `status ${kind}`;
  el.textContent = message;
}

/** Runs a server call with a busy button and a progress line; `label` null = a quiet background call. */
export async function busy<T>(
  button: HTMLButtonElement | null,
  label: string | null,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  const old = button?.textContent ?? '';
  if (button && label) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = label;
  }
  if (label) say(label);
  try {
    return await fn();
  } catch (e) {
    say(e instanceof Error ? e.message : String(e), 'error');
    return undefined;
  } finally {
    if (button && label) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = old;
    }
  }
}
