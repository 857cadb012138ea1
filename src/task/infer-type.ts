/**
 * Infers a task's type from its JSON example values. Ambiguity (all lists empty, nulls, mixed values) is reported
 * with the field it comes from, never guessed. JSON objects with the same fields everywhere are records
 * (`{age: int, name: str}`); objects whose fields vary but whose values share one type are maps (`map(str, int)`).
 */
import { arrow, tbool, tchar, tint, tlist, tmap, treal, trecord, tstr, type Type } from '../lang/type.ts';

/** A JSON value's type was ambiguous or inconsistent; `field` names where (`train[2].inputs[0]`). */
export class TypeInferenceError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'TypeInferenceError';
  }
}

/** A partial type: `unknown` where no value shows it (the elements of empty lists). */
type Partial = { k: 'int' | 'real' | 'bool' | 'str' | 'unknown' } | { k: 'list'; el: Partial }
  | { k: 'record'; fields: ReadonlyMap<string, Partial> } | { k: 'map'; val: Partial };

const UNKNOWN: Partial = { k: 'unknown' };

function ofValue(v: unknown, field: string): Partial {
  if (typeof v === 'number') return { k: Number.isInteger(v) ? 'int' : 'real' };
  if (typeof v === 'boolean') return { k: 'bool' };
  if (typeof v === 'string') return { k: 'str' };
  if (Array.isArray(v)) {
    let el: Partial = UNKNOWN;
    v.forEach((x, i) => { el = join(el, ofValue(x, `${field}[${i}]`), `${field}[${i}]`); });
    return { k: 'list', el };
  }
  if (v === null) throw new TypeInferenceError(field, 'null cannot be typed from the value alone; give the task a "type"');
  if (typeof v === 'object') {
    const fields = new Map<string, Partial>();
    for (const [k, x] of Object.entries(v)) fields.set(k, ofValue(x, `${field}.${k}`));
    return { k: 'record', fields };
  }
  throw new TypeInferenceError(field, `cannot infer a type for ${JSON.stringify(v).slice(0, 40)}; give the task a "type"`);
}

function show(p: Partial): string {
  switch (p.k) {
    case 'list': return `list(${show(p.el)})`;
    case 'record': return `{${[...p.fields].map(([k, f]) => `${k}: ${show(f)}`).join(', ')}}`;
    case 'map': return `map(str, ${show(p.val)})`;
    case 'unknown': return '?';
    default: return p.k;
  }
}

const sameKeys = (a: ReadonlyMap<string, Partial>, b: ReadonlyMap<string, Partial>): boolean =>
  a.size === b.size && [...a.keys()].every((k) => b.has(k));

/** The one type of an object's values, read as a map's (throws when they differ). */
function valuesOf(p: Partial & { k: 'record' | 'map' }, field: string): Partial {
  if (p.k === 'map') return p.val;
  let val: Partial = UNKNOWN;
  for (const f of p.fields.values()) val = join(val, f, field);
  return val;
}

function join(a: Partial, b: Partial, field: string): Partial {
  if (a.k === 'unknown') return b;
  if (b.k === 'unknown') return a;
  if (a.k === 'list' && b.k === 'list') return { k: 'list', el: join(a.el, b.el, field) };
  if (a.k === 'record' && b.k === 'record' && sameKeys(a.fields, b.fields))
    return { k: 'record', fields: new Map([...a.fields].map(([k, f]) => [k, join(f, b.fields.get(k)!, `${field}.${k}`)])) };
  // objects whose fields differ are maps from field names to one value type
  if ((a.k === 'record' || a.k === 'map') && (b.k === 'record' || b.k === 'map')) {
    try {
      return { k: 'map', val: join(valuesOf(a, field), valuesOf(b, field), field) };
    } catch {
      throw new TypeInferenceError(field, `objects with different fields (${show(a)} and ${show(b)}) whose values differ in type; give the task a "type"`);
    }
  }
  if (a.k === b.k) return a;
  if ((a.k === 'int' && b.k === 'real') || (a.k === 'real' && b.k === 'int')) return { k: 'real' };
  throw new TypeInferenceError(field, `values of different types (${show(a)} and ${show(b)}); give the task a "type"`);
}

function toType(p: Partial, field: string, strings: 'str' | 'list(char)'): Type {
  switch (p.k) {
    case 'int': return tint;
    case 'real': return treal;
    case 'bool': return tbool;
    case 'str': return strings === 'str' ? tstr : tlist(tchar);
    case 'list': return tlist(toType(p.el, field, strings));
    case 'record': return trecord([...p.fields].map(([k, f]) => [k, toType(f, `${field}.${k}`, strings)]));
    case 'map':
      if (p.val.k === 'unknown') throw new TypeInferenceError(field, 'every object here is empty, so the value type is unknown; give the task a "type"');
      return tmap(tstr, toType(p.val, field, strings));
    case 'unknown':
      throw new TypeInferenceError(field, 'every list here is empty, so the element type is unknown; give the task a "type"');
  }
}

/** The JSON value type shared by `values` (found at the fields `fields[i]`). */
export function inferValueType(values: readonly unknown[], fields: readonly string[], label: string, strings: 'str' | 'list(char)' = 'str'): Type {
  let p: Partial = UNKNOWN;
  values.forEach((v, i) => { p = join(p, ofValue(v, fields[i]!), fields[i]!); });
  return toType(p, label, strings);
}

/** The type `in1 -> in2 -> … -> out` of examples given as JSON inputs and outputs. */
export function inferTaskType(
  examples: readonly { inputs: readonly unknown[]; output: unknown; field: string }[],
  strings: 'str' | 'list(char)' = 'str',
): Type {
  if (examples.length === 0) throw new TypeInferenceError('train', 'no examples to infer a type from; give the task a "type"');
  const n = examples[0]!.inputs.length;
  examples.forEach((e) => {
    if (e.inputs.length !== n) throw new TypeInferenceError(`${e.field}.inputs`, `${e.inputs.length} inputs, but the first example has ${n}`);
  });
  const ins = Array.from({ length: n }, (_, j) => inferValueType(
    examples.map((e) => e.inputs[j]), examples.map((e) => `${e.field}.inputs[${j}]`), `train[*].inputs[${j}]`, strings));
  const out = inferValueType(examples.map((e) => e.output), examples.map((e) => `${e.field}.output`), 'train[*].output', strings);
  return n === 0 ? out : arrow(...ins, out);
}
