/** DreamCoder's JSON type encoding: {"constructor": "->", "arguments": [...]}, type variables as {"index": n}. */
import { tcon, tvar, type Type } from './type.ts';

export type TypeJson = { constructor: string; arguments: TypeJson[] } | { index: number };

/** DreamCoder spells some constructors differently from Arbor. */
const FROM_DC: Record<string, string> = { tint: 'int', tbool: 'bool', tstr: 'str', tcharacter: 'char', character: 'char', boolean: 'bool', tlist: 'list', real: 'real', float: 'real' };

export function typeFromJson(j: unknown, path = '$'): Type {
  if (j && typeof j === 'object') {
    const o = j as Record<string, unknown>;
    if (typeof o.index === 'number') return tvar(o.index);
    if (typeof o.constructor === 'string' && Array.isArray(o.arguments)) {
      const name = FROM_DC[o.constructor] ?? o.constructor;
      return tcon(name, ...o.arguments.map((a, i) => typeFromJson(a, `${path}.arguments[${i}]`)));
    }
  }
  throw new Error(`${path}: not a DreamCoder type (expected {"constructor", "arguments"} or {"index"})`);
}

export function typeToJson(t: Type): TypeJson {
  return t.kind === 'tvar' ? { index: t.id } : { constructor: t.name, arguments: t.args.map(typeToJson) };
}
