// Builds the Apps Script bundles — dist/gas (the script bound to a spreadsheet) and dist/addon
// (the editor add-on for the Marketplace), each with Code.js, appsscript.json and the HTML files —
// and the Node CLI (dist/node). Plain esbuild: a metafile pass finds the entry's exports, then an
// IIFE build plus one top-level forwarding function per export, as Apps Script needs.
import * as esbuild from 'esbuild';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeManifests } from './manifest.mjs';

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

/** One Apps Script bundle: `entry` (src/gas/main.ts or addon.ts) → dist/<dir>/Code.js. */
async function buildGas(entry, dir) {
  const names = (await exportsOf(entry)).filter((n) => n !== 'default').sort();
  const stubs = names.map((n) => `function ${n}() { return ${GLOBAL}.${n}.apply(this, arguments); }`).join('\n');
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    outfile: out(dir, 'Code.js'),
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

for (const dir of ['gas', 'addon', 'node']) await fs.mkdir(out(dir), { recursive: true });
for (const step of steps) await step({ root, out, esbuild });
const names = await buildGas(path.join(root, 'src/gas/main.ts'), 'gas');
const addonNames = await buildGas(path.join(root, 'src/gas/addon.ts'), 'addon');
if (addonNames.join() !== names.join()) throw new Error('build: the add-on must export the same entry points');
await writeManifests(root, out);
// The add-on serves the same HTML files.
for (const f of await fs.readdir(out('gas'))) {
  if (f.endsWith('.html')) await fs.copyFile(out('gas', f), out('addon', f));
}
await buildNode();
if (!process.env.SIJEONG_QUIET_BUILD) {
  console.log(`build: dist/gas/Code.js and dist/addon/Code.js (${names.length} entry points), dist/node/cli.cjs`);
}
