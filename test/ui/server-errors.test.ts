/**
 * The sidebar's one error policy (src/core/sidebar/index.ts): the getters throw a Korean Error
 * without a stack; every write and action answers { ok: false, message, details } instead.
 */
import { describe, expect, it } from 'vitest';
import { UserError, type Ports } from '../../src/core/ports';
import { createServer, type Server } from '../../src/core/sidebar';
import { failure, handle, UNEXPECTED } from '../../src/core/sidebar/errors';
import { eventForm, serverOn } from '../support/server';

const locked = new UserError('다른 사람이 같은 작업을 하고 있습니다.', { details: ['잠시 후 다시 시도하세요.'] });

/** A server whose workbook read and lock both throw `e`, with every hook present (and throwing `e`). */
function failing(e: unknown): Server {
  const { ports } = serverOn();
  const broken: Ports = {
    ...ports,
    workbook: {
      ...ports.workbook,
      read: () => {
        throw e;
      },
    },
    lock: {
      withLock: () => {
        throw e;
      },
    },
  };
  const boom = () => {
    throw e;
  };
  return createServer({
    ports: broken,
    actions: { report: boom },
    selectCell: boom,
    triggers: { get: boom, set: boom },
  });
}

/** Every write and action of the server, called with valid arguments. */
const writes = (s: Server) => ({
  saveEvent: () => s.saveEvent(eventForm()),
  saveSettings: () => s.saveSettings({ 기관명: '시험구청' }),
  toggleWeeklyTrigger: () => s.toggleWeeklyTrigger(true),
  importRecords: () => s.importRecords({ text: '사용일,사용금액\n2019-03-05,1000', fileName: 'card.csv' }),
  runAction: () => s.runAction('report'),
  selectIssue: () => s.selectIssue('일정', 'C5'),
});

describe('the sidebar error policy', () => {
  it('getters throw an Error with the Korean message and details, and no stack', () => {
    const s = failing(locked);
    for (const get of [() => s.getDashboard(), () => s.getEventForm(), () => s.getSettings()]) {
      let thrown: unknown;
      try {
        get();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).toBe('다른 사람이 같은 작업을 하고 있습니다.\n잠시 후 다시 시도하세요.');
      expect((thrown as Error).stack).toBeUndefined();
    }
  });

  it('every write and action answers { ok: false, message, details } for a UserError', () => {
    const s = failing(locked);
    for (const [name, call] of Object.entries(writes(s))) {
      expect(call(), name).toEqual({
        ok: false,
        message: '다른 사람이 같은 작업을 하고 있습니다.',
        details: ['잠시 후 다시 시도하세요.'],
      });
    }
  });

  it('anything else becomes one Korean sentence, in both policies, with nothing of the original', () => {
    const s = failing(new TypeError("Cannot read properties of undefined (reading 'x')"));
    for (const [name, call] of Object.entries(writes(s)))
      expect(call(), name).toEqual({ ok: false, message: UNEXPECTED });
    expect(() => s.getDashboard()).toThrow(UNEXPECTED);
    expect(failure('a string')).toEqual({ ok: false, message: UNEXPECTED });
  });

  it('a result passes through unchanged; an answer type that cannot carry the failure does not compile', () => {
    expect(handle('answer', () => ({ ok: true, message: '됨' }) as { ok: boolean; message: string })).toEqual({
      ok: true,
      message: '됨',
    });
    expect(handle('throw', () => 42)).toBe(42);
    // @ts-expect-error: { ok: true } cannot hold { ok: false, message }.
    expect(handle('answer', () => ({ ok: true as const }))).toEqual({ ok: true });
  });
});
