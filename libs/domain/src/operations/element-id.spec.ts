import { bpmnElementIdPattern } from './element-id';

describe('a BPMN element id in a request', () => {
  const id = bpmnElementIdPattern(100);

  it('takes the ids modelers write, in any script', () => {
    for (const good of [
      'Approve',
      'Activity_0k3x9a1',
      'sign-contracts.v2',
      '_gateway',
      '放款审批',
      '审批_2',
    ])
      expect(id.test(good)).toBe(true);
  });

  it('refuses what is no NCName: empty, a leading digit, dash or dot, a colon, spaces, markup', () => {
    for (const bad of [
      '',
      '1Approve',
      '-Approve',
      '.Approve',
      'bpmn:Approve',
      'Approve now',
      'a<b',
      'a"b',
    ])
      expect(id.test(bad)).toBe(false);
  });

  it('holds ids to the length of the column that keeps them', () => {
    expect(id.test('a'.repeat(100))).toBe(true);
    expect(id.test('a'.repeat(101))).toBe(false);
  });
});
