// Builds the Apps Script bundle (dist/gas: Code.js, appsscript.json, HTML files) and the
// Node CLI (dist/node). Plain esbuild: a metafile pass finds the entry's exports, then an IIFE
// build plus one top-level forwarding function per export, as Apps Script needs.
import * as esbuild from 'esbuild';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = (...p) => path.join(root, 'dist', ...p);
const GLOBAL = 'SijeongDesk';

/** Extra steps that features register (e.g. the sidebar HTML); each gets { root, out, esbuild }. */
const steps = [];
try {
  const mod = await import('./steps.mjs');
  steps.push(...(mod.default ?? []));
} catch (e) {
  if (e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
}

async function exportsOf(entry) {
  const r = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = Object.values(r.metafile.outputs);
  return outputs.flatMap((o) => o.exports ?? []);
}

async function buildGas() {
  const entry = path.join(root, 'src/gas/main.ts');
  const names = (await exportsOf(entry)).filter((n) => n !== 'default').sort();
  const stubs = names.map((n) => `function ${n}() { return ${GLOBAL}.${n}.apply(this, arguments); }`).join('\n');
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    outfile: out('gas', 'Code.js'),
    format: 'iife',
    globalName: GLOBAL,
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['module', 'main'],
    legalComments: 'none',
    charset: 'utf8',
    footer: { js: `\n// Apps Script entry points\n${stubs}\n` },
    logLevel: 'warning',
  });
  await fs.copyFile(path.join(root, 'appsscript.json'), out('gas', 'appsscript.json'));
  return names;
}

async function buildNode() {
  const entries = { cli: 'src/node/cli.ts', bench: 'bench/bench.ts' };
  for (const [name, file] of Object.entries(entries)) {
    await esbuild.build({
      entryPoints: [path.join(root, file)],
      bundle: true,
      outfile: out('node', `${name}.cjs`),
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      charset: 'utf8',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
  }
}

await fs.mkdir(out('gas'), { recursive: true });
await fs.mkdir(out('node'), { recursive: true });
for (const step of steps) await step({ root, out, esbuild });
const names = await buildGas();
await buildNode();
if (!process.env.SIJEONG_QUIET_BUILD) {
  console.log(`build: dist/gas/Code.js (${names.length} entry points), dist/node/cli.cjs`);
}
