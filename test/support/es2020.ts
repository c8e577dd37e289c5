/**
 * ES2020 as the only language the Apps Script bundle may rely on. The project keeps the bundle
 * inside ES2020 (Apps Script's V8 is not Node's), so the bundle tests run in a `node:vm` context
 * whose own intrinsics lose every built-in added in ES2021 and later, and a static check reads the
 * built Code.js for uses of them (test/gas/es2020.test.ts).
 */
import ts from 'typescript';

/** Built-ins added after ES2020, as paths from the global object ('Array.prototype.at'). */
const POST_ES2020_BUILTINS: readonly string[] = [
  // ES2021
  'String.prototype.replaceAll',
  'Promise.any',
  'AggregateError',
  'WeakRef',
  'FinalizationRegistry',
  // ES2022
  'Array.prototype.at',
  'String.prototype.at',
  'TypedArray.prototype.at',
  'Object.hasOwn',
  // ES2023
  'Array.prototype.findLast',
  'Array.prototype.findLastIndex',
  'Array.prototype.toSorted',
  'Array.prototype.toReversed',
  'Array.prototype.toSpliced',
  'Array.prototype.with',
  'TypedArray.prototype.findLast',
  'TypedArray.prototype.findLastIndex',
  'TypedArray.prototype.toSorted',
  'TypedArray.prototype.toReversed',
  'TypedArray.prototype.with',
  // ES2024
  'Object.groupBy',
  'Map.groupBy',
  'Promise.withResolvers',
  'String.prototype.isWellFormed',
  'String.prototype.toWellFormed',
  'ArrayBuffer.prototype.resize',
  'ArrayBuffer.prototype.transfer',
  'ArrayBuffer.prototype.transferToFixedLength',
  'Atomics.waitAsync',
  // ES2025 and later (where the running Node has them)
  'Set.prototype.union',
  'Set.prototype.intersection',
  'Set.prototype.difference',
  'Set.prototype.symmetricDifference',
  'Set.prototype.isSubsetOf',
  'Set.prototype.isSupersetOf',
  'Set.prototype.isDisjointFrom',
  'Iterator',
  'Promise.try',
  'RegExp.escape',
  'Float16Array',
  'Math.f16round',
  'Math.sumPrecise',
  'Array.fromAsync',
  'Error.isError',
  'Uint8Array.fromBase64',
  'Uint8Array.fromHex',
  'Uint8Array.prototype.toBase64',
  'Uint8Array.prototype.toHex',
  'Uint8Array.prototype.setFromBase64',
  'Uint8Array.prototype.setFromHex',
  // Not ECMAScript at all, but present in Node's contexts only through the host.
  'structuredClone',
];

/**
 * Script run inside a fresh context before the bundle: deletes the built-ins above from the
 * context's own intrinsics, and makes `new Error(message, { cause })` (ES2022) throw.
 */
export const STRIP_POST_ES2020 = `(() => {
  const paths = ${JSON.stringify(POST_ES2020_BUILTINS)};
  const TypedArray = Object.getPrototypeOf(Int8Array);
  const removed = [];
  for (const path of paths) {
    const parts = path.split('.');
    let owner = parts[0] === 'TypedArray' ? TypedArray : globalThis[parts[0]];
    if (parts.length === 1) owner = globalThis;
    for (const p of parts.slice(1, -1)) owner = owner == null ? owner : owner[p];
    const name = parts.length === 1 ? parts[0] : parts[parts.length - 1];
    if (owner != null && Object.prototype.hasOwnProperty.call(owner, name)) {
      delete owner[name];
      if (Object.prototype.hasOwnProperty.call(owner, name)) throw new Error('could not delete ' + path);
      removed.push(path);
    }
  }
  const NativeError = Error;
  const noCause = (args) => {
    if (args.length > 1 && args[1] !== null && typeof args[1] === 'object' && 'cause' in args[1])
      throw new TypeError('ES2022: new Error(message, { cause }) is not available in ES2020');
    return args.slice(0, 1);
  };
  globalThis.Error = new Proxy(NativeError, {
    construct: (target, args, newTarget) => Reflect.construct(target, noCause(args), newTarget),
    apply: (target, self, args) => Reflect.apply(target, self, noCause(args)),
  });
  return removed;
})()`;

/** Methods added after ES2020 whose names no library here uses for a method of its own. */
const METHODS = new Set([
  'at',
  'findLast',
  'findLastIndex',
  'toSorted',
  'toReversed',
  'toSpliced',
  'replaceAll',
  'isWellFormed',
  'toWellFormed',
]);
/** Static members added after ES2020, as Owner.member. */
const STATICS = new Set([
  'Object.hasOwn',
  'Object.groupBy',
  'Map.groupBy',
  'Promise.any',
  'Promise.withResolvers',
  'Promise.try',
  'Array.fromAsync',
  'RegExp.escape',
  'Math.f16round',
  'Math.sumPrecise',
  'Error.isError',
]);
const GLOBALS = new Set([
  'structuredClone',
  'WeakRef',
  'FinalizationRegistry',
  'AggregateError',
  'Iterator',
  'Float16Array',
]);

const NATIVE_ERRORS = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'URIError',
]);

/** Uses of post-ES2020 built-ins and syntax in a script, as 'line: what'. */
export function post2020Uses(source: string, file = 'Code.js'): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const at = (n: ts.Node, what: string) =>
    found.push(`${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${what}`);
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n)) {
      const name = n.name.text;
      if (METHODS.has(name) && ts.isCallExpression(n.parent) && n.parent.expression === n) at(n, `.${name}()`);
      if (ts.isIdentifier(n.expression) && STATICS.has(`${n.expression.text}.${name}`))
        at(n, `${n.expression.text}.${name}`);
    }
    if (ts.isIdentifier(n) && GLOBALS.has(n.text) && !ts.isPropertyAccessExpression(n.parent)) at(n, n.text);
    if (ts.isRegularExpressionLiteral(n)) {
      const flags = n.text.slice(n.text.lastIndexOf('/') + 1);
      if (/[dv]/.test(flags)) at(n, `regular expression flag ${flags}`);
    }
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (
        op === ts.SyntaxKind.QuestionQuestionEqualsToken ||
        op === ts.SyntaxKind.BarBarEqualsToken ||
        op === ts.SyntaxKind.AmpersandAmpersandEqualsToken
      )
        at(n, 'logical assignment');
    }
    if (ts.isNumericLiteral(n) && n.getText(sf).includes('_')) at(n, 'numeric separator');
    if (ts.isPrivateIdentifier(n)) at(n, 'private class member');
    if (ts.isClassStaticBlockDeclaration(n)) at(n, 'class static block');
    if (ts.isPropertyDeclaration(n)) at(n, 'class field');
    if (
      ts.isNewExpression(n) &&
      ts.isIdentifier(n.expression) &&
      NATIVE_ERRORS.has(n.expression.text) &&
      (n.arguments?.length ?? 0) > 1
    )
      at(n, `new ${n.expression.text}(message, options)`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}
