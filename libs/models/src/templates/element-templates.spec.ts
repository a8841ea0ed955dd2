import 'reflect-metadata';
import { workerContractOf } from '../contract/catalogue';
import { SHIPPED_WORKERS } from '../shipped-catalogue';
import { elementTemplates, validateTemplates } from './element-templates';

describe('element templates from the workers’ declarations', () => {
  const templates = elementTemplates(SHIPPED_WORKERS.map(workerContractOf), 1);

  it('gives every worker a template that validates against the published schema', () => {
    expect(templates).toHaveLength(SHIPPED_WORKERS.length);
    expect(validateTemplates(templates)).toEqual([]);
  });

  it('fixes the job type and maps each variable the worker reads and writes', () => {
    const disburse = templates.find((t) => t.id === 'loanflow.loan.disburse')!;
    expect(disburse).toMatchObject({
      name: 'Loan: disburse',
      elementType: { value: 'bpmn:ServiceTask' },
    });
    expect(disburse.properties).toEqual([
      {
        type: 'Hidden',
        value: 'loan.disburse',
        binding: { type: 'zeebe:taskDefinition', property: 'type' },
      },
      expect.objectContaining({
        binding: { type: 'zeebe:input', name: 'loanId' },
        value: '=loanId',
        constraints: { notEmpty: true },
      }),
      expect.objectContaining({
        binding: { type: 'zeebe:output', source: '=disbursement' },
        value: 'disbursement',
      }),
    ]);
  });

  it('reports a template the modeler would reject', () => {
    const broken = {
      ...templates[0],
      properties: [{ type: 'Hidden', value: 'x', binding: { type: 'zeebe:nonsense' } }],
    };
    expect(validateTemplates([broken]).length).toBeGreaterThan(0);
  });
});
