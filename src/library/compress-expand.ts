/**
 * Expanding a pattern's next hole, the abstraction search's step (./compress-search.ts). The hole's matches are split
 * by what they hold there (an application, a lambda, a variable, a primitive: one child each), and the hole may
 * become an argument, new or an existing one reused; children are offered to the search unless a named pruning
 * (./compress-prune.ts) discards them. When every match holds the same subtree, the hole takes it whole in one step.
 */
import { MANY_TASKS, type CorpusIndex } from './compress-index.ts';
import { appendNode, IVAR } from './compress-match.ts';
import { argOccurrences, bodyPenalty, site, spineLength, type Pattern, type Site } from './compress-pattern.ts';
import { ARGUMENT_PRUNINGS, PATTERN_PRUNINGS } from './compress-prune.ts';
import { APP, LAM, PRIM, shiftDown, VAR } from './compress-table.ts';
import type { CostModel } from './cost.ts';

/**
 * The prunings this module fires besides the rules of ./compress-prune.ts (PATTERN_PRUNINGS, ARGUMENT_PRUNINGS, which
 * declare their own names): a variable the body would leave free, an argument that would capture a body variable, and
 * a hole taken whole as the one subtree every match holds there.
 */
export const EXPAND_PRUNINGS: readonly string[] = ['freeVarBody', 'argCapture', 'sameSubtree'];

/** Int32 slots per match-table slab. */
const SLAB = 1 << 18;

/** What an expander works with, and where its children go. */
export interface ExpandOptions {
  readonly ix: CorpusIndex;
  readonly costs: CostModel;
  readonly structurePenalty: number;
  readonly maxArity: number;
  /** The incumbents (compress-top.ts): children whose bound is not above `top.least` are pruned. */
  readonly top: { readonly least: number };
  /** Firings per pruning rule (incremented here for the rules it applies and for EXPAND_PRUNINGS; all keys present). */
  readonly prunings: Record<string, number>;
  /** Takes a child (queued, dived into, or scored when it has no holes left). */
  readonly offer: (p: Pattern) => void;
  /** Takes a child that adds an application past the size stage's limit (for a later stage). */
  readonly defer: (p: Pattern) => void;
}

/** Expands a pattern's next hole; `maxApps` is the current size stage's limit on applications. */
export type Expander = (p: Pattern, maxApps: number) => void;

/** An expander for one search, with work buffers sized for the corpus and reused across expansions. */
export function createExpander(o: ExpandOptions): Expander {
  const { ix, costs, top, prunings, offer, defer, maxArity } = o;
  const P = o.structurePenalty, IV = costs.ivar;
  const { numPaths, taskOf } = ix;
  const N = ix.n, t = ix.t, appsIn = ix.apps;
  const kind = t.kind, ta = t.a, tb = t.b, tcost = t.cost, minFree = t.minFree;

  // Work buffers (a pattern has at most N matches, an expansion at most N + 2 groups).
  const nodes = new Int32Array(N), groupOfLoc = new Int32Array(N), ok = new Uint8Array(N), saves = new Float64Array(N);
  const eqs = Array.from({ length: maxArity }, () => new Uint8Array(N));
  const leafStamp = new Int32Array(N), leafGroup = new Int32Array(N);
  const gKey = new Int32Array(N + 2), gCount = new Int32Array(N + 2), gFirst = new Int32Array(N + 2);
  const gOcc = new Float64Array(N + 2), gSum = new Float64Array(N + 2), gMany = new Uint8Array(N + 2);
  const gFill = new Int32Array(N + 2);
  let stamp = 0;
  // Match tables are carved from shared slabs: a typed array of its own per pattern costs a backing store each.
  const slabSize = Math.min(SLAB, Math.max(4096, 32 * N));
  let slab = new Int32Array(slabSize), slabAt = 0;
  const alloc = (size: number): Int32Array => {
    if (size > slabSize >> 4) return new Int32Array(size);
    if (slabAt + size > slabSize) { slab = new Int32Array(slabSize); slabAt = 0; }
    slabAt += size;
    return slab.subarray(slabAt - size, slabAt);
  };
  const inSub = new Int32Array(N), okBuf = new Int32Array(N);
  let subStamp = 0;

  const penalty = (bodyCost: number, occ: number): number => bodyPenalty(P, IV, bodyCost, occ);
  const sameArgument = (n: number, depth: number, m: number, mDepth: number): boolean =>
    depth === mDepth ? n === m : shiftDown(t, n, depth) === shiftDown(t, m, mDepth);
  const candidate = { occurrences: 0, manyTasks: false, bound: 0 };
  const pruned = (occurrences: number, manyTasks: boolean, bound: number): boolean => {
    candidate.occurrences = occurrences; candidate.manyTasks = manyTasks; candidate.bound = bound;
    for (const r of PATTERN_PRUNINGS) if (r.apply(candidate, top.least)) { prunings[r.name]!++; return true; }
    return false;
  };
  /** Starts group g (accumulators of one candidate child). */
  const openGroup = (g: number, key: number): void => {
    gKey[g] = key; gCount[g] = 0; gOcc[g] = 0; gSum[g] = 0; gFirst[g] = -1; gMany[g] = 0; gFill[g] = 0;
  };
  const tally = (g: number, loc: number, s: number): void => {
    const m = numPaths[loc]!;
    gCount[g]!++; gOcc[g]! += m;
    if (s > 0) gSum[g]! += m * s;
    const k = taskOf[loc]!;
    if (k === MANY_TASKS) gMany[g] = 1;
    else if (gFirst[g] === -1) gFirst[g] = k;
    else if (gFirst[g] !== k) gMany[g] = 1;
  };

  /** Fills `saves` with the most one use can save at each match: its cost minus the application and arguments. */
  const measure = (p: Pattern): void => {
    const L = p.n, rows = p.rows, W = p.ivars.length + 1;
    const use = costs.prim + (W - 1) * costs.app;
    for (let i = 0; i < L; i++) {
      const r = i * W;
      let s = tcost[rows[r]!]! - use;
      for (let j = 1; j < W; j++) s -= tcost[rows[r + j]!]!;
      saves[i] = s;
    }
  };

  /** Fills `nodes` with the node at the hole for each match. */
  const locate = (p: Pattern, hole: Site): void => {
    const L = p.n, rows = p.rows, W = p.ivars.length + 1;
    const path = hole.path, bits = hole.bits, plen = path.length, known = p.next, anchor = hole.anchor;
    if (known) nodes.set(known.subarray(0, L));
    else if (anchor) {
      const ar = anchor.rows, aw = anchor.w, an = anchor.nodes, m = anchor.n;
      if (m > 8 * L) {
        // Few rows left of many: binary search (rows and the anchor's are both ascending by node).
        for (let i = 0, lo = 0; i < L; i++) {
          const loc = rows[i * W]!;
          let hi = m - 1;
          while (lo < hi) { const mid = (lo + hi) >> 1; if (ar[mid * aw]! < loc) lo = mid + 1; else hi = mid; }
          nodes[i] = an[lo]!;
        }
      } else {
        for (let i = 0, q = 0; i < L; i++) {
          const loc = rows[i * W]!;
          while (ar[q * aw] !== loc) q++; // rows are an ordered subset of the anchor's
          nodes[i] = an[q]!;
        }
      }
    } else {
      for (let i = 0; i < L; i++) {
        let n = rows[i * W]!;
        if (bits >= 0) for (let k = 0; k < plen; k++) n = (bits >>> k) & 1 ? tb[n]! : ta[n]!;
        else for (let k = 0; k < plen; k++) n = path[k] === 0 ? ta[n]! : tb[n]!;
        nodes[i] = n;
      }
    }
  };

  /**
   * True when every match holds the same subtree at the hole (a node other than the root; `nodes` located): a new
   * argument would be useless (uselessAbstract) and so would any below it, so unless an existing argument could be
   * reused somewhere inside it, the hole becomes that whole subtree in one step (Stitch reaches the same pattern hole
   * by hole).
   */
  const sameSubtree = (p: Pattern, depth: number): boolean => {
    const L = p.n, rows = p.rows, A = p.ivars.length, W = A + 1;
    const n0 = nodes[0]!;
    let same = t.maxFree[n0]! < depth; // else a variable of it would escape the body
    for (let i = 1; same && i < L; i++) if (nodes[i] !== n0) same = false;
    if (same && A > 0) {
      const st = ++subStamp;
      const stack = [n0];
      while (stack.length) {
        const n = stack.pop()!;
        if (inSub[n] === st) continue;
        inSub[n] = st;
        if (kind[n] === APP) stack.push(ta[n]!, tb[n]!);
        else if (kind[n] === LAM) stack.push(ta[n]!);
      }
      for (let i = 0; same && i < L; i++) {
        for (let j = 1; j < W; j++) {
          const x = rows[i * W + j]!;
          if (t.maxFree[x]! >= 0 || inSub[x] === st) { same = false; break; } // (open arguments: don't risk it)
        }
      }
    }
    return same;
  };

  /** The hole as the subtree `n0` that every match holds there. */
  const takeSubtree = (p: Pattern, rest: readonly Site[], n0: number): void => {
    prunings.sameSubtree!++;
    offer({
      ...p, tokens: appendNode(t, p.tokens, n0), holes: rest, next: null,
      bodyCost: p.bodyCost + tcost[n0]!, bound: p.bound - P * tcost[n0]!, tight: p.tight && !p.spineOpen,
      spine: p.spineOpen ? p.spine + spineLength(n0, kind, ta) : p.spine, spineOpen: false, apps: p.apps + appsIn[n0]!,
    });
  };

  /** Concrete expansions: groups matches by what the hole holds (one group for APP, one for LAM, one per leaf). */
  const expandConcrete = (p: Pattern, hole: Site, rest: readonly Site[], occ: number, maxApps: number): void => {
    const L = p.n, rows = p.rows, W = p.ivars.length + 1, path = hole.path, depth = hole.depth;
    stamp++;
    let G = 0, appG = -1, lamG = -1;
    for (let i = 0; i < L; i++) {
      const n = nodes[i]!, k = kind[n];
      let g: number;
      if (k === APP) { if (appG < 0) { appG = G++; openGroup(appG, -1); } g = appG; }
      else if (k === LAM) { if (lamG < 0) { lamG = G++; openGroup(lamG, -2); } g = lamG; }
      else if (leafStamp[n] === stamp) g = leafGroup[n]!;
      else { leafStamp[n] = stamp; g = leafGroup[n] = G++; openGroup(g, n); }
      groupOfLoc[i] = g;
      tally(g, rows[i * W]!, saves[i]!);
    }
    const children: (Pattern | null)[] = new Array(G).fill(null);
    for (let g = 0; g < G; g++) {
      const key = gKey[g]!;
      let holes: readonly Site[], tokKind: number, tokVal = 0, cost: number;
      let argSite: Site | null = null;
      if (key === -1) {
        argSite = site([...path, 1], depth);
        holes = [...rest, argSite, site([...path, 0], depth)];
        tokKind = APP; cost = costs.app;
      } else if (key === -2) {
        holes = [...rest, site([...path, 0], depth + 1)];
        tokKind = LAM; cost = costs.lam;
      } else if (kind[key] === VAR) {
        if (ta[key]! >= depth) { prunings.freeVarBody!++; continue; } // the abstraction must be closed
        holes = rest; tokKind = VAR; tokVal = key; cost = costs.var;
      } else {
        holes = rest; tokKind = PRIM; tokVal = key; cost = costs.prim;
      }
      const bodyCost = p.bodyCost + cost;
      const bound = gSum[g]! - penalty(bodyCost, occ);
      if (pruned(gOcc[g]!, gMany[g] === 1, bound)) continue;
      const c = gCount[g]!;
      const child: Pattern = children[g] = {
        tokens: { prev: p.tokens, kind: tokKind, val: tokVal }, holes, ivars: p.ivars, counts: p.counts,
        rows: alloc(c * W), n: c, next: key < 0 ? alloc(c) : null, bodyCost, bound,
        tight: false, spine: p.spineOpen && key === -1 ? p.spine + 1 : p.spine, spineOpen: p.spineOpen && key === -1,
        apps: key === -1 ? p.apps + 1 : p.apps,
      };
      if (argSite) argSite.anchor = { rows: child.rows, w: W, n: c, nodes: alloc(c) };
    }
    for (let i = 0; i < L; i++) {
      const g = groupOfLoc[i]!, ch = children[g];
      if (!ch) continue;
      const at = gFill[g]!++, to = at * W, from = i * W, out = ch.rows;
      for (let j = 0; j < W; j++) out[to + j] = rows[from + j]!;
      if (ch.next) ch.next[at] = ta[nodes[i]!]!; // an app's function or a lambda's body: the child's next hole
      if (gKey[g] === -1) ch.holes[ch.holes.length - 2]!.anchor!.nodes[at] = tb[nodes[i]!]!; // and an app's argument
    }
    for (let g = 0; g < G; g++) {
      const ch = children[g];
      if (!ch) continue;
      if (gKey[g] === -1 && p.apps >= maxApps) defer(ch); // (a later size stage)
      else offer(ch);
    }
  };

  /** Argument expansions: the hole as a new argument, or as each existing one where it holds what that one does. */
  const expandArguments = (p: Pattern, hole: Site, rest: readonly Site[], occ: number): void => {
    const L = p.n, rows = p.rows, A = p.ivars.length, W = A + 1, depth = hole.depth;
    let okCount = 0;
    for (let i = 0; i < L; i++) {
      const v = minFree[nodes[i]!]! >= depth ? 1 : 0; // else the argument would capture a body variable
      ok[i] = v; okCount += v;
    }
    if (okCount < L) prunings.argCapture! += L - okCount;
    if (okCount === 0) return;
    // eqs[j][i]: at match i the hole holds what argument j holds.
    const sameAs: boolean[] = [];
    for (let j = 0; j < A; j++) {
      const eq = eqs[j]!, jd = p.ivars[j]!.depth;
      let all = true;
      for (let i = 0; i < L; i++) {
        if (!ok[i]) continue;
        const e = sameArgument(nodes[i]!, depth, rows[i * W + 1 + j]!, jd);
        eq[i] = e ? 1 : 0;
        if (!e) all = false;
      }
      sameAs.push(all);
    }
    if (A < maxArity) {
      for (let i = 0, q = 0; i < L; i++) if (ok[i]) okBuf[q++] = nodes[i]!;
      const okNodes = okBuf.subarray(0, okCount);
      const argPruned = ARGUMENT_PRUNINGS.find((r) => r.apply({ t, nodes: okNodes, sameAs }));
      if (argPruned) prunings[argPruned.name]!++;
      else {
        openGroup(0, 0);
        for (let i = 0; i < L; i++) if (ok[i]) tally(0, rows[i * W]!, saves[i]! - costs.app - tcost[nodes[i]!]!);
        const bound = gSum[0]! - penalty(p.bodyCost, occ + 1);
        if (!pruned(gOcc[0]!, gMany[0] === 1, bound)) {
          const W2 = W + 1, out = alloc(okCount * W2);
          for (let i = 0, q = 0; i < L; i++) {
            if (!ok[i]) continue;
            const to = q++ * W2, from = i * W;
            for (let j = 0; j < W; j++) out[to + j] = rows[from + j]!;
            out[to + W] = nodes[i]!;
          }
          offer({
            tokens: { prev: p.tokens, kind: IVAR, val: A }, holes: rest, ivars: [...p.ivars, hole], counts: [...p.counts, 1],
            rows: out, n: okCount, next: null, bodyCost: p.bodyCost, bound, tight: false, spine: p.spine, spineOpen: false, apps: p.apps,
          });
        }
      }
    }
    for (let j = 0; j < A; j++) {
      const eq = eqs[j]!;
      openGroup(0, 0);
      for (let i = 0; i < L; i++) if (ok[i] && eq[i]) tally(0, rows[i * W]!, saves[i]!);
      const c = gCount[0]!;
      if (c === 0) continue;
      const bound = gSum[0]! - penalty(p.bodyCost, occ + 1);
      if (pruned(gOcc[0]!, gMany[0] === 1, bound)) continue;
      const out = alloc(c * W);
      for (let i = 0, q = 0; i < L; i++) {
        if (!(ok[i] && eq[i])) continue;
        const to = q++ * W, from = i * W;
        for (let jj = 0; jj < W; jj++) out[to + jj] = rows[from + jj]!;
      }
      const counts = p.counts.slice();
      counts[j]!++;
      offer({
        tokens: { prev: p.tokens, kind: IVAR, val: j }, holes: rest, ivars: p.ivars, counts, rows: out, n: c, next: null,
        bodyCost: p.bodyCost, bound, tight: false, spine: p.spine, spineOpen: false, apps: p.apps,
      });
    }
  };

  return (p, maxApps) => {
    const hole = p.holes[p.holes.length - 1]!, rest = p.holes.slice(0, -1), occ = argOccurrences(p);
    locate(p, hole);
    const root = hole.path.length === 0;
    if (!root && p.n > 0 && sameSubtree(p, hole.depth)) { takeSubtree(p, rest, nodes[0]!); return; }
    measure(p); // (the same-subtree step needs no savings)
    expandConcrete(p, hole, rest, occ, maxApps);
    if (!root) expandArguments(p, hole, rest, occ); // (never at the root: the identity abstraction #0 is useless)
  };
}
