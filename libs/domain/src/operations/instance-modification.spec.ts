import { InstanceElement, planModification } from './instance-modification';
import { GraphElement, ModelGraph } from './model-graph';
import { textContaining } from '@loanflow/test-support/expected-text';

/**
 * A loan's path in small: the eligibility check, a credit decision sub-process (investigation,
 * review, approval, with a return from review to investigation), contracts, the disbursement
 * check and the payout.
 */
function element(id: string, type: string, extra: Partial<GraphElement> = {}): GraphElement {
  return {
    id,
    type,
    name: id,
    scopeId: null,
    special: null,
    control: null,
    guarded: false,
    jobType: null,
    ...extra,
  };
}
const inDecision = { scopeId: 'Decision' };
const ELEMENTS = [
  element('Start', 'START_EVENT'),
  element('Check', 'SERVICE_TASK', { control: 'eligibility' }),
  element('Decision', 'SUB_PROCESS'),
  element('DecisionStart', 'START_EVENT', inDecision),
  element('Investigate', 'USER_TASK', { ...inDecision, control: 'investigation' }),
  element('Review', 'USER_TASK', { ...inDecision, control: 'review' }),
  element('ReviewOutcome', 'EXCLUSIVE_GATEWAY', inDecision),
  element('Approve', 'USER_TASK', { ...inDecision, control: 'approval' }),
  element('DecisionEnd', 'END_EVENT', inDecision),
  element('Sign', 'USER_TASK'),
  element('Note', 'SERVICE_TASK'),
  element('CheckConditions', 'SERVICE_TASK', { control: 'disbursement conditions' }),
  element('Disburse', 'SERVICE_TASK', { guarded: true }),
  element('Deadline', 'BOUNDARY_EVENT'),
  element('End', 'END_EVENT'),
];
const GRAPH: ModelGraph = {
  elements: new Map(ELEMENTS.map((e) => [e.id, e])),
  edges: [
    ['Start', 'Check'],
    ['Check', 'Decision'],
    ['Decision', 'DecisionStart'],
    ['DecisionStart', 'Investigate'],
    ['Investigate', 'Review'],
    ['Review', 'ReviewOutcome'],
    ['ReviewOutcome', 'Investigate'],
    ['ReviewOutcome', 'Approve'],
    ['Approve', 'DecisionEnd'],
    ['DecisionEnd', 'Sign'],
    ['Decision', 'Deadline'],
    ['Sign', 'Note'],
    ['Note', 'CheckConditions'],
    ['CheckConditions', 'Disburse'],
    ['Disburse', 'End'],
  ],
  roots: ['Start'],
};

let clock = 0;
const at = () => new Date(Date.UTC(2026, 0, 1) + 1000 * clock++).toISOString();
function passedThrough(ids: string[], waitingAt: string[]): InstanceElement[] {
  const history: InstanceElement[] = [];
  for (const id of ids) {
    const started = at();
    history.push({
      elementInstanceKey: `k-${id}-${clock}`,
      elementId: id,
      elementType: GRAPH.elements.get(id)!.type,
      state:
        id === 'Decision' && waitingAt.some((w) => GRAPH.elements.get(w)?.scopeId)
          ? 'active'
          : 'completed',
      startedAt: started,
      endedAt: at(),
    });
  }
  for (const id of waitingAt)
    history.push({
      elementInstanceKey: `k-${id}-active`,
      elementId: id,
      elementType: GRAPH.elements.get(id)!.type,
      state: 'active',
      startedAt: at(),
      endedAt: null,
    });
  return history.map((e) => (e.state === 'active' ? { ...e, endedAt: null } : e));
}

const AT_APPROVAL = passedThrough(
  ['Start', 'Check', 'Decision', 'DecisionStart', 'Investigate', 'Review', 'ReviewOutcome'],
  ['Approve'],
);

describe('instance modification: what a bank lets an operator move', () => {
  it('moves a token back from approval to investigation, in the running credit decision', () => {
    const { plan, problems } = planModification(GRAPH, AT_APPROVAL, [
      { kind: 'move', fromElementId: 'Approve', toElementId: 'Investigate' },
    ]);
    expect(problems).toEqual([]);
    expect(plan.terminate).toEqual([
      { elementInstanceKey: 'k-Approve-active', elementId: 'Approve', name: 'Approve' },
    ]);
    const decision = AT_APPROVAL.find((e) => e.elementId === 'Decision')!;
    expect(plan.activate).toEqual([
      {
        elementId: 'Investigate',
        name: 'Investigate',
        ancestorElementInstanceKey: decision.elementInstanceKey,
        variables: {},
      },
    ]);
    expect(plan.tokensAfter).toEqual([{ elementId: 'Investigate', name: 'Investigate' }]);
    expect(plan.checks).toEqual([
      {
        elementId: 'Investigate',
        name: 'Investigate',
        verdict: 'redone',
        control: 'investigation',
      },
    ]);
  });

  it('refuses a move past the approval the instance has not given', () => {
    const { problems } = planModification(GRAPH, AT_APPROVAL, [
      { kind: 'move', fromElementId: 'Approve', toElementId: 'Sign' },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'instructions[0].toElementId',
        reason: textContaining('would skip Approve (approval)'),
        rule: 'skipsControl',
        elementIds: ['Sign', 'Approve'],
      }),
      expect.objectContaining({
        reason: textContaining('cancelling Approve drops a control'),
        rule: 'dropsControl',
        elementIds: ['Approve'],
      }),
    ]);
  });

  it('refuses skipping forward from review, and a move to the payout in any case', () => {
    const atReview = passedThrough(
      ['Start', 'Check', 'Decision', 'DecisionStart', 'Investigate'],
      ['Review'],
    );
    expect(
      planModification(GRAPH, atReview, [
        { kind: 'move', fromElementId: 'Review', toElementId: 'Approve' },
      ]).problems.map((p) => p.reason),
    ).toEqual([
      textContaining('would skip Review (review)'),
      textContaining('cancelling Review drops a control'),
    ]);
    const atSigning = passedThrough(
      [
        'Start',
        'Check',
        'Decision',
        'DecisionStart',
        'Investigate',
        'Review',
        'ReviewOutcome',
        'Approve',
        'DecisionEnd',
      ],
      ['Sign'],
    );
    expect(
      planModification(GRAPH, atSigning, [
        { kind: 'move', fromElementId: 'Sign', toElementId: 'Disburse' },
      ]).problems.map((p) => p.reason),
    ).toEqual([textContaining('moves money')]);
    // A step between that is no control may be skipped; the conditions check may not.
    expect(
      planModification(GRAPH, atSigning, [
        { kind: 'move', fromElementId: 'Sign', toElementId: 'Note' },
      ]).problems,
    ).toEqual([]);
    expect(
      planModification(GRAPH, atSigning, [
        { kind: 'move', fromElementId: 'Sign', toElementId: 'CheckConditions' },
      ]).problems,
    ).toEqual([]);
  });

  it('counts a control as passed only until the instance goes back before it', () => {
    // Approval sent the loan back to investigation; investigation is done again, review is open.
    const history = [
      ...passedThrough(
        [
          'Start',
          'Check',
          'Decision',
          'DecisionStart',
          'Investigate',
          'Review',
          'ReviewOutcome',
          'Approve',
        ],
        [],
      ),
      ...passedThrough(['Investigate'], ['Review']),
    ].map((e) => (e.elementId === 'Decision' ? { ...e, state: 'active', endedAt: null } : e));
    const { problems } = planModification(GRAPH, history, [
      { kind: 'move', fromElementId: 'Review', toElementId: 'Approve' },
    ]);
    expect(problems[0].reason).toContain('would skip Review (review)');
  });

  it('refuses what the engine starts on its own, unknown elements, a second token and an empty act', () => {
    const reasons = (instructions: Parameters<typeof planModification>[2]) =>
      planModification(GRAPH, AT_APPROVAL, instructions).problems.map((p) => p.reason);
    expect(reasons([{ kind: 'activate', elementId: 'Deadline' }])[0]).toContain('boundary event');
    expect(reasons([{ kind: 'activate', elementId: 'Nowhere' }])[0]).toContain('not an element');
    expect(reasons([{ kind: 'activate', elementId: 'Approve' }])[0]).toContain(
      'already has a token',
    );
    expect(reasons([])[0]).toContain('at least one instruction');
    expect(
      reasons([{ kind: 'move', fromElementId: 'Sign', toElementId: 'Investigate' }])[0],
    ).toContain('no token at Sign');
    // The same refusals by rule and step, for the console to word in Chinese.
    const rules = (instructions: Parameters<typeof planModification>[2]) =>
      planModification(GRAPH, AT_APPROVAL, instructions).problems.map((p) => [
        p.rule,
        p.elementIds,
      ]);
    expect(rules([{ kind: 'activate', elementId: 'Deadline' }])).toEqual([
      ['engineStarts', ['Deadline']],
    ]);
    expect(rules([{ kind: 'activate', elementId: 'Nowhere' }])).toEqual([
      ['notAnElement', ['Nowhere']],
    ]);
    expect(rules([{ kind: 'activate', elementId: 'Approve' }])).toEqual([
      ['alreadyThere', ['Approve']],
    ]);
    expect(rules([])).toEqual([['noInstructions', []]]);
  });

  it('cancels a token only when one remains and no control is dropped', () => {
    expect(
      planModification(GRAPH, AT_APPROVAL, [
        { kind: 'cancel', elementInstanceKey: 'k-Approve-active' },
      ]).problems.map((p) => p.reason),
    ).toEqual([textContaining('cancelling Approve drops a control')]);
    const atNote = passedThrough(
      [
        'Start',
        'Check',
        'Decision',
        'DecisionStart',
        'Investigate',
        'Review',
        'ReviewOutcome',
        'Approve',
        'DecisionEnd',
        'Sign',
      ],
      ['Note'],
    );
    expect(
      planModification(GRAPH, atNote, [{ kind: 'cancel', elementInstanceKey: 'k-Note-active' }])
        .problems[0].reason,
    ).toContain('without a token');
    expect(
      planModification(GRAPH, atNote, [{ kind: 'cancel', elementInstanceKey: 'nope' }]).problems[0]
        .field,
    ).toBe('instructions[0].elementInstanceKey');
  });

  it('needs the sub-process active to start an element inside it', () => {
    const atSigning = passedThrough(
      [
        'Start',
        'Check',
        'Decision',
        'DecisionStart',
        'Investigate',
        'Review',
        'ReviewOutcome',
        'Approve',
        'DecisionEnd',
      ],
      ['Sign'],
    );
    const { problems } = planModification(GRAPH, atSigning, [
      { kind: 'move', fromElementId: 'Sign', toElementId: 'Investigate' },
    ]);
    expect(problems[0].reason).toContain('not active: move to Decision itself');
    expect(
      planModification(GRAPH, atSigning, [
        { kind: 'move', fromElementId: 'Sign', toElementId: 'Decision' },
      ]).problems,
    ).toEqual([]);
  });
});
