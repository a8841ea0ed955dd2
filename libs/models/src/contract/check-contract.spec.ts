import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RETIRED_AT_CLASSIFY } from '@loanflow/servicing';
import { shippedCatalogue } from '../shipped-catalogue';
import { checkContract } from './check-contract';
import { extension, flowElements, parseBpmn, processesOf } from './parse-model';

const ROOT = join(__dirname, '../../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const shippedBpmn = readdirSync(join(ROOT, 'bpmn')).filter((file) => file.endsWith('.bpmn'));

describe('the model-to-code contract', () => {
  const catalogue = shippedCatalogue();

  it('holds for every shipped model, messages included', async () => {
    const models = await Promise.all(
      shippedBpmn.map((file) => parseBpmn(file, read(`bpmn/${file}`))),
    );
    const issues = checkContract(models, catalogue, {
      decisionIds: new Set(['approval-authority']),
      complete: true,
    });
    expect(issues).toEqual([]);
  });

  it('refuses job types that move money or change a loan’s standing anywhere but where they ship', async () => {
    const model = await parseBpmn(
      'rogue-payout.bpmn',
      read('test/fixtures/contract/rogue-payout.bpmn'),
    );
    const issues = checkContract([model], catalogue, { decisionIds: new Set(), complete: false });
    expect(issues.map((i) => [i.elementId, i.rule])).toEqual([
      ['PayOut', 'guarded-job-type'],
      ['WriteItOff', 'guarded-job-type'],
    ]);
    expect(issues[0].message).toBe(
      'job type "loan.disburse" moves money or changes a loan\'s standing: it may only be used where the product ships it (loan-origination/Disburse), not at nightly-payout/PayOut',
    );
  });

  it('declares every guarded job type where the shipped models use it, and nowhere else', async () => {
    const models = await Promise.all(
      shippedBpmn.map((file) => parseBpmn(file, read(`bpmn/${file}`))),
    );
    const used = new Map<string, string[]>();
    for (const model of models)
      for (const process of processesOf(model))
        for (const { element } of flowElements(process)) {
          const type = extension(element, 'zeebe:TaskDefinition')?.type as string | undefined;
          if (type) used.set(type, [...(used.get(type) ?? []), `${process.id}/${element.id}`]);
        }
    const guarded = [...catalogue.workers.values()].filter((worker) => worker.onlyAt);
    expect(guarded.map((worker) => worker.type).sort()).toEqual([
      'change.apply',
      'collection.write-off',
      'loan.create-schedule',
      'loan.disburse',
      'prepayment.post',
      'restructuring.apply',
      'servicing.check-installment',
      'servicing.classify',
      'servicing.daily-book',
      'servicing.reclassify',
      'servicing.settle',
      'warning.recall',
    ]);
    // Retired places: older versions' instances still run them; the shipped models do not.
    const retired = new Set(RETIRED_AT_CLASSIFY.map((at) => `${at.process}/${at.element}`));
    for (const worker of guarded)
      expect((used.get(worker.type) ?? []).sort()).toEqual(
        worker
          .onlyAt!.map((at) => `${at.process}/${at.element}`)
          .filter((at) => !retired.has(at))
          .sort(),
      );
  });

  it('names the file, the element and the broken promise for a model that does not match', async () => {
    const model = await parseBpmn(
      'bad-contract.bpmn',
      read('test/fixtures/contract/bad-contract.bpmn'),
    );
    const issues = checkContract([model], catalogue, { decisionIds: new Set(), complete: false });
    expect(issues.map((i) => `${i.file} ${i.elementId} ${i.rule}`).sort()).toEqual([
      'bad-contract.bpmn Decide decision-known',
      'bad-contract.bpmn PayOut input-available',
      'bad-contract.bpmn PayOutFailed error-thrown',
      'bad-contract.bpmn Review form-known',
      'bad-contract.bpmn Teleport job-type-served',
      'bad-contract.bpmn Teleported message-published',
    ]);
    const byRule = Object.fromEntries(issues.map((i) => [i.rule, i.message]));
    expect(byRule['job-type-served']).toContain('job type "loan.teleport" has no worker');
    expect(byRule['input-available']).toContain('needs the variable "loanId"');
    expect(byRule['message-published']).toContain('message "loan-teleported" is never published');
    expect(byRule['form-known']).toContain('loanflow:unknown-form');
  });

  it('finds a published message no model catches when the whole set is checked', async () => {
    const origination = await parseBpmn(
      'loan-origination.bpmn',
      read('bpmn/loan-origination.bpmn'),
    );
    const issues = checkContract([origination], catalogue, {
      decisionIds: new Set(['approval-authority']),
      complete: true,
    });
    // Alone, origination catches none of the messages the code publishes (servicing and
    // collection take them), and the check names every one.
    expect(issues.every((issue) => issue.rule === 'message-caught')).toBe(true);
    expect(issues.map((issue) => issue.elementId).sort()).toEqual(
      catalogue.messages.map((message) => message.name).sort(),
    );
  });

  it('knows what every shipped worker reads and writes', () => {
    const disburse = catalogue.workers.get('loan.disburse')!;
    expect(disburse.inputs).toEqual([{ name: 'loanId', required: true }]);
    expect(disburse.outputs).toEqual(['disbursement']);
    const check = catalogue.workers.get('application.check-eligibility')!;
    expect(check.inputs).toEqual(
      expect.arrayContaining([
        { name: 'loanId', required: true },
        { name: 'checkedAt', required: false },
      ]),
    );
  });
});
