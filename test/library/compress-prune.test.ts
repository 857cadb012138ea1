// The argument prunings of the abstraction search (src/library/compress-prune.ts), on node tables built by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../src/lang/parse.ts';
import { ARGUMENT_PRUNINGS, sharedPart } from '../../src/library/compress-prune.ts';
import { createTable, internExpr } from '../../src/library/compress-table.ts';
import { STITCH_COSTS } from '../../src/library/cost.ts';

const table = () => createTable(STITCH_COSTS);
const rule = (name: string) => ARGUMENT_PRUNINGS.find((r) => r.name === name)!;

test('sharedPart: (g y) with one closed g, or (g h) with one closed h, at every match', () => {
  const t = table();
  const ids = (...srcs: string[]) => Int32Array.from(srcs.map((s) => internExpr(t, parse(s))));
  assert.equal(sharedPart(t, ids('(T a)', '(T b)', '(T (f c))'), 1, 0, 3), true); // #0 -> (T #0)
  assert.equal(sharedPart(t, ids('(f a 1)', '(g b 1)'), 1, 0, 2), true); // #0 -> (#0 1)
  assert.equal(sharedPart(t, ids('(T a)', '(C a2)'), 1, 0, 2), false); // a genuinely higher-order argument
  assert.equal(sharedPart(t, ids('(T a)', 'b'), 1, 0, 2), false); // not always an application
  assert.equal(sharedPart(t, ids('($0 a)', '($0 b)'), 1, 0, 2), false); // $0 is bound outside: it can't go in the body
  // Strided: the second column of rows [match, arg0, arg1].
  const rows = ids('x', 'p', '(M 1 0 a)', 'y', 'q', '(M 1 0 b)');
  assert.equal(sharedPart(t, rows, 3, 2, 2), true);
  assert.equal(sharedPart(t, rows, 3, 1, 2), false);
});

test('uselessAbstract: only a closed subtree the same everywhere goes into the body', () => {
  const t = table();
  const same = Int32Array.from([internExpr(t, parse('(f a)')), internExpr(t, parse('(f a)'))]);
  const open = Int32Array.from([internExpr(t, parse('(f $0)')), internExpr(t, parse('(f $0)'))]);
  assert.equal(rule('uselessAbstract').apply({ t, nodes: same, sameAs: [] }), true);
  // (f $0) mentions a variable from outside the abstraction, so it has to stay an argument.
  assert.equal(rule('uselessAbstract').apply({ t, nodes: open, sameAs: [] }), false);
  assert.equal(rule('sharedPart').apply({ t, nodes: open, sameAs: [] }), true); // (f #0) is the dominating choice
});
