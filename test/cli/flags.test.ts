// The CLI's declarative flag layer: parsing, one-line errors naming the flag, and help generated from declarations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/cli/command.ts';
import { parseCommandLine, usageText } from '../../src/cli/flags.ts';

const spec = {
  name: 'demo',
  summary: 'a demo',
  args: [{ name: 'FILE', about: 'an input file' }, { name: 'ARG', about: 'more', many: true, optional: true }],
  flags: {
    count: { type: 'int', meta: 'N', min: 1, default: 3, help: 'how many' },
    level: { type: 'int', meta: 'L', min: 0, max: 9, help: 'a level' },
    rate: { type: 'number', meta: 'R', positive: true, unit: 'seconds', help: 'a rate' },
    mode: { type: 'choice', meta: 'M', values: ['a', 'b', 'c'], default: 'a', help: 'a mode' },
    name: { type: 'string', meta: 'ID', pattern: /^[a-z]+$/, expect: 'lower-case letters', help: 'a name' },
    json: { type: 'boolean', help: 'as JSON' },
    'no-colour': { type: 'boolean', alias: 'no-color', help: 'plain' },
  },
  about: 'Does demo things.',
  footer: 'example: arbor demo x',
} as const;

const parse = (...argv: string[]) => parseCommandLine(spec, argv);
const fails = (argv: string[], re: RegExp) =>
  assert.throws(() => parse(...argv), (e: Error) => e instanceof UsageError && re.test(e.message) && !e.message.includes('\n'), argv.join(' '));

test('flags: values, defaults, both spellings, aliases, and positionals (including -3)', () => {
  const r = parse('in.json', '--count', '5', '--rate=0.5', '-3', '--json', '--no-color', '--mode', 'b', '-');
  assert.deepEqual(r.positional, ['in.json', '-3', '-']);
  assert.deepEqual(r.flags, { count: 5, level: undefined, rate: 0.5, mode: 'b', name: undefined, json: true, 'no-colour': true });
  assert.deepEqual(parse('x').flags, { count: 3, level: undefined, rate: undefined, mode: 'a', name: undefined, json: false, 'no-colour': false });
  assert.equal(parse('x', '--count', '2', '--count', '7').flags.count, 7);
});

test('flags: bad input is one line naming the flag, with the --help hint', () => {
  fails(['x', '--bogus'], /^unknown option '--bogus' \(see arbor demo --help\)$/);
  fails(['x', '-q'], /^unknown option '-q'/);
  fails(['x', '--count'], /^--count needs a value: N \(see arbor demo --help\)$/);
  fails(['x', '--count='], /^--count needs a value/);
  fails(['x', '--count', '--json'], /^--count needs a value/);
  fails(['x', '--count', 'lots'], /^--count must be a positive integer, got 'lots' \(see arbor demo --help\)$/);
  fails(['x', '--count', '0'], /^--count must be an integer ≥ 1, got '0'/);
  fails(['x', '--level', '10'], /^--level must be an integer from 0 to 9, got '10'/);
  fails(['x', '--rate', '0'], /^--rate must be a positive number of seconds, got '0'/);
  fails(['x', '--mode', 'z'], /^--mode must be one of a, b or c, got 'z'/);
  fails(['x', '--name', 'X1'], /^--name must be lower-case letters, got 'X1'/);
  fails(['x', '--json=yes'], /^--json takes no value/);
  fails([], /^missing FILE \(an input file\)$/);
  const one = { ...spec, args: [spec.args[0]] };
  assert.throws(() => parseCommandLine(one, ['a', 'b']), /^UsageError: unexpected argument 'b' \(see arbor demo --help\)$/);
});

test('flags: --help text comes from the declarations', () => {
  assert.equal(usageText(spec), [
    'usage: arbor demo FILE [ARG…] [--count N] [--level L] [--rate R] [--mode M] [--name ID] [--json] [--no-colour]',
    '',
    'Does demo things.',
    '',
    '  --count N    how many (default 3)',
    '  --level L    a level',
    '  --rate R     a rate',
    '  --mode M     a mode (a, b, c; default a)',
    '  --name ID    a name',
    '  --json       as JSON',
    '  --no-colour  plain',
    '',
    'example: arbor demo x',
  ].join('\n'));
});
