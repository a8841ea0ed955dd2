import type { BpmnModdle as BpmnModdleClass, ModdleElement, ParseWarning } from 'bpmn-moddle';
import type { AnnotatedReport, Linter as LinterClass } from 'bpmnlint';
import { loanflowLintConfig } from './lint-config';
import { nativeRequire } from './native-require';
import { createResolver } from './resolver';
import { messageOf } from '@loanflow/domain';

export interface LintIssue {
  /** The file name the caller gave, as is. */
  file: string;
  /**
   * The BPMN element the issue is about; '-' when there is none (unreadable XML, an element moddle
   * dropped), as check-models writes file-level issues. No BPMN id can be '-' (ids are XML NCNames).
   */
  elementId: string;
  /** `parse`, a bpmnlint rule (`no-bpmndi`), a camunda-compat rule (`camunda-compat/timer`) or ours (`loanflow/user-task-form`). */
  rule: string;
  category: 'error' | 'warn';
  message: string;
}

export interface LintOptions {
  /** The form keys the task inbox knows; a user task's formKey must be one of them. */
  formKeys: readonly string[];
}

type Finding = Omit<LintIssue, 'file'>;

const NO_ELEMENT = '-';

const { BpmnModdle } = nativeRequire('bpmn-moddle') as { BpmnModdle: typeof BpmnModdleClass };
const { Linter } = nativeRequire('bpmnlint') as { Linter: typeof LinterClass };
const zeebeSchema = nativeRequire('zeebe-bpmn-moddle/resources/zeebe.json') as object;

/**
 * Lints one BPMN model for LoanFlow: whether it reads (rule `parse`), then bpmnlint's recommended
 * rules, Camunda 8.5 compatibility and LoanFlow's own rules (see lint-config.ts). A bad model never
 * makes it throw: unreadable XML is an issue like any other.
 */
export async function lintModel(
  xml: string,
  fileName: string,
  options: LintOptions,
): Promise<LintIssue[]> {
  const findings = await lint(xml, options);
  return findings.map((finding) => ({ file: fileName, ...finding }));
}

async function lint(xml: string, options: LintOptions): Promise<Finding[]> {
  let root: ModdleElement;
  let warnings: ParseWarning[];
  try {
    ({ rootElement: root, warnings } = await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml));
  } catch (error) {
    const reason = oneLine(messageOf(error));
    return [
      {
        elementId: NO_ELEMENT,
        rule: 'parse',
        category: 'error',
        message: `The file cannot be read as a BPMN model: ${reason}`,
      },
    ];
  }

  // What moddle recovered from (an unresolved reference, an unknown element it dropped) is not what the
  // engine would run, and part of it escapes the checks below: an error, not a warning.
  const findings: Finding[] = warnings.map((warning) => ({
    elementId: warning.element?.id ?? NO_ELEMENT,
    rule: 'parse',
    category: 'error',
    message: `Part of the model cannot be read: ${oneLine(warning.message)}`,
  }));

  const results = await new Linter({ resolver: createResolver() }).lint(
    root,
    loanflowLintConfig(options),
  );
  for (const [rule, reports] of Object.entries(results)) {
    findings.push(...reports.map((report) => fromReport(rule, report)));
  }
  return findings;
}

function fromReport(rule: string, report: AnnotatedReport): Finding {
  const elementId = report.id ?? NO_ELEMENT;
  switch (report.category) {
    case 'rule-error':
      // bpmnlint caught the rule throwing: the rule did not check the model, so the model cannot pass.
      return {
        elementId,
        rule,
        category: 'error',
        message: `The rule failed and did not check the model: ${report.message}`,
      };
    case 'error':
      return { elementId, rule, category: 'error', message: report.message };
    default:
      // 'warn', and 'info' (which no rule configured here reports): shown, never blocking.
      return { elementId, rule, category: 'warn', message: report.message };
  }
}

/** moddle-xml's multi-line messages ("…\n\tline: 3\n\tcolumn: 5\n\tnested error: …") on one line. */
function oneLine(message: string): string {
  return message
    .trim()
    .replace(/^Error:\s*/, '')
    .replace(/\s*\n\s*/g, '; ');
}
