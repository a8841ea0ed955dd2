import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { elementNamesOf } from './element-names';

describe('elementNamesOf', () => {
  it('reads each element’s name by id, decoding character references', () => {
    const names = elementNamesOf(
      `<bpmn:process id="p" name="Loan 贷款"><bpmn:startEvent id="Start" name="Application received&#10;贷款申请受理" />` +
        `<bpmn:exclusiveGateway id="Gw" name="A &amp; B &gt; C?"></bpmn:exclusiveGateway><bpmn:endEvent id="End" /></bpmn:process>`,
    );
    expect(Object.fromEntries(names)).toEqual({
      p: 'Loan 贷款',
      Start: 'Application received\n贷款申请受理',
      Gw: 'A & B > C?',
    });
  });

  it('names the shipped origination model’s approval task and the refer-up flow', () => {
    const xml = readFileSync(join(__dirname, '../../../../bpmn/loan-origination.bpmn'), 'utf8');
    const names = elementNamesOf(xml);
    expect(names.get('Approve')).toMatch(/贷款审批/);
    expect(names.get('Flow_ApproverRefersUp')).toMatch(/报上级审批/);
    // Diagram records (BPMNShape ids) carry no names.
    expect(names.has('Approve_di')).toBe(false);
  });
});
