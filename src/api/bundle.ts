/**
 * Synchronous ES-module bundling with esbuild, for `export`. A bundle starts from an entry (source text) and may
 * extend modules with more exports (`extend`): a primitive's impl is appended to a copy of the module that defines
 * it, so that it sees that module's scope (file-local helpers, imports), and tree shaking keeps only what the
 * entry reaches. esbuild's plugins (needed to extend modules) run only in its asynchronous API, so the build runs in
 * a worker thread while the caller waits on a shared flag — the way esbuild's own buildSync works.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export interface BundleRequest {
  /** The entry module's source (JavaScript). */
  readonly entry: string;
  /** Directory the entry's relative imports resolve from; also where bundle comments' paths are relative to. */
  readonly root: string;
  /** Declarations appended to modules of the bundle, by the module's absolute path. */
  readonly extend: Readonly<Record<string, readonly Addition[]>>;
  /** Modules (absolute paths) left out of the bundle and imported from where they are. */
  readonly external?: readonly string[];
  /** Output module format (default 'esm'; 'cjs' imports external modules through `require`). */
  readonly format?: 'esm' | 'cjs';
}

/**
 * `const <local> = <source>; export { <local> as <name> }` appended to a module: `local` is renamed when the
 * module already uses it; `comment` becomes a comment kept above the declaration. When `binding` names a function
 * the module declares or imports at top level, that binding is used instead of `source` (the function then keeps
 * its own module's scope, wherever it was defined).
 */
export interface Addition {
  readonly name: string;
  readonly local: string;
  readonly source: string;
  readonly binding?: string;
  readonly comment?: string;
}

/**
 * The worker's code (it runs from its source text, so it uses nothing from this module's scope): esbuild.build
 * with a plugin that appends the requested declarations to the modules named in `extend`.
 */
function workerMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const req = (globalThis as unknown as { require: (m: string) => any }).require;
  const { parentPort, workerData } = req('node:worker_threads');
  const { dirname } = req('node:path');
  const esbuild = req(workerData.esbuild);
  const flag: Int32Array = workerData.flag;
  const port = workerData.port;
  const transformed = new Map<string, string>();
  const moduleText = async (path: string): Promise<string> => {
    let t = transformed.get(path);
    if (t === undefined) {
      const r = await esbuild.build({ entryPoints: [path], bundle: false, write: false, format: 'esm', logLevel: 'silent' });
      t = r.outputFiles[0].text as string;
      transformed.set(path, t);
    }
    return t;
  };
  const escape = (id: string) => id.replace(/\$/g, '\\$');
  /** Whether the module's (esbuild-printed) text declares or imports `id` at top level. */
  const declares = (text: string, id: string): boolean => {
    const n = escape(id);
    return new RegExp(`^(?:export )?(?:async )?function\\*? ${n}\\(|^(?:export )?(?:const|let|var|class) ${n}\\b`
      + `|^import \\{[^}]*(?<![\\w$])${n}(?![\\w$]| as )[^}]*\\} from`, 'm').test(text);
  };
  const extended = async (path: string, more: readonly Addition[]): Promise<string> => {
    const text = await moduleText(path);
    // names the module or the appended sources use (string literals aside), which appended names must avoid
    let taken = (text + '\n' + more.map((a) => a.source).join('\n')).replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
    const uses = (id: string) => new RegExp(`(?<![\\w$.])${escape(id)}(?![\\w$])`).test(taken);
    const lines = [text];
    // sources printed by tsx may call esbuild's __name helper (keepNames)
    if (/(?<![\w$.])__name\(/.test(taken) && !/(?<![\w$.])__name\b/.test(text))
      lines.push('var __name = (target, value) => Object.defineProperty(target, "name", { value, configurable: true });');
    for (const a of more) {
      let local = a.local;
      for (let i = 2; uses(local); i++) local = `${a.local}_${i}`;
      taken += ` ${local}`;
      if (a.comment) lines.push(`/*! ${a.comment.replace(/\*\//g, '*\\/')} */`);
      const source = a.binding && declares(text, a.binding) ? a.binding : a.source;
      lines.push(`const ${local} = ${source};`, `export { ${local} as ${a.name} };`);
    }
    return lines.join('\n');
  };
  parentPort.on('message', async ({ entry, root, extend, external = [], format = 'esm' }: BundleRequest) => {
    let reply: { text: string } | { error: string };
    try {
      const plugin = {
        name: 'arbor-extend',
        setup(build: any) {
          // Arbor's modules have no import-time effects: one that the program does not reach is left out whole.
          build.onResolve({ filter: /^(\.\.?)?\// }, async (args: any) => {
            if (args.pluginData?.arbor) return undefined;
            const { kind, importer, resolveDir } = args;
            const r = await build.resolve(args.path, { kind, importer, resolveDir, pluginData: { arbor: true } });
            if (r.errors.length) return undefined;
            return external.includes(r.path) ? { path: r.path, external: true } : { path: r.path, sideEffects: false };
          });
          build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args: { path: string }) => {
            const more = extend[args.path];
            return more ? { contents: await extended(args.path, more), loader: 'js', resolveDir: dirname(args.path) } : undefined;
          });
        },
      };
      const r = await esbuild.build({
        stdin: { contents: entry, resolveDir: root, sourcefile: 'program.js', loader: 'js' },
        absWorkingDir: root, bundle: true, format, platform: 'neutral', write: false, treeShaking: true,
        legalComments: 'inline', charset: 'utf8', logLevel: 'silent', plugins: [plugin],
      });
      reply = { text: r.outputFiles[0].text };
    } catch (e) {
      const err = e as { errors?: { text: string }[]; message?: string };
      reply = { error: err.errors?.length ? err.errors.map((x) => x.text).join('; ') : String(err.message ?? e) };
    }
    port.postMessage(reply);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
}

// `require` for the worker's CommonJS scope, and esbuild's __name helper in case the printed source uses it.
const WORKER = `globalThis.require = require; var __name = (f) => f;\n(${workerMain.toString()})();`;

let bridge: { worker: Worker; flag: Int32Array; port: MessagePort } | null = null;

function start(): NonNullable<typeof bridge> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const esbuild = createRequire(import.meta.url).resolve('esbuild');
  const worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { esbuild, flag, port: port2 },
    transferList: [port2] });
  worker.unref();
  worker.on('error', () => { bridge = null; });
  return { worker, flag, port: port1 };
}

/** Bundles `req` into one ES module's source; throws an Error with esbuild's messages when the build fails. */
export function bundleSync(req: BundleRequest, timeoutMs = 60_000): string {
  bridge ??= start();
  const { worker, flag, port } = bridge;
  Atomics.store(flag, 0, 0);
  worker.postMessage(req);
  if (Atomics.wait(flag, 0, 0, timeoutMs) === 'timed-out') {
    void worker.terminate();
    bridge = null;
    throw new Error(`bundling did not finish within ${timeoutMs} ms`);
  }
  const reply = receiveMessageOnPort(port)?.message as { text: string } | { error: string } | undefined;
  if (!reply) throw new Error('bundling: the worker sent no reply');
  if ('error' in reply) throw new Error(`bundling failed: ${reply.error}`);
  return reply.text;
}
