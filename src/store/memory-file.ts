/**
 * A long-term `Memory` backed by one JSON file: read when opened, rewritten atomically (temp file + rename)
 * on every `set`, so a crash leaves either the old or the new file. Values of every runtime type are kept
 * through a tagged JSON encoding (maps, sets, graphs, maybes, tensors, non-finite numbers).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EvalError, type Memory } from '../lang/runtime.ts';
import { GraphValue, MapValue, NONE, SetValue, TensorValue, hashKey, some } from '../lang/value.ts';

/** A file-backed memory; `keys` lists what is stored. */
export interface FileMemory extends Memory {
  readonly path: string;
  keys(): string[];
}

const FORMAT = 'arbor-memory';
const VERSION = 1;

/** Opens (or starts) the memory file at `path`; throws an Error naming the file if it is not a memory file. */
export function openFileMemory(path: string): FileMemory {
  const entries = new Map<string, unknown>();
  if (existsSync(path)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
    }
    const o = json as { format?: unknown; version?: unknown; entries?: unknown };
    if (!o || typeof o !== 'object' || o.format !== FORMAT || typeof o.entries !== 'object' || o.entries === null)
      throw new Error(`${path}: not an Arbor memory file (expected {"format": "${FORMAT}", "entries": {…}})`);
    if (o.version !== VERSION) throw new Error(`${path}: memory file version ${String(o.version)} is not supported (expected ${VERSION})`);
    for (const [k, v] of Object.entries(o.entries as Record<string, unknown>)) {
      try {
        entries.set(k, decodeValue(v));
      } catch (e) {
        throw new Error(`${path}: entry "${k}": ${(e as Error).message}`);
      }
    }
  }
  let writes = 0;
  const save = () => {
    mkdirSync(dirname(path), { recursive: true });
    const body = { format: FORMAT, version: VERSION, entries: Object.fromEntries([...entries].map(([k, v]) => [k, encodeValue(v)])) };
    const tmp = `${path}.tmp-${process.pid}-${writes++}`;
    writeFileSync(tmp, JSON.stringify(body, null, 1) + '\n');
    renameSync(tmp, path);
  };
  return {
    path,
    get: (key) => entries.get(key),
    set: (key, value) => {
      const encoded = encodeValue(value); // fail before changing anything if the value cannot be stored
      void encoded;
      entries.set(key, value);
      save();
    },
    keys: () => [...entries.keys()],
  };
}

/** Tagged JSON for a runtime value; functions cannot be stored (a 'memory' failure). */
export function encodeValue(v: unknown): unknown {
  switch (typeof v) {
    case 'number': return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : { $num: String(v) };
    case 'string': case 'boolean': return v;
    case 'function': throw new EvalError('memory', 'a function cannot be stored in long-term memory');
    case 'undefined': throw new EvalError('memory', 'undefined cannot be stored in long-term memory');
  }
  if (v === null) throw new EvalError('memory', 'null cannot be stored in long-term memory');
  if (Array.isArray(v)) return v.map(encodeValue);
  if (v instanceof MapValue) return { $map: [...v.entries.values()].map(([k, x]) => [encodeValue(k), encodeValue(x)]) };
  if (v instanceof SetValue) return { $set: [...v.entries.values()].map(encodeValue) };
  if (v instanceof GraphValue) return { $graph: { nodes: v.nodes, adj: [...v.adj] } };
  if (v instanceof TensorValue) return { $tensor: { shape: v.shape, data: Array.from(v.data) } };
  const m = v as { tag?: unknown; value?: unknown };
  if (m.tag === 'none') return { $none: true };
  if (m.tag === 'some') return { $some: encodeValue(m.value) };
  throw new EvalError('memory', 'this value cannot be stored in long-term memory');
}

/** The inverse of encodeValue; throws an Error describing the first malformed part. */
export function decodeValue(j: unknown): unknown {
  if (typeof j === 'number' || typeof j === 'string' || typeof j === 'boolean') return j;
  if (Array.isArray(j)) return j.map(decodeValue);
  if (!j || typeof j !== 'object') throw new Error(`cannot decode ${JSON.stringify(j)}`);
  const o = j as Record<string, unknown>;
  if ('$num' in o) return Number(o.$num);
  if ('$none' in o) return NONE;
  if ('$some' in o) return some(decodeValue(o.$some));
  if (Array.isArray(o.$map)) {
    const m = new Map<unknown, readonly [unknown, unknown]>();
    for (const e of o.$map as unknown[]) {
      if (!Array.isArray(e) || e.length !== 2) throw new Error('a $map entry is not a [key, value] pair');
      const k = decodeValue(e[0]);
      m.set(hashKey(k), [k, decodeValue(e[1])]);
    }
    return new MapValue(m);
  }
  if (Array.isArray(o.$set)) {
    const m = new Map<unknown, unknown>();
    for (const e of o.$set as unknown[]) { const x = decodeValue(e); m.set(hashKey(x), x); }
    return new SetValue(m);
  }
  if (o.$graph && typeof o.$graph === 'object') {
    const g = o.$graph as { nodes?: unknown; adj?: unknown };
    if (!Array.isArray(g.nodes) || !Array.isArray(g.adj)) throw new Error('a $graph needs nodes and adj arrays');
    return new GraphValue(g.nodes as number[], new Map(g.adj as [number, number[]][]));
  }
  if (o.$tensor && typeof o.$tensor === 'object') {
    const t = o.$tensor as { shape?: unknown; data?: unknown };
    if (!Array.isArray(t.shape) || !Array.isArray(t.data)) throw new Error('a $tensor needs shape and data arrays');
    return new TensorValue(t.shape as number[], Float32Array.from(t.data as number[]));
  }
  throw new Error(`cannot decode ${JSON.stringify(j).slice(0, 60)}`);
}
