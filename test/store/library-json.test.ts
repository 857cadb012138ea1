/** The library exchange format: exact round trips and validation errors that name the file and field. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, emptyLibrary, entryList } from '../../src/library/library.ts';
import { LibraryFormatError, libraryToJson, parseLibraryJson } from '../../src/store/library-json.ts';
import { abstraction, neural, primitive, T0 } from './fixtures/entries.ts';

const lib = applyChange(emptyLibrary(), { add: [abstraction('fn_0'), neural('digit'), primitive('+')], operation: 'test' }, T0).library;
const doc = () => JSON.parse(JSON.stringify(libraryToJson(lib))) as { entries: Record<string, unknown>[] } & Record<string, unknown>;
const fails = (d: unknown, re: RegExp) =>
  assert.throws(() => parseLibraryJson(typeof d === 'string' ? d : JSON.stringify(d), 'lib.json'),
    (e: unknown) => e instanceof LibraryFormatError && re.test(e.message) || assert.fail(String(e)));

describe('library JSON', () => {
  it('round-trips entries exactly, including -Infinity weights and neural weight bytes', () => {
    const text = JSON.stringify(libraryToJson(lib));
    assert.equal(JSON.parse(text).format, 'arbor-library');
    assert.equal(JSON.parse(text).version, 1);
    assert.deepEqual(parseLibraryJson(text, 'lib.json'), entryList(lib));
  });

  it('names the file and field of each problem', () => {
    fails('{oops', /^lib\.json: not JSON/);
    fails({ ...doc(), format: 'other' }, /^lib\.json: format: /);
    fails({ ...doc(), version: 2 }, /^lib\.json: version: library format version 2 is not supported/);
    fails({ format: 'arbor-library', version: 1 }, /^lib\.json: entries: /);
    const d1 = doc(); d1.entries[1]!.weight = 'lots'; fails(d1, /^lib\.json: entries\[1\]\.weight: /);
    const d2 = doc(); delete (d2.entries[0]!.provenance as Record<string, unknown>).tasks; fails(d2, /^lib\.json: entries\[0\]\.provenance\.tasks: /);
    const d3 = doc(); d3.entries[0]!.colour = 'red'; fails(d3, /^lib\.json: entries\[0\]: .*colour/);
    const d4 = doc(); (d4.entries[1]!.neural as Record<string, unknown>).weights = '***'; fails(d4, /^lib\.json: entries\[1\]\.neural\.weights: /);
    const d5 = doc(); d5.entries[0]!.type = 'int -> ('; fails(d5, /^lib\.json: entries\[0\]\.type: .* \(entry '\+'\)/);
    const d6 = doc(); d6.entries[2]!.name = 'digit'; fails(d6, /^lib\.json: entries\[2\]\.name: 'digit' appears twice/);
  });
});
