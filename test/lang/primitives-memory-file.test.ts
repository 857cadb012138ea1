import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileMemory } from '../../src/store/memory-file.ts';
import { EvalError, withMeter } from '../../src/lang/runtime.ts';
import { GraphValue, MapValue, NONE, SetValue, hashKey, some, valueEquals } from '../../src/lang/value.ts';
import { memoryPrimitives } from '../../src/lang/primitives/memory.ts';

const dirs: string[] = [];
const dir = (): string => { const d = mkdtempSync(join(tmpdir(), 'arbor-memory-')); dirs.push(d); return d; };
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('file-backed memory', () => {
  it('persists values of every runtime type across opens', () => {
    const path = join(dir(), 'sub', 'memory.json');
    const m = openFileMemory(path);
    assert.equal(m.get('missing'), undefined);
    const map = new MapValue(new Map([[hashKey([1, 2]), [[1, 2], 'x'] as const]]));
    const values: Record<string, unknown> = {
      int: 42, real: -0.5, nan: NaN, inf: -Infinity, str: 'héllo "q"', bool: false, list: [[1], [2, 3]], pair: [1, 'a'],
      none: NONE, some: some([1]), map, set: new SetValue(new Map([[3, 3], [4, 4]])),
      graph: new GraphValue([1, 2], new Map([[1, [2]], [2, []]])),
    };
    for (const [k, v] of Object.entries(values)) m.set(k, v);
    const again = openFileMemory(path);
    assert.deepEqual(again.keys().sort(), Object.keys(values).sort());
    for (const [k, v] of Object.entries(values)) assert.ok(valueEquals(again.get(k), v), k);
    assert.ok(again.get('map') instanceof MapValue);
    assert.deepEqual(readdirSync(join(path, '..')), ['memory.json'], 'no temporary files are left behind');
  });

  it('overwrites a key and keeps the others', () => {
    const path = join(dir(), 'm.json');
    const m = openFileMemory(path);
    m.set('a', 1);
    m.set('b', 2);
    m.set('a', 3);
    const again = openFileMemory(path);
    assert.equal(again.get('a'), 3);
    assert.equal(again.get('b'), 2);
  });

  it('refuses values that cannot be stored, leaving the file as it was', () => {
    const path = join(dir(), 'm.json');
    const m = openFileMemory(path);
    m.set('a', 1);
    assert.throws(() => m.set('f', () => 1), (e: unknown) => e instanceof EvalError && e.kind === 'memory');
    assert.equal(m.get('f'), undefined);
    assert.deepEqual(openFileMemory(path).keys(), ['a']);
  });

  it('names the file when it is not a memory file', () => {
    const d = dir();
    writeFileSync(join(d, 'bad.json'), '{ nope');
    assert.throws(() => openFileMemory(join(d, 'bad.json')), /bad\.json: not valid JSON/);
    writeFileSync(join(d, 'other.json'), '{"x": 1}');
    assert.throws(() => openFileMemory(join(d, 'other.json')), /other\.json: not an Arbor memory file/);
    writeFileSync(join(d, 'entry.json'), '{"format": "arbor-memory", "version": 1, "entries": {"k": {"$what": 1}}}');
    assert.throws(() => openFileMemory(join(d, 'entry.json')), /entry\.json: entry "k"/);
  });

  it('serves remember / recall across runs', () => {
    const path = join(dir(), 'm.json');
    const [remember, recall] = memoryPrimitives;
    withMeter({ memory: openFileMemory(path) }, () => remember!.impl('best', [3, 1, 2]));
    const got = withMeter({ memory: openFileMemory(path) }, () => recall!.impl('best', []));
    assert.deepEqual(got, [3, 1, 2]);
    assert.match(readFileSync(path, 'utf8'), /"format": "arbor-memory"/);
  });
});
