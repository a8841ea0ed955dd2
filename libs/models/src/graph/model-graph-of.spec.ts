import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { downstreamOf, forwardEdges, planModification } from '@loanflow/domain';
import { shippedCatalogue } from '../shipped-catalogue';
import { modelGraphOf } from './model-graph-of';
import { PATH_TO_APPROVAL } from '@loanflow/test-support/origination-history';

const xml = readFileSync(join(__dirname, '../../../../bpmn/loan-origination.bpmn'), 'utf8');

describe('the shipped origination model as the modification rules read it', () => {
  it('knows its controls from the code: duties, decisions, checking workers; the payout is guarded', async () => {
    const graph = await modelGraphOf(xml, 'loan-origination', shippedCatalogue());
    const controls = [...graph.elements.values()].filter((e) => e.control).map((e) => e.id);
    expect(controls).toEqual(
      expect.arrayContaining([
        'CheckApplication',
        'QueryBureau',
        'ScoreApplicant',
        'DetermineAuthority',
        'Investigate',
        'Review',
        'Approve',
        'CastVote',
        'CountCommitteeVote',
        'CheckDisbursementConditions',
        'DisbursementCheck',
      ]),
    );
    expect(controls).not.toContain('SignContracts');
    expect(graph.elements.get('Disburse')).toMatchObject({ guarded: true, control: null });
    expect(graph.elements.get('CastVote')?.special).toBe('multi-instance');
    expect(graph.elements.get('Investigate')?.scopeId).toBe('CreditDecision');
    // The loops (supplement, refer-up, another committee round) are not forward edges.
    const forward = forwardEdges(graph);
    expect(downstreamOf(forward, 'Approve').has('Investigate')).toBe(false);
    expect(downstreamOf(forward, 'Investigate').has('Disburse')).toBe(true);
  });

  it('lets a token at approval go back to investigation, never on to the contracts', async () => {
    const graph = await modelGraphOf(xml, 'loan-origination', shippedCatalogue());
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    const history = PATH_TO_APPROVAL.map(({ elementId, key = elementId, active }, index) => ({
      elementInstanceKey: key,
      elementId,
      elementType: graph.elements.get(elementId)!.type,
      state: active ? 'active' : 'completed',
      startedAt: t(index + 1),
      endedAt: active ? null : t(index + 1),
    }));
    const back = planModification(graph, history, [
      { kind: 'move', fromElementId: 'Approve', toElementId: 'Investigate' },
    ]);
    expect(back.problems).toEqual([]);
    expect(back.plan.activate[0].ancestorElementInstanceKey).toBe('decision-1');
    const on = planModification(graph, history, [
      { kind: 'move', fromElementId: 'Approve', toElementId: 'SignContracts' },
    ]);
    expect(on.problems.map((p) => p.reason).join(' ')).toContain('would skip Approval');
  });
});
