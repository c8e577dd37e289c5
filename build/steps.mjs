// Extra build steps (build/build.mjs runs each with { root, out, esbuild }).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** The sidebar: src/ui bundled into one JS and one CSS, inlined into dist/gas/Sidebar.html. */
async function buildSidebar({ root, out, esbuild }) {
  const js = await esbuild.build({
    entryPoints: [path.join(root, 'src/ui/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  const css = await esbuild.build({
    entryPoints: [path.join(root, 'src/ui/sidebar.css')],
    bundle: true,
    write: false,
    minify: true,
    charset: 'utf8',
    logLevel: 'warning',
  });
  const jsText = js.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  const cssText = css.outputFiles[0].text.replace(/<\/(style)/gi, '<\\/$1');
  const template = await fs.readFile(path.join(root, 'src/ui/sidebar.html'), 'utf8');
  const html = template
    .replace('<!--SIJEONG_CSS-->', () => `<style>${cssText}</style>`)
    .replace('<!--SIJEONG_JS-->', () => `<script>${jsText}</script>`);
  await fs.writeFile(out('gas', 'Sidebar.html'), html);
}

export default [buildSidebar];
