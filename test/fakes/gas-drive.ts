/**
 * DriveApp, the Drive advanced service (v3) and a minimal DocumentApp.
 *
 * Behaviour chosen:
 * - One store of files; folders are files with the folder MIME type; a root folder
 *   exists from the start.
 * - DriveApp.getFileById / getFolderById throw "No item with the given ID could be
 *   found…" for unknown or trashed ids (getFolderById also for a non-folder).
 * - Drive.Files.create(resource, blob?, optionalArgs?): with resource.mimeType
 *   'application/vnd.google-apps.document' and an HTML (or text) blob, the file becomes
 *   a Google Doc whose HTML is kept in `fake.drive.files.get(id).html` (nothing is
 *   parsed). The result has kind, id, name and mimeType, plus any field named in
 *   optionalArgs.fields (e.g. 'id,webViewLink'); unknown parents fail like the API.
 * - Drive.Files.get(id, {fields}) likewise; missing ids throw a
 *   GoogleJsonResponseException "API call to drive.files.get failed with error: File not
 *   found: <id>."
 * - Drive.Files.export(id, mimeType) returns a Blob (the typings say void; the fake gives
 *   the bytes so a test can look at them): fake PDF bytes for 'application/pdf', the
 *   stored HTML for 'text/html', its text for 'text/plain'.
 * - Drive.Files.list({q}) understands "name = '…'", "'<id>' in parents",
 *   "mimeType = '…'" and "trashed = false|true" joined with 'and'.
 * - DocumentApp.openById works on Google Docs; getBody().getText() is the stored HTML
 *   with tags removed; appendParagraph appends '<p>…</p>'.
 */

import { type GasContext, GasException } from './gas-core';
import { blobStateOf, fakePdfBytes, makeBlob } from './gas-utilities';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const DOC_MIME = 'application/vnd.google-apps.document';
export const SHEET_MIME = 'application/vnd.google-apps.spreadsheet';

export interface DriveFileState {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  bytes: Uint8Array;
  /** The HTML a Google Doc was imported from (or built from by DocumentApp). */
  html?: string;
  description: string;
  trashed: boolean;
  created: Date;
  updated: Date;
}

export interface DriveStore {
  readonly rootId: string;
  readonly files: Map<string, DriveFileState>;
  /** Files the script (the app) created: all it can reach with the drive.file scope. */
  readonly byApp: Set<string>;
  /** Files (not trashed) with this exact name. */
  byName(name: string): DriveFileState[];
  /** Adds a folder without counting; returns its id. */
  addFolder(name: string, parentId?: string): string;
  /** Adds a file without counting; returns its id. */
  addFile(name: string, content: string, mimeType?: string, parentId?: string): string;
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
export const htmlToText = (html: string): string =>
  html
    .replace(/<(br|\/p|\/h\d|\/li|\/tr|\/div)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{2,}/g, '\n')
    .trim();

export function urlOf(f: DriveFileState): string {
  if (f.mimeType === FOLDER_MIME) return `https://drive.google.com/drive/folders/${f.id}`;
  if (f.mimeType === DOC_MIME) return `https://docs.google.com/document/d/${f.id}/edit?usp=drivesdk`;
  if (f.mimeType === SHEET_MIME) return `https://docs.google.com/spreadsheets/d/${f.id}/edit?usp=drivesdk`;
  return `https://drive.google.com/file/d/${f.id}/view?usp=drivesdk`;
}

export function createDriveStore(ctx: GasContext): DriveStore {
  const files = new Map<string, DriveFileState>();
  const now = ctx.now();
  const rootId = ctx.nextId('root', 19);
  files.set(rootId, {
    id: rootId,
    name: '내 드라이브',
    mimeType: FOLDER_MIME,
    parents: [],
    bytes: new Uint8Array(),
    description: '',
    trashed: false,
    created: now,
    updated: now,
  });
  const add = (name: string, mimeType: string, bytes: Uint8Array, parentId?: string): string => {
    const id = ctx.nextId('file', 33);
    const t = ctx.now();
    files.set(id, {
      id,
      name,
      mimeType,
      parents: [parentId ?? rootId],
      bytes,
      description: '',
      trashed: false,
      created: t,
      updated: t,
    });
    return id;
  };
  return {
    rootId,
    files,
    byApp: new Set(),
    byName: (name) => [...files.values()].filter((f) => f.name === name && !f.trashed),
    addFolder: (name, parentId) => add(name, FOLDER_MIME, new Uint8Array(), parentId),
    addFile: (name, content, mimeType = 'text/plain', parentId) => add(name, mimeType, utf8(content), parentId),
  };
}

const notFound = () =>
  new GasException(
    'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.',
  );

export function makeDriveServices(ctx: GasContext, store: DriveStore) {
  const fileIds = new WeakMap<object, string>();

  const newFile = (name: string, mimeType: string, bytes: Uint8Array, parents: string[], html?: string) => {
    const id = ctx.nextId('file', 33);
    const t = ctx.now();
    const f: DriveFileState = {
      id,
      name,
      mimeType,
      parents,
      bytes,
      description: '',
      trashed: false,
      created: t,
      updated: t,
      ...(html !== undefined ? { html } : {}),
    };
    store.files.set(id, f);
    store.byApp.add(id);
    return f;
  };

  /**
   * drive.file: "Create new Drive files, or modify existing files, that you open with an app or
   * that the user shares with an app" (Drive API scopes guide). The fake's app opens nothing, so
   * with drive.file alone the Drive API sees only what the script created (and the root to create
   * in); anything else is "File not found", as the API answers for a file it may not see.
   */
  const visible = (id: string): DriveFileState | undefined => {
    const f = store.files.get(String(id));
    if (!f) return undefined;
    if (ctx.has('drive') || f.id === store.rootId || store.byApp.has(f.id)) return f;
    return undefined;
  };

  const get = (id: string): DriveFileState => {
    const f = store.files.get(String(id));
    if (!f || f.trashed) throw notFound();
    return f;
  };

  const idOf = (x: unknown, method: string): string => {
    const id = x && typeof x === 'object' ? fileIds.get(x) : undefined;
    if (!id) throw new GasException(`The parameters don't match the method signature for DriveApp.${method}.`);
    return id;
  };

  const iterator = <T>(label: string, items: T[]) => {
    let i = 0;
    return ctx.counted(label, {
      hasNext: () => i < items.length,
      next: () => {
        if (i >= items.length) throw new GasException('Cannot retrieve the next object: iterator has reached the end.');
        return items[i++] as T;
      },
      getContinuationToken: () => String(i),
    });
  };

  const blobOfFile = (f: DriveFileState) =>
    makeBlob(ctx, {
      bytes: f.html !== undefined ? utf8(f.html) : new Uint8Array(f.bytes),
      contentType: f.html !== undefined ? 'text/html' : f.mimeType,
      name: f.name,
    });

  /** createFile(blob) or createFile(name, content, mimeType?) */
  const createFileIn = (parentId: string, a: unknown, content?: string, mimeType?: string) => {
    const bs = blobStateOf(a);
    if (bs)
      return fileFacade(
        newFile(bs.name ?? 'Untitled', bs.contentType ?? 'application/octet-stream', new Uint8Array(bs.bytes), [
          parentId,
        ]),
      );
    return fileFacade(newFile(String(a), mimeType ?? 'text/plain', utf8(String(content ?? '')), [parentId]));
  };

  const fileFacade = (f: DriveFileState): object => {
    const file: object = ctx.counted('File', {
      getId: () => f.id,
      getName: () => f.name,
      setName: (n: string) => {
        f.name = String(n);
        f.updated = ctx.now();
        return file;
      },
      getUrl: () => urlOf(f),
      getMimeType: () => f.mimeType,
      getSize: () => (f.html !== undefined ? 0 : f.bytes.length),
      getDescription: () => f.description,
      setDescription: (d: string) => {
        f.description = String(d);
        return file;
      },
      getDateCreated: () => ctx.out(f.created),
      getLastUpdated: () => ctx.out(f.updated),
      getParents: () =>
        iterator(
          'FolderIterator',
          f.parents.filter((p) => store.files.has(p)).map((p) => folderFacade(get(p))),
        ),
      moveTo: (folder: unknown) => {
        const target = get(idOf(folder, 'File.moveTo'));
        f.parents = [target.id];
        return file;
      },
      getBlob: () => blobOfFile(f),
      getAs: (contentType: string) => {
        if (contentType !== 'application/pdf')
          throw new GasException(`Converting from ${f.mimeType} to ${contentType} is not supported.`);
        const src = f.html !== undefined ? f.html : text(f.bytes);
        return makeBlob(ctx, { bytes: fakePdfBytes(src), contentType, name: `${f.name}.pdf` });
      },
      makeCopy: (name?: unknown, destination?: unknown) => {
        let copyName = `${f.name}의 사본`;
        let parents = [...f.parents];
        if (typeof name === 'string') copyName = name;
        else if (name && typeof name === 'object') parents = [idOf(name, 'File.makeCopy')];
        if (destination) parents = [idOf(destination, 'File.makeCopy')];
        return fileFacade(newFile(copyName, f.mimeType, new Uint8Array(f.bytes), parents, f.html));
      },
      setContent: (content: string) => {
        f.bytes = utf8(String(content));
        f.updated = ctx.now();
        return file;
      },
      setTrashed: (t: boolean) => {
        f.trashed = !!t;
        return file;
      },
      isTrashed: () => f.trashed,
    });
    fileIds.set(file, f.id);
    return file;
  };

  const folderFacade = (f: DriveFileState): object => {
    const children = () => [...store.files.values()].filter((x) => !x.trashed && x.parents.includes(f.id));
    const folder: object = ctx.counted('Folder', {
      getId: () => f.id,
      getName: () => f.name,
      setName: (n: string) => {
        f.name = String(n);
        return folder;
      },
      getUrl: () => urlOf(f),
      getDateCreated: () => ctx.out(f.created),
      getLastUpdated: () => ctx.out(f.updated),
      getParents: () =>
        iterator(
          'FolderIterator',
          f.parents.map((p) => folderFacade(get(p))),
        ),
      createFile: (a: unknown, content?: string, mimeType?: string) => createFileIn(f.id, a, content, mimeType),
      createFolder: (name: string) => folderFacade(newFile(String(name), FOLDER_MIME, new Uint8Array(), [f.id])),
      addFile: (file: unknown) => {
        const child = get(idOf(file, 'Folder.addFile'));
        if (!child.parents.includes(f.id)) child.parents.push(f.id);
        return folder;
      },
      removeFile: (file: unknown) => {
        const child = get(idOf(file, 'Folder.removeFile'));
        child.parents = child.parents.filter((p) => p !== f.id);
        return folder;
      },
      getFiles: () =>
        iterator(
          'FileIterator',
          children()
            .filter((x) => x.mimeType !== FOLDER_MIME)
            .map(fileFacade),
        ),
      getFilesByName: (name: string) =>
        iterator(
          'FileIterator',
          children()
            .filter((x) => x.mimeType !== FOLDER_MIME && x.name === name)
            .map(fileFacade),
        ),
      getFolders: () =>
        iterator(
          'FolderIterator',
          children()
            .filter((x) => x.mimeType === FOLDER_MIME)
            .map(folderFacade),
        ),
      getFoldersByName: (name: string) =>
        iterator(
          'FolderIterator',
          children()
            .filter((x) => x.mimeType === FOLDER_MIME && x.name === name)
            .map(folderFacade),
        ),
      setTrashed: (t: boolean) => {
        f.trashed = !!t;
        return folder;
      },
      isTrashed: () => f.trashed,
    });
    fileIds.set(folder, f.id);
    return folder;
  };

  const DriveApp = ctx.counted('DriveApp', {
    getFileById: (id: string) => {
      const f = get(id);
      return fileFacade(f);
    },
    getFolderById: (id: string) => {
      const f = get(id);
      if (f.mimeType !== FOLDER_MIME) throw notFound();
      return folderFacade(f);
    },
    getRootFolder: () => folderFacade(get(store.rootId)),
    createFile: (a: unknown, content?: string, mimeType?: string) => createFileIn(store.rootId, a, content, mimeType),
    createFolder: (name: string) => folderFacade(newFile(String(name), FOLDER_MIME, new Uint8Array(), [store.rootId])),
    getFilesByName: (name: string) =>
      iterator(
        'FileIterator',
        store
          .byName(String(name))
          .filter((f) => f.mimeType !== FOLDER_MIME)
          .map(fileFacade),
      ),
    getFoldersByName: (name: string) =>
      iterator(
        'FolderIterator',
        store
          .byName(String(name))
          .filter((f) => f.mimeType === FOLDER_MIME)
          .map(folderFacade),
      ),
  });

  // ---------------------------------------------------------------- Drive (advanced, v3)

  const apiError = (method: string, msg: string) =>
    new GasException(`API call to drive.files.${method} failed with error: ${msg}`, 'GoogleJsonResponseException');

  const resource = (f: DriveFileState, fields?: unknown): Record<string, unknown> => {
    const full: Record<string, unknown> = {
      kind: 'drive#file',
      id: f.id,
      name: f.name,
      mimeType: f.mimeType,
      parents: [...f.parents],
      webViewLink: urlOf(f),
      createdTime: f.created.toISOString(),
      modifiedTime: f.updated.toISOString(),
      trashed: f.trashed,
      description: f.description,
      ...(f.html === undefined && f.mimeType !== FOLDER_MIME ? { size: String(f.bytes.length) } : {}),
    };
    if (typeof fields !== 'string' || fields.trim() === '')
      return { kind: full.kind, id: full.id, name: full.name, mimeType: full.mimeType };
    if (fields.trim() === '*') return full;
    const out: Record<string, unknown> = {};
    for (const name of fields
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (name in full) out[name] = full[name];
    }
    return out;
  };

  /** Google Docs conversion: HTML is kept as is, text is wrapped as paragraphs. */
  const importContent = (target: string, media: unknown): { bytes: Uint8Array; html?: string; mime: string } => {
    const bs = blobStateOf(media);
    if (!bs) return { bytes: new Uint8Array(), mime: target };
    const srcType = bs.contentType ?? 'application/octet-stream';
    if (target === DOC_MIME) {
      const body = text(bs.bytes);
      if (srcType.startsWith('text/html')) return { bytes: new Uint8Array(), html: body, mime: DOC_MIME };
      if (srcType.startsWith('text/plain'))
        return {
          bytes: new Uint8Array(),
          html: body
            .split('\n')
            .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
            .join(''),
          mime: DOC_MIME,
        };
      // e.g. .docx: the fake keeps the bytes; there is no HTML to show.
      return { bytes: new Uint8Array(bs.bytes), mime: DOC_MIME };
    }
    return { bytes: new Uint8Array(bs.bytes), mime: target || srcType };
  };

  const parseQuery = (q: string): ((f: DriveFileState) => boolean) => {
    const tests: ((f: DriveFileState) => boolean)[] = [];
    for (const raw of q.split(/\s+and\s+/i)) {
      const term = raw.trim();
      let m: RegExpExecArray | null;
      if ((m = /^name\s*=\s*'((?:\\'|[^'])*)'$/.exec(term))) {
        const name = (m[1] ?? '').replace(/\\'/g, "'");
        tests.push((f) => f.name === name);
      } else if ((m = /^'([^']+)'\s+in\s+parents$/.exec(term))) {
        const p = m[1] ?? '';
        tests.push((f) => f.parents.includes(p === 'root' ? store.rootId : p));
      } else if ((m = /^mimeType\s*=\s*'([^']+)'$/.exec(term))) {
        const mt = m[1];
        tests.push((f) => f.mimeType === mt);
      } else if ((m = /^trashed\s*=\s*(true|false)$/.exec(term))) {
        const t = m[1] === 'true';
        tests.push((f) => f.trashed === t);
      } else throw apiError('list', `Invalid Value (fake supports name, parents, mimeType, trashed): ${term}`);
    }
    return (f) => tests.every((t) => t(f));
  };

  const Files = ctx.counted('Drive.Files', {
    create: (res: Record<string, unknown>, mediaData?: unknown, optionalArgs?: Record<string, unknown>) => {
      const r = res ?? {};
      const parents = Array.isArray(r.parents) ? (r.parents as unknown[]).map(String) : [store.rootId];
      for (const p of parents) {
        const pf = visible(p === 'root' ? store.rootId : p);
        if (!pf || pf.trashed) throw apiError('create', `File not found: ${p}.`);
      }
      const bs = blobStateOf(mediaData);
      const target = typeof r.mimeType === 'string' ? r.mimeType : (bs?.contentType ?? 'application/octet-stream');
      const content = importContent(target, mediaData);
      const name = typeof r.name === 'string' ? r.name : (bs?.name ?? 'Untitled');
      const f = newFile(
        name,
        content.mime,
        content.bytes,
        parents.map((p) => (p === 'root' ? store.rootId : p)),
        content.html,
      );
      if (typeof r.description === 'string') f.description = r.description;
      return resource(f, optionalArgs?.fields);
    },
    get: (fileId: string, optionalArgs?: Record<string, unknown>) => {
      const f = visible(String(fileId));
      if (!f) throw apiError('get', `File not found: ${fileId}.`);
      return resource(f, optionalArgs?.fields);
    },
    update: (
      res: Record<string, unknown>,
      fileId: string,
      mediaData?: unknown,
      optionalArgs?: Record<string, unknown>,
    ) => {
      const f = visible(String(fileId));
      if (!f) throw apiError('update', `File not found: ${fileId}.`);
      const r = res ?? {};
      if (typeof r.name === 'string') f.name = r.name;
      if (typeof r.description === 'string') f.description = r.description;
      if (typeof r.trashed === 'boolean') f.trashed = r.trashed;
      if (mediaData !== undefined && mediaData !== null) {
        const content = importContent(f.mimeType, mediaData);
        f.bytes = content.bytes;
        if (content.html !== undefined) f.html = content.html;
        else delete f.html;
      }
      const add = typeof optionalArgs?.addParents === 'string' ? optionalArgs.addParents.split(',') : [];
      const remove = typeof optionalArgs?.removeParents === 'string' ? optionalArgs.removeParents.split(',') : [];
      f.parents = [...f.parents.filter((p) => !remove.includes(p)), ...add.filter((p) => !f.parents.includes(p))];
      f.updated = ctx.now();
      return resource(f, optionalArgs?.fields);
    },
    copy: (res: Record<string, unknown>, fileId: string, optionalArgs?: Record<string, unknown>) => {
      const f = visible(String(fileId));
      if (!f) throw apiError('copy', `File not found: ${fileId}.`);
      const r = res ?? {};
      const copy = newFile(
        typeof r.name === 'string' ? r.name : `${f.name}의 사본`,
        f.mimeType,
        new Uint8Array(f.bytes),
        Array.isArray(r.parents) ? (r.parents as unknown[]).map(String) : [...f.parents],
        f.html,
      );
      return resource(copy, optionalArgs?.fields);
    },
    list: (optionalArgs?: Record<string, unknown>) => {
      const q = typeof optionalArgs?.q === 'string' ? optionalArgs.q : '';
      const match = q ? parseQuery(q) : (f: DriveFileState) => !f.trashed;
      const all = [...store.files.values()].filter((f) => f.id !== store.rootId && visible(f.id) && match(f));
      const pageSize = typeof optionalArgs?.pageSize === 'number' ? optionalArgs.pageSize : 100;
      const fieldsArg = typeof optionalArgs?.fields === 'string' ? optionalArgs.fields : '';
      const inner = /files\(([^)]*)\)/.exec(fieldsArg)?.[1];
      return { kind: 'drive#fileList', files: all.slice(0, pageSize).map((f) => resource(f, inner)) };
    },
    remove: (fileId: string) => {
      if (!visible(String(fileId)) || !store.files.delete(String(fileId)))
        throw apiError('delete', `File not found: ${fileId}.`);
    },
    export: (fileId: string, mimeType: string) => {
      const f = visible(String(fileId));
      if (!f) throw apiError('export', `File not found: ${fileId}.`);
      const html = f.html ?? text(f.bytes);
      if (mimeType === 'application/pdf')
        return makeBlob(ctx, { bytes: fakePdfBytes(html), contentType: mimeType, name: `${f.name}.pdf` });
      if (mimeType === 'text/html')
        return makeBlob(ctx, { bytes: utf8(html), contentType: mimeType, name: `${f.name}.html` });
      if (mimeType === 'text/plain')
        return makeBlob(ctx, { bytes: utf8(htmlToText(html)), contentType: mimeType, name: `${f.name}.txt` });
      throw apiError('export', `Export only supports Docs Editors files (fake: pdf, html, text): ${mimeType}`);
    },
  });

  const Drive = { Files };

  // ---------------------------------------------------------------- DocumentApp (minimal)

  const ParagraphHeading = Object.freeze(
    Object.fromEntries(['NORMAL', 'HEADING1', 'HEADING2', 'HEADING3', 'TITLE', 'SUBTITLE'].map((n) => [n, n])),
  );

  const docFacade = (f: DriveFileState) => {
    const body = ctx.counted('Body', {
      getText: () => htmlToText(f.html ?? ''),
      setText: (t: string) => {
        f.html = `<p>${String(t)}</p>`;
        return body;
      },
      appendParagraph: (t: string) => {
        const esc = String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;');
        f.html = `${f.html ?? ''}<p>${esc}</p>`;
        const p = ctx.counted('Paragraph', {
          getText: () => String(t),
          setHeading: (_h: unknown) => p,
        });
        return p;
      },
      clear: () => {
        f.html = '';
        return body;
      },
    });
    return ctx.counted('Document', {
      getId: () => f.id,
      getName: () => f.name,
      setName: (n: string) => {
        f.name = String(n);
      },
      getUrl: () => urlOf(f),
      getBody: () => body,
      saveAndClose: () => undefined,
    });
  };

  const DocumentApp = ctx.counted('DocumentApp', {
    ParagraphHeading,
    openById: (id: string) => {
      const f = get(id);
      if (f.mimeType !== DOC_MIME)
        throw new GasException("Document is missing (perhaps it was deleted, or you don't have read access?)");
      return docFacade(f);
    },
    create: (name: string) => docFacade(newFile(String(name), DOC_MIME, new Uint8Array(), [store.rootId], '')),
  });

  return { DriveApp, Drive, DocumentApp };
}
