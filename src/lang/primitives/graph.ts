/**
 * Directed graphs over integer nodes (GraphValue). Traversals visit successors in edge insertion order;
 * node lists come out ascending, so results do not depend on how a graph was built.
 */
import type { Primitive } from '../primitive.ts';
import { NONE, GraphValue, some } from '../value.ts';
import { checkSize, tick } from '../runtime.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';

/** Declares a graph primitive (side-effect free, so export's tree shaking can drop this module's table). */
/* @__NO_SIDE_EFFECTS__ */ function def(name: string, type: string, impl: Impl, doc: string, extras?: PrimitiveExtras): Primitive {
  return define('graph', import.meta.url, name, type, impl, doc, extras);
}

type Adj = ReadonlyMap<number, readonly number[]>;

export const graphPrimitives: readonly Primitive[] = [
  def('graph.from-edges', 'list(pair(int, int)) -> graph', (es: readonly (readonly [number, number])[]) => {
    checkSize(es.length);
    tick(1 + es.length);
    const nodes: number[] = [];
    const adj = new Map<number, number[]>();
    for (const [a, b] of es) {
      for (const n of [a, b]) if (!adj.has(n)) { adj.set(n, []); nodes.push(n); }
      adj.get(a)!.push(b);
    }
    return new GraphValue(nodes, adj);
  }, 'the directed graph with these edges (a, b) meaning a -> b'),
  def('graph.add-edge', 'int -> int -> graph -> graph', (a: number, b: number, g: GraphValue) => {
    checkSize(g.nodes.length + 2);
    tick(1 + (g.nodes.length >> 4));
    const nodes = [...g.nodes];
    const adj = new Map(g.adj as Adj);
    for (const n of [a, b]) if (!adj.has(n)) { adj.set(n, []); nodes.push(n); }
    adj.set(a, [...adj.get(a)!, b]);
    return new GraphValue(nodes, adj);
  }, '(graph.add-edge a b g): g with the edge a -> b'),
  def('graph.nodes', 'graph -> list(int)', (g: GraphValue) => {
    tick(1 + g.nodes.length);
    return [...g.nodes].sort((x, y) => x - y);
  }, 'the nodes, ascending'),
  def('graph.edges', 'graph -> list(pair(int, int))', (g: GraphValue) => {
    const out: [number, number][] = [];
    for (const n of [...g.nodes].sort((x, y) => x - y)) for (const m of g.adj.get(n) ?? []) out.push([n, m]);
    tick(1 + out.length);
    return out;
  }, 'the edges (a, b), by ascending source then insertion order'),
  def('graph.neighbors', 'int -> graph -> list(int)', (n: number, g: GraphValue) => [...(g.adj.get(n) ?? [])],
    'the successors of n, in edge order (empty for an unknown node)'),
  def('graph.bfs', 'int -> graph -> list(int)', (start: number, g: GraphValue) => {
    const seen = new Set<number>([start]);
    const order = [start];
    for (let i = 0; i < order.length; i++) {
      tick(1);
      for (const m of g.adj.get(order[i]!) ?? []) if (!seen.has(m)) { seen.add(m); order.push(m); }
    }
    return order;
  }, 'the nodes reachable from start in breadth-first order (start first)'),
  def('graph.reachable', 'int -> int -> graph -> bool', (a: number, b: number, g: GraphValue) => {
    const seen = new Set<number>([a]);
    const queue = [a];
    for (let i = 0; i < queue.length; i++) {
      tick(1);
      if (queue[i] === b) return true;
      for (const m of g.adj.get(queue[i]!) ?? []) if (!seen.has(m)) { seen.add(m); queue.push(m); }
    }
    return false;
  }, '(graph.reachable a b g): there is a path from a to b (a reaches itself)'),
  def('graph.shortest-path-length', 'int -> int -> graph -> int', (a: number, b: number, g: GraphValue) => {
    const dist = new Map<number, number>([[a, 0]]);
    const queue = [a];
    for (let i = 0; i < queue.length; i++) {
      tick(1);
      const n = queue[i]!;
      if (n === b) return dist.get(n)!;
      for (const m of g.adj.get(n) ?? []) if (!dist.has(m)) { dist.set(m, dist.get(n)! + 1); queue.push(m); }
    }
    return -1;
  }, 'number of edges on a shortest path from a to b, or -1 if there is none'),
  def('graph.components', 'graph -> list(list(int))', (g: GraphValue) => {
    const und = new Map<number, number[]>();
    for (const n of g.nodes) und.set(n, []);
    for (const [n, ms] of g.adj) for (const m of ms) { und.get(n)?.push(m); und.get(m)?.push(n); }
    const seen = new Set<number>();
    const comps: number[][] = [];
    for (const s of [...g.nodes].sort((x, y) => x - y)) {
      if (seen.has(s)) continue;
      seen.add(s);
      const comp = [s];
      for (let i = 0; i < comp.length; i++) {
        tick(1);
        for (const m of und.get(comp[i]!) ?? []) if (!seen.has(m)) { seen.add(m); comp.push(m); }
      }
      comps.push(comp.sort((x, y) => x - y));
    }
    return comps;
  }, 'the weakly connected components, each ascending, ordered by their smallest node'),
  def('graph.topo-sort', 'graph -> maybe(list(int))', (g: GraphValue) => {
    const indeg = new Map<number, number>();
    for (const n of g.nodes) indeg.set(n, 0);
    for (const ms of g.adj.values()) for (const m of ms) indeg.set(m, (indeg.get(m) ?? 0) + 1);
    // Kahn's algorithm taking the smallest ready node first, so the order is canonical.
    const ready = [...indeg].filter(([, d]) => d === 0).map(([n]) => n);
    const order: number[] = [];
    while (ready.length > 0) {
      tick(ready.length);
      let k = 0;
      for (let i = 1; i < ready.length; i++) if (ready[i]! < ready[k]!) k = i;
      const n = ready.splice(k, 1)[0]!;
      order.push(n);
      for (const m of g.adj.get(n) ?? []) {
        const d = indeg.get(m)! - 1;
        indeg.set(m, d);
        if (d === 0) ready.push(m);
      }
    }
    return order.length === indeg.size ? some(order) : NONE;
  }, 'the nodes in topological order (smallest ready node first), or none if there is a cycle'),
  def('graph.has-cycle', 'graph -> bool', (g: GraphValue) => {
    const indeg = new Map<number, number>();
    for (const n of g.nodes) indeg.set(n, 0);
    for (const ms of g.adj.values()) for (const m of ms) indeg.set(m, (indeg.get(m) ?? 0) + 1);
    const ready = [...indeg].filter(([, d]) => d === 0).map(([n]) => n);
    let done = 0;
    while (ready.length > 0) {
      tick(1);
      const n = ready.pop()!;
      done++;
      for (const m of g.adj.get(n) ?? []) {
        const d = indeg.get(m)! - 1;
        indeg.set(m, d);
        if (d === 0) ready.push(m);
      }
    }
    return done < indeg.size;
  }, 'the graph has a directed cycle (a self-loop counts)'),
  def('graph.out-degree', 'int -> graph -> int', (n: number, g: GraphValue) => (g.adj.get(n) ?? []).length,
    'number of edges leaving n'),
];
