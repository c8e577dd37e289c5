/**
 * The batched applier: the plan's actions as Calendar API operations, up to `maxParts` in one
 * request (CalendarPort.batch), each answered on its own. It keeps the applier contract of
 * ./apply.ts; how a request is sent (multipart/mixed over UrlFetch, or one advanced-service call
 * per operation when batching is refused) is the adapter's.
 *
 * Per operation: 'done' is applied; 'gone' for an update becomes an insert (the event was deleted
 * meanwhile), for a delete it is done; 'retry' (rate limit, backend error) goes back into the
 * queue and is sent again in a later request after an exponential backoff (1, 2, 4, 8, 16 s), at
 * most MAX_ATTEMPTS times, then left for the continuation; 'quota' ends the run (the continuation
 * comes an hour later); 'failed' is reported for its row and not retried in this run.
 *
 * Requests are paced to stay under the Calendar API's per-user rate (600 requests a minute; a
 * batch of n counts as n): at most PARTS_PER_MINUTE operations in any minute.
 */
import { limitStop, othersFor, overlapWarnings, type Applied, type Applier, type Refused } from './apply';
import type { CreateAction, SyncAction, UpdateAction } from './plan';
import type { BatchOp, BatchOutcome, BatchPort } from './port';

export const MAX_ATTEMPTS = 5;
/** Under the 600 per user per minute of the Calendar API's usage limits, with room for other callers. */
export const PARTS_PER_MINUTE = 500;
/** How long a run waits after the calendar's usage limits before it tries again. */
export const QUOTA_RETRY_MS = 60 * 60 * 1000;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 16000];

interface Item {
  action: SyncAction;
  /** What is sent now (an update whose event is gone turns into an insert). */
  op: BatchOp;
  attempts: number;
}

function opOf(a: SyncAction): BatchOp {
  if (a.kind === 'create') return { kind: 'insert', spec: a.spec };
  if (a.kind === 'update') return { kind: 'update', id: a.id, spec: a.spec };
  return { kind: 'delete', id: a.id };
}

/** Waits so that the last minute's operations plus `next` stay under PARTS_PER_MINUTE. */
function pace(batch: BatchPort, now: () => number, sent: { at: number; parts: number }[], next: number): void {
  const windowStart = now() - 60_000;
  while (sent.length && (sent[0] as { at: number }).at <= windowStart) sent.shift();
  let inWindow = sent.reduce((n, s) => n + s.parts, 0);
  while (sent.length && inWindow + next > PARTS_PER_MINUTE) {
    const oldest = sent.shift() as { at: number; parts: number };
    const wait = oldest.at + 60_000 - now();
    if (wait > 0) batch.sleep(wait);
    inWindow -= oldest.parts;
  }
}

/** The next request's operations: the queue's first ones, inserts only while the day's quota lasts. */
function nextTake(queue: Item[], max: number, insertsLeft: number): Item[] {
  const take: Item[] = [];
  let inserts = 0;
  for (let i = 0; i < queue.length && take.length < max; ) {
    const item = queue[i] as Item;
    if (item.op.kind === 'insert' && inserts >= insertsLeft) {
      i++;
      continue;
    }
    if (item.op.kind === 'insert') inserts++;
    take.push(item);
    queue.splice(i, 1);
  }
  return take;
}

export const applyInBatches: Applier = (actions, ctx) => {
  const batch = ctx.calendar.batch;
  if (!batch) throw new Error('applyInBatches needs a calendar with batched writes');
  const now = (): number => ctx.clock.now().getTime();
  const applied: Applied[] = [];
  const refused: Refused[] = [];
  const warnings: string[] = [];
  const queue: Item[] = actions.map((a) => ({ action: a, op: opOf(a), attempts: 0 }));
  /** Given up on after MAX_ATTEMPTS answers to retry: left for the continuation. */
  const left: Item[] = [];
  const sent: { at: number; parts: number }[] = [];
  const limit = ctx.createsLeft ?? Number.POSITIVE_INFINITY;
  let created = 0;
  let stopped = false;
  let stopReason: 'quota' | 'rate' | undefined;
  let retryAfterMs: number | undefined;
  const first = batch.requests();
  const report = (failure: { error: unknown } | null) => ({
    applied,
    refused,
    warnings,
    stopped: stopped || left.length > 0 || queue.length > 0,
    ...(stopReason ? { stopReason } : left.length ? { stopReason: 'rate' as const } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    requests: batch.requests() - first,
    failure,
  });
  try {
    const others = othersFor(ctx.calendar, actions);
    while (queue.length) {
      if (now() - ctx.started.getTime() >= ctx.budgetMs) break;
      const take = nextTake(queue, batch.maxParts, limit - created);
      if (!take.length) {
        stopReason = 'quota';
        break;
      }
      // A request that carries answers to retry waits first: 1, 2, 4, 8, 16 s.
      const retried = Math.max(0, ...take.map((t) => t.attempts));
      if (retried) batch.sleep(BACKOFF_MS[retried - 1] ?? 16000);
      pace(batch, now, sent, take.length);
      const at = new Date(now()).toISOString();
      const outcomes = batch.send(take.map((t) => t.op));
      sent.push({ at: now(), parts: take.length });
      let quotaHit = false;
      take.forEach((item, i) => {
        const o = outcomes[i] ?? ({ status: 'retry', reason: '응답 없음' } as BatchOutcome);
        if (o.status === 'quota') {
          quotaHit = true;
          queue.unshift(item);
          return;
        }
        const step = settleOutcome(item, o, at);
        if (step.applied) {
          applied.push(step.applied);
          const a = step.applied.action;
          if (item.op.kind === 'insert') created++;
          if (a.kind === 'create' || a.kind === 'update')
            for (const w of overlapWarnings(a.spec, a.row, others)) warnings.push(w);
        } else if (step.refused) refused.push(step.refused);
        else if (step.again) (step.again.attempts >= MAX_ATTEMPTS ? left : queue).push(step.again);
      });
      if (quotaHit) {
        stopReason = 'rate';
        retryAfterMs = QUOTA_RETRY_MS;
        break;
      }
    }
  } catch (error) {
    const limit = limitStop(error);
    if (!limit) return report({ error });
    warnings.push(limit.warning);
    stopped = true;
    stopReason = 'rate';
    retryAfterMs = limit.retryAfterMs;
    return report(null);
  }
  return report(null);
};

/** One operation's answer: applied, refused, or sent again (as the same op or as an insert). */
function settleOutcome(
  item: Item,
  o: BatchOutcome,
  at: string,
): { applied?: Applied; refused?: Refused; again?: Item } {
  const a = item.action;
  if (o.status === 'done' || (o.status === 'gone' && item.op.kind === 'delete')) {
    if (a.kind === 'create' || a.kind === 'update') {
      const id = o.status === 'done' && o.id ? o.id : item.op.kind === 'update' ? item.op.id : '';
      return { applied: { action: a as CreateAction | UpdateAction, id, at } };
    }
    return { applied: { action: a, at } };
  }
  if (o.status === 'gone' && item.op.kind === 'update') {
    return { again: { action: a, op: { kind: 'insert', spec: item.op.spec }, attempts: 0 } };
  }
  if (o.status === 'failed') return { refused: { action: a, reason: o.reason } };
  if (o.status === 'retry') return { again: { ...item, attempts: item.attempts + 1 } };
  return {};
}
