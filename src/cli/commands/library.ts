/** `arbor library`: list, show, history, export and import the persistent library. */
import { asUsage, UsageError } from '../command.ts';
import { readText, writeText } from '../files.ts';
import { defineCommand } from '../flags.ts';
import { openLibraryFlag } from '../library-flag.ts';
import { table } from '../table.ts';
import { entryList, LibraryError, type HistoryRecord, type LibraryEntry } from '../../library/library.ts';
import { StoreError } from '../../library/store.ts';
import { entryToJson, LibraryFormatError, libraryToJson, parseLibraryJson, sameEntry } from '../../store/library-json.ts';

const OPERAND: Record<string, string | null> = { list: null, show: 'NAME', history: null, export: 'FILE', import: 'FILE' };

const cli = {
  name: 'library',
  summary: 'list, show, history, export or import the persistent library',
  synopsis: 'list | show NAME | history | export FILE | import FILE',
  args: [
    { name: 'sub-command', about: 'list, show, history, export or import' },
    { name: 'NAME or FILE', about: 'what the sub-command works on', optional: true },
  ],
  flags: {
    library: { type: 'string', meta: 'PATH|URL', help: 'a SQLite file or a postgres:// URL (default $ARBOR_LIBRARY or ./.arbor/library.db)' },
    json: { type: 'boolean', help: 'machine-readable output' },
  },
  about: `  list           entries with kind, arity, weight and type
  show NAME      one entry in full: body, provenance, neural module
  history        every committed change, oldest first
  export FILE    writes the library as JSON ({format: 'arbor-library', version: 1, entries}); FILE '-' is stdout
  import FILE    adds the file's new entries and updates changed ones, in one change`,
} as const;

const fmtWeight = (w: number) => (w === -Infinity ? '-inf' : w.toFixed(3));
const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

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

export const command = defineCommand(cli, async ({ positional: [sub, operand], flags }) => {
  if (!Object.hasOwn(OPERAND, sub!)) throw new UsageError(`unknown sub-command '${sub}' (expected list, show, history, export or import)`);
  if (OPERAND[sub!] && operand === undefined) throw new UsageError(`${sub} needs ${OPERAND[sub!]}`);
  if (!OPERAND[sub!] && operand !== undefined) throw new UsageError(`unexpected argument '${operand}' (see arbor library --help)`);
  const args = { sub: sub!, operand, ...flags };
  // read the import file before touching the library, so a bad file changes nothing
  let imported: LibraryEntry[] | undefined;
  if (args.sub === 'import') {
    const text = readText(args.operand!);
    imported = asUsage(LibraryFormatError, () => parseLibraryJson(text, args.operand!));
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
        writeText(args.operand!, doc);
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
});
