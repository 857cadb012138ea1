/**
 * Export: prints a program as a readable, standalone ES module. Its default export is the program as a JS function
 * whose curried arguments are ordinary parameters. The module carries the runtime helpers it needs (fuel meter,
 * failures, value helpers: their source is taken from runtime.ts / value.ts via Function.prototype.toString),
 * each primitive used as a named const from its impl's source, and library abstractions as named functions
 * generated from their bodies — the same code generator as `compile`, so outputs agree with the evaluator.
 */
import { curry, generate, type Decl, type Naming } from './compile.ts';
import type { Expr } from './expr.ts';
import { inferType } from './infer.ts';
import { primArity, type Primitive, type PrimitiveSet } from './primitive.ts';
import { print } from './print.ts';
import { checkSize, EvalError, fail, tick, toEvalError } from './runtime.ts';
import { arity, printType } from './type.ts';
import { compareValues, GraphValue, hashKey, MapValue, SetValue, TensorValue, valueEquals, valueKey, valueSize } from './value.ts';

export interface ExportOptions {
  /** Name of the default-exported function (default 'program'). */
  readonly name?: string;
}

/** Helpers an exported module may need, by name, with their source; the runtime core is always included. */
const HELPER_SOURCE: ReadonlyMap<string, string> = new Map([
  ['EvalError', EvalError.toString()],
  ['meter', 'const meter = { fuel: Infinity, maxSize: Infinity, memory: null };'],
  ['tick', tick.toString()],
  ['checkSize', checkSize.toString()],
  ['fail', fail.toString()],
  ['toEvalError', toEvalError.toString()],
  ['curry', curry.toString()],
  ['NONE', "const NONE = { tag: 'none' };"],
  ['some', "const some = (value) => ({ tag: 'some', value });"],
  ['MapValue', MapValue.toString()],
  ['SetValue', SetValue.toString()],
  ['GraphValue', GraphValue.toString()],
  ['TensorValue', TensorValue.toString()],
  ['hashKey', hashKey.toString()],
  ['valueKey', valueKey.toString()],
  ['valueEquals', valueEquals.toString()],
  ['compareValues', compareValues.toString()],
  ['valueSize', valueSize.toString()],
]);
const CORE_HELPERS = ['EvalError', 'meter', 'tick', 'checkSize', 'fail'];

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

/** Prints `expr` as a standalone ES module (see the module comment). Throws on unknown primitives. */
export function exportModule(expr: Expr, prims: PrimitiveSet, opts: ExportOptions = {}): string {
  const fnName = opts.name ?? 'program';
  if (!/^[A-Za-z_$][\w$]*$/.test(fnName) || RESERVED.has(fnName) && fnName !== 'program')
    throw new Error(`export name '${fnName}' is not a usable JavaScript identifier`);
  const used = new Set<string>([...RESERVED, ...HELPER_SOURCE.keys(), fnName]);
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
    unit = generate(expr, prims, naming);
  } catch (e) {
    throw new Error((e as Error).message);
  }
  let type: string | null = null;
  let n = unit.params;
  try {
    const t = inferType(expr, prims);
    type = printType(t);
    n = Math.max(n, arity(t));
  } catch { /* an ill-typed program still exports; its type line is omitted */ }

  const sections: string[] = [];
  const declLines = unit.decls.map((d) => declSource(d));
  // Helpers: the core, plus value helpers referenced by any included source (transitively).
  const needed = new Set<string>(CORE_HELPERS);
  let text = declLines.join('\n') + unit.body + unit.main;
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, src] of HELPER_SOURCE) {
      if (!needed.has(name) && new RegExp(`(?<![\\w$.])${name.replace('$', '\\$')}(?![\\w$])`).test(text)) {
        needed.add(name);
        text += src;
        changed = true;
      }
    }
  }
  const header = [
    `// Generated by Arbor (arbor export). A standalone ES module: no imports.`,
    `// program: ${print(expr)}`,
    ...(type ? [`// type:    ${type}`] : []),
    `// Set meter.fuel / meter.maxSize to bound a run; failures throw EvalError (kind: fuel | size | runtime).`,
  ];
  sections.push(header.join('\n'));
  sections.push([
    '// ---- runtime (src/lang/runtime.ts, src/lang/value.ts) ----',
    'const __name = (target, value) => Object.defineProperty(target, "name", { value, configurable: true });',
    ...[...HELPER_SOURCE.keys()].filter((h) => needed.has(h)).map((h) => HELPER_SOURCE.get(h)!),
  ].join('\n'));
  if (declLines.length) sections.push(['// ---- primitives and abstractions ----', ...declLines].join('\n'));
  const params = Array.from({ length: n }, (_, i) => (i < unit.params ? `x${i}` : `a${i}`));
  let call = unit.params > 0 ? unit.body : unit.main;
  for (let i = unit.params; i < n; i++) call = `${call}(a${i})`;
  sections.push([
    `/** ${type ? `${type}: ` : ''}${print(expr).slice(0, 200)} */`,
    `export default function ${fnName}(${params.join(', ')}) {`,
    ...(unit.params > 0 ? [`  tick(${unit.params});`] : []),
    `  return ${call};`,
    `}`,
    `export { meter, EvalError };`,
  ].join('\n'));
  return sections.join('\n\n') + '\n';
}

function declSource(d: Decl): string {
  switch (d.kind) {
    case 'impl': {
      const doc = d.prim.doc ? `/** ${d.prim.name}: ${printType(d.prim.type)} — ${d.prim.doc.replace(/\*\//g, '*\\/')} */\n` : `/** ${d.prim.name}: ${printType(d.prim.type)} */\n`;
      return `${doc}const ${d.id} = ${implSource(d.prim)};`;
    }
    case 'curried': return `const ${d.id} = curry(${d.impl}, ${primArity(d.prim)}, ${JSON.stringify(d.prim.lazy ?? [])});`;
    case 'constant': {
      const head = `/** ${d.prim.name}: ${printType(d.prim.type)}${d.prim.doc ? ` — ${d.prim.doc.replace(/\*\//g, '*\\/')}` : ''} */\n`;
      return d.failing ? `${head}const ${d.id} = ${implSource(d.prim)};` : `${head}const ${d.id} = (${implSource(d.prim)})();`;
    }
    case 'library': throw new Error(`export generates library abstractions from their bodies ('${d.prim.name}')`);
    case 'closed': {
      const head = d.name ? `/** library abstraction ${d.name} */\n` : '/** inlined abstraction */\n';
      return `${head}const ${d.id} = ${d.isValue ? d.code : `() => ${d.code}`};`;
    }
  }
}
