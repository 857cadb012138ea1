/**
 * Export: prints a program as a readable, standalone ES module. Its default export is the program as a JS function
 * whose curried arguments are ordinary parameters. The program's code comes from the same code generator as
 * `compile` (so outputs agree with the evaluator); each primitive's impl is appended, as its source, to its
 * defining module (`Primitive.module`) so that it keeps that module's helpers in scope; esbuild then bundles the
 * program with the runtime (src/lang/runtime.ts) and those modules, tree-shaken and not minified.
 */
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { bundleSync, type Addition } from './bundle.ts';
import { generate, type Decl, type Naming } from '../lang/compile.ts';
import type { Expr } from '../lang/expr.ts';
import { inferType } from '../lang/infer.ts';
import { primArity, type Primitive, type PrimitiveSet } from '../lang/primitive.ts';
import { print } from '../lang/print.ts';
import { arity, printType, type Type } from '../lang/type.ts';

/** Types whose values are classes inside Arbor but plain JSON outside (an object for a map, an array for a set). */
const CLASS_VALUED = new Set(['map', 'set', 'maybe', 'graph', 'tensor']);
const classValued = (t: Type): boolean => t.kind === 'tcon' && (CLASS_VALUED.has(t.name) || t.args.some(classValued));

export interface ExportOptions {
  /** Name of the default-exported function (default 'program'). */
  readonly name?: string;
  /**
   * Count the program's own steps against `meter.fuel` (default true). False leaves the `tick` calls out of the
   * program's code, to read: its primitives still count theirs.
   */
  readonly metered?: boolean;
}

const RESERVED = new Set(`break case catch class const continue debugger default delete do else export extends false finally
  for function if import in instanceof let new null return super switch this throw true try typeof var void while with yield
  await enum implements interface package private protected public static arguments eval undefined NaN Infinity
  Math Array Object String Number Boolean JSON Map Set Symbol Error RangeError TypeError Float32Array globalThis
  program main __name`.split(/\s+/));

const CHAR_NAMES: Record<string, string> = { '+': 'plus', '-': '_', '*': 'times', '/': 'div', '?': '_p', '!': '_bang',
  '=': 'eq', '<': 'lt', '>': 'gt', '.': '_', '%': 'mod', '#': 'hash', '&': 'and', '|': 'or', '^': 'xor', '~': 'tilde', ':': '_' };

/** A readable JS identifier for a primitive name (`str.++` → `str_plusplus`, `empty?` → `empty_p`). */
export function jsName(name: string): string {
  let s = [...name].map((c) => (/[A-Za-z0-9_$]/.test(c) ? c : CHAR_NAMES[c] ?? '_')).join('').replace(/_+/g, '_');
  if (s === '' || s === '_') s = 'op';
  if (/^[0-9]/.test(s)) s = `n${s}`;
  return s;
}

/** A primitive impl's source as a JS expression; throws when it is native code. */
function implSource(p: Primitive): string {
  const src = p.impl.toString();
  if (/\{\s*\[native code\]\s*\}\s*$/.test(src)) throw new Error(`cannot export primitive '${p.name}': its impl is native code`);
  if (/^(async\s+)?(function\b|\(|[A-Za-z_$][\w$]*\s*=>)/.test(src) || /^class\b/.test(src)) return src;
  return `function ${src}`; // method shorthand `name(a) { … }`
}

/** The runtime module every export imports (meter, failures, curry), and the directory paths are shown from. */
const RUNTIME = fileURLToPath(new URL('../lang/runtime.ts', import.meta.url));
const VALUE = fileURLToPath(new URL('../lang/value.ts', import.meta.url));
const TYPE = fileURLToPath(new URL('../lang/type.ts', import.meta.url));
const RUNTIME_NAMES = ['tick', 'fail', 'checkSize', 'curry', 'withBinary', 'meter', 'EvalError'];
const ROOT = dirname(dirname(dirname(RUNTIME)));

/** Prints `expr` as a standalone ES module (see the module comment). Throws on unknown primitives. */
export function exportModule(expr: Expr, prims: PrimitiveSet, opts: ExportOptions = {}): string {
  const fnName = opts.name ?? 'program';
  if (!/^[A-Za-z_$][\w$]*$/.test(fnName) || RESERVED.has(fnName) && fnName !== 'program')
    throw new Error(`export name '${fnName}' is not a usable JavaScript identifier`);
  const used = new Set<string>([...RESERVED, ...RUNTIME_NAMES, fnName]);
  const fresh = (base: string): string => {
    let id = base;
    for (let i = 2; used.has(id) || /^x\d+$/.test(id) || /^a\d+$/.test(id); i++) id = `${base}_${i}`;
    used.add(id);
    return id;
  };
  const naming: Naming = (kind, label) =>
    fresh(kind === 'curried' ? `${jsName(label)}_curried` : kind === 'closed' && label === 'inv' ? 'abstraction' : jsName(label));
  let unit;
  try {
    unit = generate(expr, prims, naming, false, false, opts.metered ?? true);
  } catch (e) {
    throw new Error((e as Error).message);
  }
  let type: string | null = null;
  let n = unit.params;
  let boundary = false;
  try {
    const t = inferType(expr, prims);
    type = printType(t);
    n = Math.max(n, arity(t));
    boundary = classValued(t);
  } catch { /* an ill-typed program still exports; its type line is omitted */ }

  const imports = [`import { ${RUNTIME_NAMES.join(', ')} } from ${JSON.stringify(RUNTIME)};`];
  const extend: Record<string, Addition[]> = {};
  const decls: string[] = [];
  for (const d of unit.decls) {
    if (d.kind !== 'impl' && d.kind !== 'constant') { decls.push(declSource(d)); continue; }
    const source = d.kind === 'constant' && !d.failing ? `(${implSource(d.prim)})()` : implSource(d.prim);
    const comment = primComment(d.prim);
    const module = d.prim.module ? modulePath(d.prim) : null;
    if (module) {
      const name = `__arbor_${d.id}`;
      (extend[module] ??= []).push({ name, local: d.id, source, comment, ...binding(d) });
      imports.push(`import { ${name} as ${d.id} } from ${JSON.stringify(module)};`);
    } else {
      decls.push(`/*! ${comment} */`, `const ${d.id} = ${source};`);
    }
  }
  const params = Array.from({ length: n }, (_, i) => (i < unit.params ? `x${i}` : `a${i}`));
  let call = unit.params > 0 ? unit.body : unit.main;
  for (let i = unit.params; i < n; i++) call = `${call}(a${i})`;
  // maps, sets, maybes, graphs and tensors cross the module's edge as JSON, as the examples give them
  if (boundary) imports.push(`import { fromJson as __fromJson, toJson as __toJson } from ${JSON.stringify(VALUE)};`,
    `import { parseType as __parseType, splitArrow as __splitArrow } from ${JSON.stringify(TYPE)};`,
    `const __type = __splitArrow(__parseType(${JSON.stringify(type)}));`);
  const entry = [
    ...imports,
    ...decls,
    `/*! ${type ? `${type}: ` : ''}${print(expr).slice(0, 200).replace(/\*\//g, '*\\/')} */`,
    `export default function ${fnName}(${params.join(', ')}) {`,
    ...(boundary ? params.map((x, i) => `  ${x} = __fromJson(${x}, __type.args[${i}]);`) : []),
    ...(unit.params > 0 && opts.metered !== false ? [`  tick(${unit.params});`] : []),
    `  return ${boundary ? `__toJson(${call}, __type.ret)` : call};`,
    `}`,
    `export { meter, EvalError };`,
  ].join('\n');
  const header = [
    `// Generated by Arbor (arbor export). A standalone ES module: no imports.`,
    `// program: ${print(expr)}`,
    ...(type ? [`// type:    ${type}`] : []),
    `// Set meter.fuel / meter.maxSize to bound a run; failures throw EvalError (kind: fuel | size | runtime).`,
  ];
  return `${header.join('\n')}\n\n${defaultInPlace(bundleSync({ entry, root: ROOT, extend }))}`;
}

/** esbuild lists every export in a closing `export { … }`; the default export reads better where it is defined. */
function defaultInPlace(src: string): string {
  const m = /\nexport \{\n([^}]*)\n\};\n?$/.exec(src);
  const names = m ? m[1]!.split(',').map((s) => s.trim()) : [];
  const fn = names.map((n) => /^([\w$]+) as default$/.exec(n)?.[1]).find((n) => n);
  const decl = fn ? new RegExp(`^function ${fn.replace(/\$/g, '\\$')}\\(`, 'm') : null;
  if (!m || !fn || !decl!.test(src)) return src;
  const rest = names.filter((n) => !n.endsWith(' as default'));
  return src.slice(0, m.index).replace(decl!, `export default function ${fn}(`) + `\nexport { ${rest.join(', ')} };\n`;
}

/**
 * A module whose default export is the array of the impls of `prims`, each bundled with its module's helpers as
 * exportModule does; runtime.ts and value.ts are imported from where they are (so that the impls share the
 * caller's meter and value classes). Tests use it to check that impls behave the same once exported.
 */
export function exportImpls(prims: readonly Primitive[], format: 'esm' | 'cjs' = 'esm'): string {
  const extend: Record<string, Addition[]> = {};
  const lines: string[] = [];
  const ids = prims.map((p, i) => {
    const id = `impl${i}`;
    if (p.module) {
      const local = RESERVED.has(jsName(p.name)) ? `${jsName(p.name)}_impl` : jsName(p.name);
      (extend[modulePath(p)] ??= []).push({ name: `__arbor_${id}`, local, source: implSource(p), ...binding({ kind: 'impl', prim: p }) });
      lines.push(`import { __arbor_${id} as ${id} } from ${JSON.stringify(modulePath(p))};`);
    } else lines.push(`const ${id} = ${implSource(p)};`);
    return id;
  });
  lines.push(`export default [${ids.join(', ')}];`);
  return bundleSync({ entry: lines.join('\n'), root: ROOT, extend, external: [RUNTIME, VALUE], format });
}

/** An impl that is a named function is taken by that name from its module, when the module binds the name. */
function binding(d: { kind: string; prim: Primitive }): { binding?: string } {
  const name = d.prim.impl.name;
  return d.kind === 'impl' && /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name) ? { binding: name } : {};
}

function modulePath(p: Primitive): string {
  try {
    return fileURLToPath(p.module!);
  } catch {
    throw new Error(`cannot export primitive '${p.name}': its module '${p.module}' is not a file URL`);
  }
}

const primComment = (p: Primitive): string =>
  `${p.name}: ${printType(p.type)}${p.doc ? ` — ${p.doc}` : ''}`.replace(/\*\//g, '*\\/');

function declSource(d: Decl): string {
  switch (d.kind) {
    case 'curried': return `const ${d.id} = curry(${d.impl}, ${primArity(d.prim)}, ${JSON.stringify(d.prim.lazy ?? [])});`;
    case 'library': throw new Error(`export generates library abstractions from their bodies ('${d.prim.name}')`);
    case 'closed': {
      const head = d.name ? `/*! library abstraction ${d.name} */\n` : '/*! inlined abstraction */\n';
      return `${head}const ${d.id} = ${d.isValue ? d.code : `() => ${d.code}`};`;
    }
    case 'impl': case 'constant': throw new Error('unreachable: impls and constants are bundled from their modules');
  }
}
