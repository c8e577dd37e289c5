// The Apps Script manifests, from one list: appsscript.json (the bound script's, as documented)
// and the add-on's, derived from it. The add-on asks for `drive.file` instead of `drive`: a
// restricted scope makes a public Marketplace listing need a yearly security assessment, and
// the add-on only writes files it creates (reports go to a folder of its own).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const SCOPE = 'https://www.googleapis.com/auth/';

/** Scopes the add-on asks for instead of the bound script's (full URL → full URL). */
export const ADDON_SCOPE_CHANGES = { [`${SCOPE}drive`]: `${SCOPE}drive.file` };

/** The bound script's manifest (appsscript.json at the project root). */
export async function boundManifest(root) {
  return JSON.parse(await fs.readFile(path.join(root, 'appsscript.json'), 'utf8'));
}

/** The add-on's manifest: the bound one with the scope changes above, nothing else. */
export function addonManifest(bound) {
  const scopes = bound.oauthScopes.map((s) => ADDON_SCOPE_CHANGES[s] ?? s);
  return { ...bound, oauthScopes: [...new Set(scopes)] };
}

export async function writeManifests(root, out) {
  const bound = await boundManifest(root);
  await fs.writeFile(out('gas', 'appsscript.json'), `${JSON.stringify(bound, null, 2)}\n`);
  await fs.writeFile(out('addon', 'appsscript.json'), `${JSON.stringify(addonManifest(bound), null, 2)}\n`);
}
