import { elementNamesOf, relabelModel, stepLabel } from './elementNames';

describe('stepLabel', () => {
  it('shows the Chinese term of a bilingual name in Chinese, the rest in English', () => {
    const name =
      'Approval 贷款审批 (approver at the level in turn: branch, center head, committee)';
    expect(stepLabel(name, 'zh-CN')).toBe('贷款审批');
    expect(stepLabel(name, 'en')).toBe(
      'Approval (approver at the level in turn: branch, center head, committee)',
    );
    expect(stepLabel('Application received\n贷款申请受理', 'zh')).toBe('贷款申请受理');
    expect(stepLabel('Application received\n贷款申请受理', 'en')).toBe('Application received');
    expect(stepLabel('Query the credit bureau 征信查询 (system)', 'zh')).toBe('征信查询');
  });

  it('keeps a name with no Chinese term whole in both languages', () => {
    expect(stepLabel('Application acceptable?', 'zh')).toBe('Application acceptable?');
    expect(stepLabel('Application acceptable?', 'en')).toBe('Application acceptable?');
    expect(stepLabel(undefined, 'zh')).toBe('');
  });
});

describe('relabelModel', () => {
  it('relabels names only, keeping ids and character references valid', () => {
    const xml =
      '<bpmn:userTask id="Approve" name="Approval 贷款审批 (approver)" /><bpmn:startEvent id="S" name="A &amp; B&#10;受理" />';
    const zh = relabelModel(xml, 'zh');
    expect(zh).toBe(
      '<bpmn:userTask id="Approve" name="贷款审批" /><bpmn:startEvent id="S" name="受理" />',
    );
    expect(elementNamesOf(relabelModel(xml, 'en')).get('S')).toBe('A & B');
  });
});
