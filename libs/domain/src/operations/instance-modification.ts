import { downstreamOf, forwardEdges, GraphElement, ModelGraph } from './model-graph';

/**
 * Instance modification (moving a token, activating an element, cancelling one) as a bank may
 * allow it: never past a control the instance has not passed, never at a step that moves money,
 * never leaving the instance without a token. The broker would take any of these; the rules are
 * what keep the approval, the checks and the payout where the model put them.
 */

export type ModificationInstruction =
  | {
      kind: 'move';
      fromElementId: string;
      toElementId: string;
      variables?: Record<string, unknown>;
    }
  | { kind: 'activate'; elementId: string; variables?: Record<string, unknown> }
  | { kind: 'cancel'; elementInstanceKey: string };

/** One element instance of the process instance, as the projection keeps it. */
export interface InstanceElement {
  elementInstanceKey: string;
  elementId: string;
  elementType: string;
  /** 'active', 'completed' or 'terminated', as the projection records it. */
  state: string;
  /** ISO instants (compare as text). */
  startedAt: string | null;
  endedAt: string | null;
}

export interface PlannedActivation {
  elementId: string;
  name: string;
  /** The active sub-process instance to create it in; '-1' at the process's own level. */
  ancestorElementInstanceKey: string;
  variables: Record<string, unknown>;
}

export interface ModificationPlan {
  terminate: { elementInstanceKey: string; elementId: string; name: string }[];
  activate: PlannedActivation[];
  /** Where the instance will wait once the broker has applied it. */
  tokensAfter: { elementId: string; name: string }[];
  /** The controls the move crosses backwards or redoes, each with why it is allowed. */
  checks: ModificationCheck[];
}

/** A control the modification crosses: passed before and kept, or the target itself, redone. */
export interface ModificationCheck {
  elementId: string;
  name: string;
  verdict: 'kept' | 'redone';
  /** What the control is (a duty, a decision, a worker's declared control). */
  control: string;
}

/**
 * Why a modification is refused, by rule: a client words it in its reader's language with the
 * steps named (`elementIds`); `reason` is the same in English for the API's readers and the logs.
 */
export type ModificationRule =
  | 'noInstructions'
  | 'tooManyInstructions'
  | 'unknownKind'
  | 'noTokenAt'
  | 'notActiveInstance'
  | 'neverCancelled'
  | 'notAnElement'
  | 'engineStarts'
  | 'eventSubProcess'
  | 'multiInstance'
  | 'neverActivated'
  | 'insideRepeated'
  | 'scopeNotActive'
  | 'scopeActiveTwice'
  | 'alreadyThere'
  | 'skipsControl'
  | 'dropsControl'
  | 'noTokenLeft'
  | 'variableNotRead'
  | 'variableInvalid';

export interface ModificationProblem {
  field: string;
  reason: string;
  rule: ModificationRule;
  /** The steps the reason names, in its order. */
  elementIds: string[];
}

type Refusal = Pick<ModificationProblem, 'reason' | 'rule' | 'elementIds'>;

export const MAX_MODIFICATION_INSTRUCTIONS = 10;

/** Containers hold the tokens of their children: a token is where a non-container is active. */
const CONTAINERS = new Set(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'MULTI_INSTANCE_BODY']);
/** What the engine cannot start by hand, or must only start by its own events. */
const NOT_ACTIVATABLE = new Set(['START_EVENT', 'BOUNDARY_EVENT', 'SEQUENCE_FLOW']);

export function planModification(
  graph: ModelGraph,
  history: readonly InstanceElement[],
  instructions: readonly ModificationInstruction[],
): { plan: ModificationPlan; problems: ModificationProblem[] } {
  const problems: ModificationProblem[] = [];
  const plan: ModificationPlan = { terminate: [], activate: [], tokensAfter: [], checks: [] };
  if (instructions.length === 0)
    problems.push({
      field: 'instructions',
      reason: 'must hold at least one instruction',
      rule: 'noInstructions',
      elementIds: [],
    });
  if (instructions.length > MAX_MODIFICATION_INSTRUCTIONS)
    problems.push({
      field: 'instructions',
      reason: `holds ${instructions.length}; at most ${MAX_MODIFICATION_INSTRUCTIONS} in one modification`,
      rule: 'tooManyInstructions',
      elementIds: [],
    });
  const forward = forwardEdges(graph);
  const upstream = reverse(forward);
  const nameOf = (id: string) => graph.elements.get(id)?.name ?? id;
  const active = history.filter((e) => e.state === 'active');
  const tokens = active.filter((e) => !CONTAINERS.has(e.elementType));
  const terminated = new Set<string>();

  const terminate = (field: string, instance: InstanceElement) => {
    const element = graph.elements.get(instance.elementId);
    if (element?.guarded) {
      problems.push({
        field,
        reason: `${nameOf(instance.elementId)} moves money or changes the loan's standing: it is never cancelled by hand`,
        rule: 'neverCancelled',
        elementIds: [instance.elementId],
      });
      return;
    }
    if (!terminated.has(instance.elementInstanceKey)) {
      terminated.add(instance.elementInstanceKey);
      plan.terminate.push({
        elementInstanceKey: instance.elementInstanceKey,
        elementId: instance.elementId,
        name: nameOf(instance.elementId),
      });
    }
  };
  const targets: { field: string; elementId: string; variables: Record<string, unknown> }[] = [];

  instructions.forEach((instruction, index) => {
    const field = `instructions[${index}]`;
    switch (instruction.kind) {
      case 'move': {
        const from = active.filter((e) => e.elementId === instruction.fromElementId);
        if (from.length === 0)
          problems.push({
            field: `${field}.fromElementId`,
            reason: `the instance has no token at ${instruction.fromElementId}`,
            rule: 'noTokenAt',
            elementIds: [instruction.fromElementId],
          });
        for (const instance of from) terminate(`${field}.fromElementId`, instance);
        targets.push({
          field: `${field}.toElementId`,
          elementId: instruction.toElementId,
          variables: instruction.variables ?? {},
        });
        break;
      }
      case 'activate':
        targets.push({
          field: `${field}.elementId`,
          elementId: instruction.elementId,
          variables: instruction.variables ?? {},
        });
        break;
      case 'cancel': {
        const instance = active.find(
          (e) => e.elementInstanceKey === instruction.elementInstanceKey,
        );
        if (!instance)
          problems.push({
            field: `${field}.elementInstanceKey`,
            reason: `${instruction.elementInstanceKey} is not an active element instance of this process instance`,
            rule: 'notActiveInstance',
            elementIds: [],
          });
        else terminate(`${field}.elementInstanceKey`, instance);
        break;
      }
      default:
        problems.push({
          field: `${field}.kind`,
          reason: 'must be move, activate or cancel',
          rule: 'unknownKind',
          elementIds: [],
        });
    }
  });

  const passed = (control: string) => controlPassed(control, history, upstream);
  const sources = [...new Set(tokens.map((t) => t.elementId))];

  for (const target of targets) {
    const element = graph.elements.get(target.elementId);
    const refusal: Refusal | null = element
      ? activationRefusal(element, graph)
      : {
          reason: `${target.elementId} is not an element of this process version`,
          rule: 'notAnElement',
          elementIds: [target.elementId],
        };
    if (refusal) {
      problems.push({ field: target.field, ...refusal });
      continue;
    }
    const ancestor = ancestorOf(element!, active);
    if (typeof ancestor !== 'string') {
      problems.push({ field: target.field, ...ancestor });
      continue;
    }
    const stays = tokens.some(
      (t) => t.elementId === element!.id && !terminated.has(t.elementInstanceKey),
    );
    if (stays || plan.activate.some((a) => a.elementId === element!.id)) {
      problems.push({
        field: target.field,
        reason: `the instance already has a token at ${element!.name}`,
        rule: 'alreadyThere',
        elementIds: [element!.id],
      });
      continue;
    }
    // Every control on a path from where the instance is to the target must have been passed
    // (and not gone back over since); the target itself may be a control: it is then redone.
    const skipped: GraphElement[] = [];
    for (const control of [...graph.elements.values()].filter((e) => e.control)) {
      if (control.id === element!.id) continue;
      const between =
        sources.some((source) => downstreamOf(forward, source).has(control.id)) &&
        downstreamOf(forward, control.id).has(element!.id);
      if (!between) continue;
      if (passed(control.id)) plan.checks.push(checkOf(control, 'kept'));
      else skipped.push(control);
    }
    if (skipped.length) {
      problems.push({
        field: target.field,
        reason: `activating ${element!.name} would skip ${skipped
          .map((c) => `${c.name} (${c.control})`)
          .join(', ')}: the instance has not passed ${skipped.length > 1 ? 'them' : 'it'}`,
        rule: 'skipsControl',
        elementIds: [element!.id, ...skipped.map((c) => c.id)],
      });
      continue;
    }
    if (element!.control) plan.checks.push(checkOf(element!, 'redone'));
    plan.activate.push({
      elementId: element!.id,
      name: element!.name,
      ancestorElementInstanceKey: ancestor,
      variables: target.variables,
    });
  }

  // A control's token cancelled is only allowed when the same act starts it again or a step
  // before it: the control is redone, never dropped.
  for (const cancelled of plan.terminate) {
    const element = graph.elements.get(cancelled.elementId);
    if (!element?.control) continue;
    const redone = plan.activate.some((a) => downstreamOf(forward, a.elementId).has(element.id));
    if (!redone)
      problems.push({
        field: 'instructions',
        reason: `cancelling ${element.name} drops a control (${element.control}): move the token back before it instead`,
        rule: 'dropsControl',
        elementIds: [element.id],
      });
  }

  const remaining = tokens.filter((t) => !terminated.has(t.elementInstanceKey));
  plan.tokensAfter = [
    ...remaining.map((t) => ({ elementId: t.elementId, name: nameOf(t.elementId) })),
    ...plan.activate.map((a) => ({ elementId: a.elementId, name: a.name })),
  ];
  if (problems.length === 0 && plan.tokensAfter.length === 0)
    problems.push({
      field: 'instructions',
      reason: 'would leave the instance without a token: cancel the instance instead',
      rule: 'noTokenLeft',
      elementIds: [],
    });
  return { plan, problems };
}

function activationRefusal(element: GraphElement, graph: ModelGraph): Refusal | null {
  const refuse = (rule: ModificationRule, reason: string, elementIds = [element.id]): Refusal => ({
    reason,
    rule,
    elementIds,
  });
  if (
    NOT_ACTIVATABLE.has(element.type) ||
    (CONTAINERS.has(element.type) && element.type !== 'SUB_PROCESS')
  )
    return refuse(
      'engineStarts',
      `${element.name} is a ${element.type.toLowerCase().replace(/_/g, ' ')}: the engine starts it on its own`,
    );
  if (element.special === 'event-sub-process')
    return refuse(
      'eventSubProcess',
      `${element.name} belongs to an event sub-process: its event starts it`,
    );
  if (element.special === 'multi-instance')
    return refuse(
      'multiInstance',
      `${element.name} is one of many parallel instances (a committee's ballots): its round starts them`,
    );
  if (element.guarded)
    return refuse(
      'neverActivated',
      `${element.name} moves money or changes the loan's standing: only the model's own path reaches it`,
    );
  for (let scope = element.scopeId; scope; scope = graph.elements.get(scope)?.scopeId ?? null) {
    const holder = graph.elements.get(scope);
    if (holder?.special)
      return refuse(
        'insideRepeated',
        `${element.name} sits inside ${holder.name}, which the engine repeats or starts on an event`,
        [element.id, holder.id],
      );
  }
  return null;
}

function checkOf(control: GraphElement, verdict: ModificationCheck['verdict']): ModificationCheck {
  return { elementId: control.id, name: control.name, verdict, control: control.control ?? '' };
}

/** The sub-process instance to create the element in: the one active instance of its scope. */
function ancestorOf(element: GraphElement, active: readonly InstanceElement[]): string | Refusal {
  if (!element.scopeId) return '-1';
  const holders = active.filter((e) => e.elementId === element.scopeId);
  const [holder] = holders;
  if (holder && holders.length === 1) return holder.elementInstanceKey;
  return holders.length === 0
    ? {
        reason: `${element.name} is inside ${element.scopeId}, which is not active: move to ${element.scopeId} itself`,
        rule: 'scopeNotActive',
        elementIds: [element.id, element.scopeId],
      }
    : {
        reason: `${element.scopeId} is active more than once: cancel and activate element instances by key`,
        rule: 'scopeActiveTwice',
        elementIds: [element.scopeId],
      };
}

/**
 * A control is passed when its last pass completed and the instance has not gone back before it
 * since (no element upstream of it, or itself, started after that completion).
 */
function controlPassed(
  control: string,
  history: readonly InstanceElement[],
  upstream: Map<string, string[]>,
): boolean {
  const completions = history
    .filter((e) => e.elementId === control && e.state === 'completed' && e.endedAt)
    .map((e) => e.endedAt!)
    .sort();
  const last = completions[completions.length - 1];
  if (!last) return false;
  const before = downstreamOf(upstream, control);
  return !history.some(
    (e) => before.has(e.elementId) && e.startedAt !== null && e.startedAt > last,
  );
}

function reverse(forward: Map<string, string[]>): Map<string, string[]> {
  const back = new Map<string, string[]>();
  for (const [from, targets] of forward)
    for (const to of targets) back.set(to, [...(back.get(to) ?? []), from]);
  return back;
}
