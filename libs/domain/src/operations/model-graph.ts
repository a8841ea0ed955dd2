/**
 * A process model as the instance-modification rules read it: its elements (with the scope that
 * holds each, and whether it is a control), and the flows between them. Built from BPMN by the
 * models library; plain data here so that the rules are pure and unit-tested.
 */
export interface GraphElement {
  id: string;
  /** The engine's element type, e.g. USER_TASK, SERVICE_TASK, SUB_PROCESS, BOUNDARY_EVENT. */
  type: string;
  /** The model's name for it (English and Chinese), the id when it has none. */
  name: string;
  /** The sub-process that holds it; null for an element of the process itself. */
  scopeId: string | null;
  /** An event sub-process or a multi-instance element holds it (or it is one). */
  special: 'event-sub-process' | 'multi-instance' | null;
  /** What it controls, when it is a control: a duty, a decision, a check (else null). */
  control: string | null;
  /** A job type that moves money or changes a loan's standing: never activated by hand. */
  guarded: boolean;
  /** The job type of a service task, when it has one. */
  jobType: string | null;
}

export interface ModelGraph {
  elements: ReadonlyMap<string, GraphElement>;
  /** Directed edges: sequence flows, attachment to a boundary event, entry into a sub-process,
   *  and a sub-process's end events to what follows the sub-process. */
  edges: readonly (readonly [string, string])[];
  /** Where tokens are born: the process's start events. */
  roots: readonly string[];
}

/**
 * The graph without its loops: a depth-first walk from the roots drops every edge back to an
 * element still on the walk's path (a return for supplement, a refer-up, a new committee round).
 * "Upstream" in the rules means upstream on this acyclic graph, so that a move back along a loop
 * is a move back, never a skip.
 */
export function forwardEdges(graph: ModelGraph): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const [from, to] of graph.edges) next.set(from, [...(next.get(from) ?? []), to]);
  const forward = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const visit = (start: string) => {
    // Iterative: models are small, but a recursion per element reads worse in a stack trace.
    const stack: { id: string; index: number }[] = [{ id: start, index: 0 }];
    state.set(start, 'open');
    for (let top = stack.at(-1); top; top = stack.at(-1)) {
      const target = (next.get(top.id) ?? [])[top.index++];
      if (target === undefined) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      if (state.get(target) === 'open') continue; // a loop back: not a forward edge
      forward.set(top.id, [...(forward.get(top.id) ?? []), target]);
      if (!state.has(target)) {
        state.set(target, 'open');
        stack.push({ id: target, index: 0 });
      }
    }
  };
  for (const root of graph.roots) if (!state.has(root)) visit(root);
  return forward;
}

/** Every element reachable from `from` on the forward edges, `from` included. */
export function downstreamOf(forward: Map<string, string[]>, from: string): Set<string> {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length) {
    for (const target of forward.get(queue.shift()!) ?? [])
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
  }
  return seen;
}
