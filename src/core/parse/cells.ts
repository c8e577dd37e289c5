/** Cell schemas the sheet parsers share. */
import { isError, toEnum, toInteger, type Coerced } from '../coerce';
import { cell } from '../table';

export const nonNegative =
  (fn: (v: unknown) => Coerced<number>, what: string) =>
  (v: unknown): Coerced<number> => {
    const r = fn(v);
    if (isError(r)) return r;
    return r < 0 ? { error: `${what}은(는) 0 이상이어야 합니다 (입력값: ${r})` } : r;
  };

export const enumOf =
  <T extends string>(options: readonly T[]) =>
  (v: unknown) =>
    toEnum(v, options);

export const levelCell = (max: number) =>
  cell((v) => {
    const r = toInteger(v);
    if (isError(r)) return r;
    return r < 0 || r > max ? { error: `수준은 0부터 ${max}까지의 정수입니다 (입력값: ${r})` } : r;
  });
