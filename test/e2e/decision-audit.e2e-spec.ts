import type { components } from '@loanflow/api-client';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { applyAs, creditApplication, eventually, originationSuite } from '../support';

/** An evaluation as the API answers it; the schema leaves each decision evaluated open. */
type Evaluation = Omit<components['schemas']['DecisionEvaluationView'], 'evaluated'> & {
  evaluated: {
    decisionId: string;
    inputs: { name: string; value: unknown }[];
    matchedRules: { ruleIndex: number; outputs: Record<string, unknown> }[];
  }[];
};

describe('the decision audit: every DMN evaluation of a loan with its inputs and matched rules', () => {
  const suite = originationSuite(MonitoringWorkersModule);

  it('shows the approval-authority evaluation as the engine made it, to those who read decisions', async () => {
    const { loanId } = await applyAs(
      suite.staff,
      creditApplication({ amount: '80000.00', termMonths: 24 }),
    );
    const path = `/api/loans/${loanId}/decision-evaluations`;
    const evaluations = await eventually(
      async () => (await suite.staff.get('zhao.approver', path)).body as Evaluation[],
      (list) => Array.isArray(list) && list.some((e) => e.decisionId === 'approval-authority'),
      30_000,
    );
    const authority = evaluations.find((e) => e.decisionId === 'approval-authority')!;
    expect(authority.elementId).toBe('DetermineAuthority');
    const decision = authority.evaluated.find((d) => d.decisionId === 'approval-authority')!;
    const inputs = Object.fromEntries(decision.inputs.map((i) => [i.name, i.value]));
    expect(inputs['Product 产品']).toBe('consumer');
    // The amount with the applicant's existing loans (a new applicant here has none).
    const amount = Object.entries(inputs).find(([name]) => name.startsWith('Amount'));
    expect(amount?.[1]).toBe(80000);
    expect(['A', 'B', 'C', 'D']).toContain(inputs['Risk grade 风险等级']);
    // Exactly the rule whose output the process received.
    expect(decision.matchedRules).toHaveLength(1);
    expect(Object.values(decision.matchedRules[0].outputs)).toEqual([authority.output]);
    expect(['branch', 'center', 'committee']).toContain(authority.output);

    expect((await suite.staff.get('li.cm', path)).status).toBe(403);
    // Another branch's loan answers as a missing one.
    expect((await suite.staff.get('he.reviewer', path)).status).toBe(404);
  });
});
