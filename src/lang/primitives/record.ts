/**
 * Records (JSON objects with fixed fields): primitives made for the record types a task's type names. Each field
 * gets an accessor, `.price : {item: str, price: int} -> int`; a record type the task returns also gets a
 * constructor, `{first,last} : str -> str -> {first: str, last: str}` (its arguments in field-name order).
 *
 * These are not a fixed family: which ones exist depends on the task, so search adds them to its primitive set
 * (portfolio-setup.ts). Their impls are built from source text, so that an exported program carries them as
 * self-contained functions, and their inline templates are plain property reads and object literals.
 */
import type { Primitive } from '../primitive.ts';
import { arrow, printType, recordFields, splitArrow, type Type } from '../type.ts';

/** The record types `t` mentions, each once, in order of appearance (an arrow's argument before its result). */
export function recordTypes(t: Type, out: Type[] = []): Type[] {
  if (t.kind === 'tvar') return out;
  if (recordFields(t) && !out.some((r) => printType(r) === printType(t))) out.push(t);
  for (const a of t.args) recordTypes(a, out);
  return out;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** A field name as part of a program symbol: no white space, brackets or quotes, and not read as a number. */
const symbolPart = (k: string): string => {
  const s = k.replace(/[\s()"';#]/g, '_');
  return /^[0-9+\-.]/.test(s) || s === '' ? `_${s}` : s;
};

/** A JS property read of field `k` of the code `obj`. */
const readField = (obj: string, k: string): string => (IDENT.test(k) ? `${obj}.${k}` : `${obj}[${JSON.stringify(k)}]`);

/** Accessors for every field of every record type in `t`, and constructors for the record types it returns. */
export function recordPrimitives(t: Type): Primitive[] {
  const out: Primitive[] = [];
  const taken = new Set<string>();
  const fresh = (base: string): string => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}~${i}`;
    taken.add(name);
    return name;
  };
  const returned = new Set(recordTypes(splitArrow(t).ret).map(printType));
  for (const r of recordTypes(t)) {
    const fields = recordFields(r)!, shown = printType(r);
    fields.forEach((k, i) => {
      const body = `return ${readField('r', k)};`;
      out.push({
        name: fresh(`.${symbolPart(k)}`), type: arrow(r, (r as { args: readonly Type[] }).args[i]!), family: 'record', cost: 1,
        impl: new Function('r', body) as (r: unknown) => unknown, inline: readField('$0', k),
        doc: `the field ${JSON.stringify(k)} of a ${shown}`,
      });
    });
    if (!returned.has(shown)) continue;
    const params = fields.map((_, i) => `a${i}`);
    const literal = (args: readonly string[]) => `({${fields.map((k, i) => `${JSON.stringify(k)}: ${args[i]}`).join(', ')}})`;
    out.push({
      name: fresh(`{${fields.map(symbolPart).join(',')}}`), type: arrow(...(r as { args: readonly Type[] }).args, r), family: 'record', cost: 1,
      impl: new Function(...params, `return ${literal(params)};`) as (...a: unknown[]) => unknown,
      ...(fields.length > 0 ? { inline: literal(fields.map((_, i) => `$${i}`)) } : {}),
      doc: `a ${shown} from its fields, in name order`,
    });
  }
  return out;
}
