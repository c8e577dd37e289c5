/**
 * The batched applier (src/core/calendar/batch.ts) against a scripted BatchPort: how many
 * operations go in a request, what each answer does, the backoff and the pacing.
 */
import { describe, expect, it } from 'vitest';
import { applyInBatches, MAX_ATTEMPTS, PARTS_PER_MINUTE, QUOTA_RETRY_MS } from '../../src/core/calendar/batch';
import type { SyncAction } from '../../src/core/calendar/plan';
import type { BatchOp, BatchOutcome, CalendarPort } from '../../src/core/calendar/port';
import { specHash, toEventSpec } from '../../src/core/calendar/spec';
import { eventRow } from '../support/office';
import type { EventRow } from '../../src/core/model';

const rowOf = (row: number): EventRow => eventRow(row, { start: null, end: null });

const create = (row: number): SyncAction => {
  const r = rowOf(row);
  const spec = toEventSpec(r, r.key, { settings: { sendInvites: false }, url: '' });
  return { kind: 'create', row: r, spec, hash: specHash(spec) };
};
const update = (row: number): SyncAction => {
  const c = create(row) as Extract<SyncAction, { kind: 'create' }>;
  return { kind: 'update', row: c.row, spec: c.spec, hash: c.hash, id: `ev${row}` };
};

/** A calendar whose batches answer by script: `answer(op, attempt)` per operation. */
function scripted(answer: (op: BatchOp, attempt: number) => BatchOutcome, maxParts = 3) {
  let t = 0;
  const sent: string[][] = [];
  const slept: number[] = [];
  const attempts = new Map<string, number>();
  const name = (op: BatchOp) => (op.kind === 'delete' ? `delete ${op.id}` : `${op.kind} ${op.spec.key}`);
  const calendar: CalendarPort = {
    snapshot: () => ({ events: [], deleted: new Set() }),
    create: () => '',
    update: () => null,
    remove: () => false,
    othersBetween: () => [],
    batch: {
      maxParts,
      send: (ops) => {
        sent.push(ops.map(name));
        t += 100;
        return ops.map((op) => {
          const n = (attempts.get(name(op)) ?? 0) + 1;
          attempts.set(name(op), n);
          return answer(op, n);
        });
      },
      requests: () => sent.length,
      sleep: (ms) => {
        slept.push(ms);
        t += ms;
      },
    },
  };
  const ctx = {
    calendar,
    clock: { now: () => new Date(Date.UTC(2019, 2, 31) + t) },
    started: new Date(Date.UTC(2019, 2, 31)),
    budgetMs: Number.POSITIVE_INFINITY,
  };
  return { ctx, sent, slept };
}

const ok = (op: BatchOp): BatchOutcome => ({ status: 'done', id: op.kind === 'update' ? op.id : `new-${op.kind}` });

describe('the batched applier', () => {
  it('up to maxParts operations a request, in plan order; every one applied with its id', () => {
    const s = scripted(ok);
    const r = applyInBatches([create(2), create(3), update(4), create(5)], s.ctx);
    expect(s.sent).toEqual([['insert k2', 'insert k3', 'update k4'], ['insert k5']]);
    expect(r.applied.map((a) => ('id' in a ? a.id : ''))).toEqual(['new-insert', 'new-insert', 'ev4', 'new-insert']);
    expect([r.stopped, r.requests, r.failure]).toEqual([false, 2, null]);
  });

  it('a rate-limited part goes into a later request after a backoff of 1, 2, 4 … s; given up after MAX_ATTEMPTS', () => {
    const s = scripted((op) =>
      op.kind === 'insert' && op.spec.key === 'k3' ? { status: 'retry', reason: '403 rateLimitExceeded' } : ok(op),
    );
    const r = applyInBatches([create(2), create(3), create(4)], s.ctx);
    expect(s.sent[0]).toEqual(['insert k2', 'insert k3', 'insert k4']);
    expect(s.sent.slice(1)).toEqual(Array(MAX_ATTEMPTS - 1).fill(['insert k3']));
    expect(s.slept).toEqual([1000, 2000, 4000, 8000]);
    expect(r.applied).toHaveLength(2);
    expect([r.stopped, r.stopReason]).toEqual([true, 'rate']);
  });

  it('an update whose event is gone is sent again as an insert; a delete of a gone event is done', () => {
    const s = scripted((op) => (op.kind === 'update' ? { status: 'gone' } : ok(op)));
    const r = applyInBatches([update(2), { kind: 'delete', key: 'k9', id: 'ev9', reason: 'gone' }], s.ctx);
    expect(s.sent).toEqual([['update k2', 'delete ev9'], ['insert k2']]);
    expect(r.applied.map((a) => a.action.kind)).toEqual(['delete', 'update']);
  });

  it('a refused part is reported for its row and not retried; the rest goes on', () => {
    const s = scripted((op) =>
      op.kind === 'insert' && op.spec.key === 'k2' ? { status: 'failed', reason: '400 invalid' } : ok(op),
    );
    const r = applyInBatches([create(2), create(3)], s.ctx);
    expect(r.refused.map((x) => [x.action.kind, x.reason])).toEqual([['create', '400 invalid']]);
    expect(r.applied).toHaveLength(1);
    expect(r.stopped).toBe(false);
  });

  it("the calendar's usage limits stop the run: what was done stays, the rest waits an hour", () => {
    const s = scripted((op) =>
      op.kind === 'insert' && op.spec.key === 'k3' ? { status: 'quota', reason: '403 quotaExceeded' } : ok(op),
    );
    const r = applyInBatches([create(2), create(3), create(4), create(5)], s.ctx);
    expect(s.sent).toHaveLength(1);
    expect(r.applied).toHaveLength(2);
    expect([r.stopped, r.stopReason, r.retryAfterMs]).toEqual([true, 'rate', QUOTA_RETRY_MS]);
  });

  it("inserts stop at the day's quota; updates and deletes still go", () => {
    const s = scripted(ok);
    const r = applyInBatches([create(2), create(3), update(4), create(5)], { ...s.ctx, createsLeft: 1 });
    expect(s.sent).toEqual([['insert k2', 'update k4']]);
    expect([r.applied.length, r.stopped, r.stopReason]).toEqual([2, true, 'quota']);
  });

  it(`paced: never more than ${PARTS_PER_MINUTE} operations in a minute`, () => {
    const s = scripted(ok, 50);
    const actions = Array.from({ length: 1200 }, (_, i) => create(i + 2));
    const r = applyInBatches(actions, s.ctx);
    expect(r.applied).toHaveLength(1200);
    // 1,200 operations at 500 a minute: the run waits about two minutes in all.
    const waited = s.slept.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThan(110_000);
    expect(waited).toBeLessThan(125_000);
  });

  it('a send that throws is a failure with what was applied before it', () => {
    let n = 0;
    const s = scripted(ok);
    const send = s.ctx.calendar.batch?.send as (ops: readonly BatchOp[]) => BatchOutcome[];
    const calendar = {
      ...s.ctx.calendar,
      batch: {
        ...(s.ctx.calendar.batch as NonNullable<CalendarPort['batch']>),
        send: (ops: readonly BatchOp[]) => {
          if (++n === 2) throw new Error('boom');
          return send(ops);
        },
      },
    };
    const r = applyInBatches([create(2), create(3), create(4), create(5)], { ...s.ctx, calendar });
    expect(r.applied).toHaveLength(3);
    expect(r.failure?.error).toEqual(new Error('boom'));
  });
});
