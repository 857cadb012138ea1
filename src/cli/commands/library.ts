/** `arbor library`: list, show, history, export and import the persistent library. */
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError, type Command } from '../command.ts';
import { entryList, LibraryError, type HistoryRecord, type LibraryEntry } from '../../library/library.ts';
import { StoreError, type Store } from '../../library/store.ts';
import { entryToJson, LibraryFormatError, libraryToJson, parseLibraryJson, sameEntry } from '../../store/library-json.ts';
import { librarySpec, openStore } from '../../store/open.ts';

const USAGE = `usage: arbor library list | show NAME | history | export FILE | import FILE [--library PATH|URL] [--json]

  list           entries with kind, arity, weight and type
  show NAME      one entry in full: body, provenance, neural module
  history        every committed change, oldest first
  export FILE    writes the library as JSON ({format: 'arbor-library', version: 1, entries}); FILE '-' is stdout
  import FILE    adds the file's new entries and updates changed ones, in one change

options:
  --library PATH|URL   a SQLite file or a postgres:// URL (default $ARBOR_LIBRARY or ./.arbor/library.db)
  --json               machine-readable output`;

interface Args {
  readonly sub: string;
  readonly operand?: string;
  readonly library?: string;
  readonly json: boolean;
}

const OPERAND: Record<string, string | null> = { list: null, show: 'NAME', history: null, export: 'FILE', import: 'FILE' };

/** Parses `--library X`, `--library=X`, `--json` and positionals; throws UsageError naming the problem. */
export function parseLibraryArgs(argv: readonly string[]): Args {
  const pos: string[] = [];
  let library: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--library') {
      const v = argv[++i];
      if (v === undefined || v === '') throw new UsageError('--library needs a path or postgres:// URL');
      library = v;
    } else if (a.startsWith('--library=')) {
      library = a.slice('--library='.length);
      if (!library) throw new UsageError('--library needs a path or postgres:// URL');
    } else if (a.startsWith('--') && a !== '-') throw new UsageError(`unknown option '${a}' (see arbor library --help)`);
    else pos.push(a);
  }
  const [sub, ...rest] = pos;
  if (!sub) throw new UsageError('missing sub-command: list, show, history, export or import');
  if (!(sub in OPERAND)) throw new UsageError(`unknown sub-command '${sub}' (expected list, show, history, export or import)`);
  const want = OPERAND[sub];
  if (want && rest.length === 0) throw new UsageError(`${sub} needs ${want}`);
  if (rest.length > (want ? 1 : 0)) throw new UsageError(`unexpected argument '${rest[want ? 1 : 0]}'`);
  return { sub, json, ...(rest[0] !== undefined ? { operand: rest[0] } : {}), ...(library !== undefined ? { library } : {}) };
}

/** Opens the `--library` store, turning a bad path or URL into a one-line usage error. */
export async function openLibraryFlag(flag?: string, create = true): Promise<Store> {
  try {
    return await openStore(librarySpec(flag), { create });
  } catch (e) {
    if (e instanceof StoreError) throw new UsageError(e.message);
    throw e;
  }
}

const fmtWeight = (w: number) => (w === -Infinity ? '-inf' : w.toFixed(3));
const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((x, c) => (c === r.length - 1 ? x : x.padEnd(widths[c]!))).join('  ')).join('\n');
}

function showEntry(e: LibraryEntry, version: number): string {
  const lines = [
    `${e.name}  (${e.kind}, library version ${version})`,
    `  type      ${e.type}`,
    `  arity     ${e.arity}`,
    `  weight    ${fmtWeight(e.weight)}`,
  ];
  if (e.body !== undefined) lines.push(`  body      ${e.body}`);
  lines.push(`  source    ${e.provenance.source}, ${e.provenance.createdAt}`);
  lines.push(`  tasks     ${e.provenance.tasks.length ? e.provenance.tasks.join(', ') : '(none)'}`);
  if (e.provenance.programs.length) {
    lines.push(`  programs  ${e.provenance.programs.length}`);
    for (const p of e.provenance.programs.slice(0, 10)) lines.push(`    ${p}`);
    if (e.provenance.programs.length > 10) lines.push(`    … ${e.provenance.programs.length - 10} more`);
  }
  if (e.neural) lines.push(`  neural    ${e.neural.format}, ${e.neural.weights.byteLength} weight bytes, model JSON ${e.neural.modelJson.length} chars`);
  return lines.join('\n');
}

const historyLine = (h: HistoryRecord) =>
  [`v${h.version}`, h.time, h.operation, `+${h.added.length} ~${h.updated.length} -${h.removed.length}`, h.note];

async function run(argv: readonly string[]): Promise<number> {
  const args = parseLibraryArgs(argv);
  // read the import file before touching the library, so a bad file changes nothing
  let imported: LibraryEntry[] | undefined;
  if (args.sub === 'import') {
    let text: string;
    try {
      text = readFileSync(args.operand === '-' ? 0 : args.operand!, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${args.operand}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      imported = parseLibraryJson(text, args.operand!);
    } catch (e) {
      if (e instanceof LibraryFormatError) throw new UsageError(e.message);
      throw e;
    }
  }
  const store = await openLibraryFlag(args.library, args.sub === 'import'); // reading never creates a library
  try {
    switch (args.sub) {
      case 'list': {
        const lib = await store.load();
        const entries = entryList(lib);
        if (args.json) {
          out(JSON.stringify({ library: store.location, version: lib.version, entries: entries.map((e) => ({ name: e.name, kind: e.kind, type: e.type, arity: e.arity, weight: e.weight === -Infinity ? '-Infinity' : e.weight })) }));
          return 0;
        }
        out(`library ${store.location}, version ${lib.version}, ${entries.length} entries`);
        if (entries.length) out(table([['NAME', 'KIND', 'ARITY', 'WEIGHT', 'TYPE'], ...entries.map((e) => [e.name, e.kind, String(e.arity), fmtWeight(e.weight), e.type])]));
        return 0;
      }
      case 'show': {
        const lib = await store.load();
        const e = lib.entries.get(args.operand!);
        if (!e) throw new UsageError(`no entry '${args.operand}' in library ${store.location}`);
        if (args.json) { out(JSON.stringify(entryToJson(e))); return 0; }
        const last = (await store.history()).filter((h) => h.added.includes(e.name) || h.updated.includes(e.name)).pop();
        out(showEntry(e, lib.version) + (last ? `\n  changed   version ${last.version} by ${last.operation}${last.note ? ` (${last.note})` : ''}, ${last.time}` : ''));
        return 0;
      }
      case 'history': {
        const hist = await store.history();
        if (args.json) { out(JSON.stringify(hist)); return 0; }
        if (!hist.length) { out(`library ${store.location} has no history yet`); return 0; }
        out(table([['VERSION', 'TIME', 'OPERATION', 'CHANGES', 'NOTE'], ...hist.map(historyLine)]));
        return 0;
      }
      case 'export': {
        const lib = await store.load();
        const doc = `${JSON.stringify(libraryToJson(lib), null, 2)}\n`;
        if (args.operand === '-') { process.stdout.write(doc); return 0; }
        try {
          writeFileSync(args.operand!, doc);
        } catch (e) {
          throw new UsageError(`cannot write ${args.operand}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        const summary = { file: args.operand, version: lib.version, entries: lib.entries.size };
        out(args.json ? JSON.stringify(summary) : `exported ${lib.entries.size} entries (library version ${lib.version}) to ${args.operand}`);
        return 0;
      }
      case 'import': {
        const lib = await store.load();
        const add = imported!.filter((e) => !lib.entries.has(e.name));
        const update = imported!.filter((e) => lib.entries.has(e.name) && !sameEntry(e, lib.entries.get(e.name)!));
        const unchanged = imported!.length - add.length - update.length;
        let version = lib.version;
        if (add.length || update.length) {
          try {
            // expectVersion: if another writer changed an entry since we compared, refuse rather than overwrite it
            version = await store.apply({ add, update, operation: 'import', note: `import ${args.operand}`, expectVersion: lib.version });
          } catch (e) {
            if (e instanceof LibraryError) throw new UsageError(`${args.operand}: ${e.message}${e.reason === 'conflict' ? '; run the import again' : ''}`);
            throw e;
          }
        }
        const summary = { file: args.operand, added: add.length, updated: update.length, unchanged, version };
        out(args.json ? JSON.stringify(summary)
          : `imported ${args.operand}: ${add.length} added, ${update.length} updated, ${unchanged} unchanged; library ${store.location} at version ${version}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown sub-command '${args.sub}'`);
    }
  } catch (e) {
    // the store failed after opening (lost server, lock held too long): one line, not an internal error
    if (e instanceof StoreError) { console.error(`arbor library: ${e.message}`); return 1; }
    throw e;
  } finally {
    await store.close();
  }
}

export const command: Command = {
  name: 'library',
  summary: 'list, show, history, export or import the persistent library',
  usage: USAGE,
  run,
};
