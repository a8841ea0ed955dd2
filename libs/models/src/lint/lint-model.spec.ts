import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMS } from '@loanflow/tasks';
import { lintModel, type LintIssue } from './lint-model';
import { textContaining, textMatching } from '@loanflow/test-support/expected-text';

const ROOT = join(__dirname, '../../../..');
/** The forms the inbox ships: a model may use exactly these. */
const FORM_KEYS = [...FORMS.keys()];
const SHIPPED = readdirSync(join(ROOT, 'bpmn'))
  .filter((file) => file.endsWith('.bpmn'))
  .sort();
const BAD_MODEL = 'test/fixtures/lint/bad-model.bpmn';

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const errorsOf = (issues: LintIssue[]): LintIssue[] =>
  issues.filter((issue) => issue.category === 'error');
const summary = (issues: LintIssue[]): string[] =>
  issues.map((issue) => `${issue.category} ${issue.rule} ${issue.elementId}`).sort();

/** A one-process model around `body`, not drawn: tests of one rule look at that rule's issues only. */
function model(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_Inline" targetNamespace="https://loanflow.example/bpmn">
  <bpmn:process id="inline" name="Inline" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
}

async function issuesOf(
  rule: string,
  body: string,
  formKeys: readonly string[] = FORM_KEYS,
): Promise<LintIssue[]> {
  const issues = await lintModel(model(body), 'inline.bpmn', { formKeys });
  return issues.filter((issue) => issue.rule === rule);
}

describe('lintModel', () => {
  describe('the shipped models', () => {
    it('are all found', () => {
      expect(SHIPPED).toEqual(
        expect.arrayContaining(['loan-origination.bpmn', 'platform-selfcheck.bpmn']),
      );
    });

    it.each(SHIPPED)("bpmn/%s has no errors with the inbox's form keys", async (file) => {
      const issues = await lintModel(read(`bpmn/${file}`), file, { formKeys: FORM_KEYS });

      expect(errorsOf(issues)).toEqual([]);
    });
  });

  describe('the bad fixture', () => {
    let issues: LintIssue[];

    beforeAll(async () => {
      issues = await lintModel(read(BAD_MODEL), BAD_MODEL, { formKeys: FORM_KEYS });
    });

    it('reports exactly its defects, each on its element, as errors', () => {
      expect(summary(issues)).toEqual([
        // camunda-compat reports two of the same defects in its own words
        'error camunda-compat/implementation NoTypeTask',
        'error camunda-compat/timer EmptyDeadline',
        'error camunda-compat/timer WaitThirtyX',
        'error label-required UnnamedTask',
        'error loanflow/flow-node-name UnnamedSubProcess',
        'error loanflow/service-task-type NoTypeTask',
        'error loanflow/timer-definition EmptyDeadline',
        'error loanflow/timer-definition WaitThirtyX',
        'error loanflow/user-task-assignment NoRoleTask',
        'error loanflow/user-task-form UnknownFormTask',
      ]);
    });

    it.each([
      [
        'a user task without a role',
        'loanflow/user-task-assignment',
        'NoRoleTask',
        'User task "Review without a role" (NoRoleTask) has no role: give it candidate groups such as =["reviewer:" + loan.branchCode] or an assignee',
      ],
      [
        'a user task with an unknown form key',
        'loanflow/user-task-form',
        'UnknownFormTask',
        'User task "Approve on an unknown form" (UnknownFormTask) has form key "loanflow:approval-form", which the task inbox does not know (known: ' +
          FORM_KEYS.join(', ') +
          ')',
      ],
      [
        'a timer boundary event with an empty duration',
        'loanflow/timer-definition',
        'EmptyDeadline',
        'Boundary event "Approval deadline passed" (EmptyDeadline) has an empty timeDuration: give it an ISO 8601 duration such as P30D or PT1H',
      ],
      [
        'a timer with the literal duration P30X',
        'loanflow/timer-definition',
        'WaitThirtyX',
        'Intermediate catch event "Wait 30 X" (WaitThirtyX) has timeDuration "P30X", which is not an ISO 8601 duration',
      ],
      [
        'a service task without a type',
        'loanflow/service-task-type',
        'NoTypeTask',
        'Service task "Disburse without a job type" (NoTypeTask) has no job type: give it a zeebe:taskDefinition type such as loan.disburse',
      ],
      ['an unnamed task', 'label-required', 'UnnamedTask', 'Element is missing label/name'],
      [
        'an unnamed sub-process',
        'loanflow/flow-node-name',
        'UnnamedSubProcess',
        'Sub-process UnnamedSubProcess has no name: name it after the stage of the loan it stands for',
      ],
    ])('names %s: rule %s on %s, with a readable message', (_defect, rule, elementId, message) => {
      const found = issues.filter((issue) => issue.rule === rule && issue.elementId === elementId);

      expect(found).toEqual([
        {
          file: BAD_MODEL,
          elementId,
          rule,
          category: 'error',
          message: textContaining(message),
        },
      ]);
    });

    it('says why each of our findings matters to the bank', () => {
      const ours = issues.filter((issue) => issue.rule.startsWith('loanflow/'));

      expect(ours).toHaveLength(6);
      for (const issue of ours) {
        expect(issue.message).toMatch(/loan|deadline|officer|auditor/);
      }
    });

    it("is drawn, so no-bpmndi finds nothing missing and the fixture's issues are its defects alone", () => {
      expect(issues.filter((issue) => issue.rule === 'no-bpmndi')).toEqual([]);
    });

    it('never reports an element under both label-required and loanflow/flow-node-name', () => {
      const labelled = issues
        .filter((issue) => issue.rule === 'label-required')
        .map((issue) => issue.elementId);
      const named = issues
        .filter((issue) => issue.rule === 'loanflow/flow-node-name')
        .map((issue) => issue.elementId);

      expect(labelled).toEqual(['UnnamedTask']);
      expect(named).toEqual(['UnnamedSubProcess']);
    });

    it('takes its form keys from the options: a key the inbox knows passes', async () => {
      const withApprovalForm = await lintModel(read(BAD_MODEL), BAD_MODEL, {
        formKeys: [...FORM_KEYS, 'loanflow:approval-form'],
      });
      const withNone = await lintModel(read(BAD_MODEL), BAD_MODEL, { formKeys: [] });

      expect(withApprovalForm.filter((issue) => issue.rule === 'loanflow/user-task-form')).toEqual(
        [],
      );
      expect(summary(withNone.filter((issue) => issue.rule === 'loanflow/user-task-form'))).toEqual(
        [
          'error loanflow/user-task-form NoRoleTask',
          'error loanflow/user-task-form UnknownFormTask',
        ],
      );
      expect(
        withNone.find(
          (issue) => issue.elementId === 'NoRoleTask' && issue.rule === 'loanflow/user-task-form',
        )?.message,
      ).toContain('which the task inbox does not know (known: (none configured))');
    });
  });

  describe('unreadable models', () => {
    it('gives malformed XML as a parse issue rather than throwing', async () => {
      const issues = await lintModel(
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process',
        'broken.bpmn',
        {
          formKeys: FORM_KEYS,
        },
      );

      expect(issues).toEqual([
        {
          file: 'broken.bpmn',
          elementId: '-',
          rule: 'parse',
          category: 'error',
          message: textMatching(
            /^The file cannot be read as a BPMN model: unparsable content .*; line: \d+; column: \d+/,
          ),
        },
      ]);
    });

    it('gives an empty file as a parse issue', async () => {
      const issues = await lintModel('', 'empty.bpmn', { formKeys: FORM_KEYS });

      expect(summary(issues)).toEqual(['error parse -']);
    });

    it('reports what moddle could only partly read, on the element when it has one, and still lints the rest', async () => {
      const issues = await lintModel(
        model(`
          <bpmn:startEvent id="Start" name="Start" />
          <bpmn:sequenceFlow id="ToNowhere" sourceRef="Start" targetRef="Missing" />
          <bpmn:fooTask id="Foo" />
          <bpmn:userTask id="Lonely" name="Lonely" />`),
        'partial.bpmn',
        { formKeys: FORM_KEYS },
      );

      expect(issues.filter((issue) => issue.rule === 'parse')).toEqual([
        expect.objectContaining({
          elementId: '-',
          category: 'error',
          message: textContaining('unparsable content <bpmn:fooTask>'),
        }),
        expect.objectContaining({
          elementId: 'ToNowhere',
          category: 'error',
          message: textContaining('unresolved reference <Missing>'),
        }),
      ]);
      expect(
        summary(issues.filter((issue) => issue.rule.startsWith('loanflow/user-task'))),
      ).toEqual([
        'error loanflow/user-task-assignment Lonely',
        'error loanflow/user-task-form Lonely',
      ]);
    });
  });

  describe('loanflow/user-task-assignment', () => {
    const task = (assignment: string): string =>
      `<bpmn:userTask id="T" name="Task"><bpmn:extensionElements>
        <zeebe:formDefinition formKey="loanflow:review-opinion" />${assignment}
      </bpmn:extensionElements></bpmn:userTask>`;

    it.each([
      ['an assignee', '<zeebe:assignmentDefinition assignee="=customerManager" />'],
      [
        'candidate users',
        '<zeebe:assignmentDefinition candidateUsers="wang.reviewer, qian.reviewer" />',
      ],
      ['candidate groups', '<zeebe:assignmentDefinition candidateGroups="committee-member" />'],
    ])('accepts %s', async (_who, assignment) => {
      expect(await issuesOf('loanflow/user-task-assignment', task(assignment))).toEqual([]);
    });

    it.each([
      ['blank attributes', '<zeebe:assignmentDefinition assignee=" " candidateGroups="" />'],
      ['an empty FEEL list', '<zeebe:assignmentDefinition candidateGroups="=[]" />'],
    ])('reports %s as no role', async (_what, assignment) => {
      expect(summary(await issuesOf('loanflow/user-task-assignment', task(assignment)))).toEqual([
        'error loanflow/user-task-assignment T',
      ]);
    });
  });

  describe('loanflow/user-task-form', () => {
    it('reports a user task with no form definition, listing the known keys', async () => {
      const issues = await issuesOf(
        'loanflow/user-task-form',
        `<bpmn:userTask id="T" name="Task"><bpmn:extensionElements>
          <zeebe:assignmentDefinition candidateGroups="reviewer" />
        </bpmn:extensionElements></bpmn:userTask>`,
      );

      expect(issues).toEqual([
        expect.objectContaining({
          elementId: 'T',
          message: textContaining(
            `has no form key: give it a zeebe:formDefinition formKey the task inbox knows (${FORM_KEYS.join(', ')})`,
          ),
        }),
      ]);
    });

    it('accepts a known key with surrounding blanks and ignores other tasks', async () => {
      const issues = await issuesOf(
        'loanflow/user-task-form',
        `<bpmn:userTask id="T" name="Task"><bpmn:extensionElements>
          <zeebe:formDefinition formKey=" loanflow:approval-decision " />
        </bpmn:extensionElements></bpmn:userTask>
        <bpmn:manualTask id="M" name="Manual" />`,
      );

      expect(issues).toEqual([]);
    });
  });

  describe('loanflow/timer-definition', () => {
    const timer = (definition: string): string =>
      `<bpmn:intermediateCatchEvent id="Wait" name="Wait"><bpmn:timerEventDefinition>${definition}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
    const duration = (text: string): string =>
      timer(`<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeDuration>`);
    const date = (text: string): string =>
      timer(`<bpmn:timeDate xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeDate>`);

    it.each([
      'P30D',
      'PT1H',
      'P1Y2M',
      'P2W',
      'P1DT12H',
      'PT0.5S',
      '=noticeTerm',
      '= duration("P3D")',
    ])('accepts the duration %s', async (text) => {
      expect(await issuesOf('loanflow/timer-definition', duration(text))).toEqual([]);
    });

    it.each(['P30X', 'P', 'PT', '30D', 'P1.5D', 'P1DT', 'three days'])(
      'rejects the literal duration %s',
      async (text) => {
        const issues = await issuesOf('loanflow/timer-definition', duration(text));

        expect(issues).toEqual([
          expect.objectContaining({
            elementId: 'Wait',
            message: textContaining(
              `has timeDuration "${text}", which is not an ISO 8601 duration`,
            ),
          }),
        ]);
      },
    );

    it('accepts a date-time with its offset and an expression', async () => {
      expect(
        await issuesOf('loanflow/timer-definition', date('2026-03-31T00:00:00+08:00')),
      ).toEqual([]);
      expect(await issuesOf('loanflow/timer-definition', date('=noticeDueAt'))).toEqual([]);
    });

    it.each(['2026-02-30T00:00:00Z', '2026-03-31T00:00:00', '2026-03-31', 'tomorrow'])(
      'rejects the literal date %s',
      async (text) => {
        const issues = await issuesOf('loanflow/timer-definition', date(text));

        expect(issues).toEqual([
          expect.objectContaining({
            elementId: 'Wait',
            message: textContaining(
              `has timeDate "${text}", which is not an ISO 8601 date-time with an offset`,
            ),
          }),
        ]);
      },
    );

    it('reports a timer with no time at all, and an empty cycle', async () => {
      expect(await issuesOf('loanflow/timer-definition', timer(''))).toEqual([
        expect.objectContaining({
          elementId: 'Wait',
          message: textContaining('has a timer with no time: give it a timeDuration'),
        }),
      ]);
      expect(
        await issuesOf(
          'loanflow/timer-definition',
          timer('<bpmn:timeCycle xsi:type="bpmn:tFormalExpression"> </bpmn:timeCycle>'),
        ),
      ).toEqual([
        expect.objectContaining({
          elementId: 'Wait',
          message: textContaining('has an empty timeCycle'),
        }),
      ]);
    });
  });

  describe('loanflow/service-task-type', () => {
    it('reports every job-based task without a type, and only those', async () => {
      const issues = await issuesOf(
        'loanflow/service-task-type',
        `<bpmn:serviceTask id="BlankType" name="Blank"><bpmn:extensionElements><zeebe:taskDefinition type=" " /></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:serviceTask id="Typed" name="Typed"><bpmn:extensionElements><zeebe:taskDefinition type="loan.disburse" /></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:sendTask id="Send" name="Send" />
        <bpmn:businessRuleTask id="NoDecision" name="No decision" />
        <bpmn:businessRuleTask id="Decision" name="Decision"><bpmn:extensionElements><zeebe:calledDecision decisionId="approval-authority" resultVariable="level" /></bpmn:extensionElements></bpmn:businessRuleTask>
        <bpmn:scriptTask id="NoScript" name="No script" />
        <bpmn:scriptTask id="Script" name="Script"><bpmn:extensionElements><zeebe:script expression="=1" resultVariable="one" /></bpmn:extensionElements></bpmn:scriptTask>`,
      );

      expect(summary(issues)).toEqual([
        'error loanflow/service-task-type BlankType',
        'error loanflow/service-task-type NoDecision',
        'error loanflow/service-task-type NoScript',
        'error loanflow/service-task-type Send',
      ]);
      expect(issues.find((issue) => issue.elementId === 'NoDecision')?.message).toContain(
        'Business rule task "No decision" (NoDecision) has no job type and calls no decision (zeebe:calledDecision)',
      );
    });
  });

  describe('loanflow/flow-node-name', () => {
    it('reports a sub-process named only with blanks, and leaves tasks and events to label-required', async () => {
      const issues = await lintModel(
        model(
          `<bpmn:subProcess id="Blank" name="  " /><bpmn:task id="Unnamed" /><bpmn:endEvent id="UnnamedEnd" />`,
        ),
        'inline.bpmn',
        { formKeys: FORM_KEYS },
      );

      expect(
        summary(
          issues.filter((issue) =>
            ['loanflow/flow-node-name', 'label-required'].includes(issue.rule),
          ),
        ),
      ).toEqual([
        'error label-required Unnamed',
        'error label-required UnnamedEnd',
        'error loanflow/flow-node-name Blank',
      ]);
    });
  });
});
