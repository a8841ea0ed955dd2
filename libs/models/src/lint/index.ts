export { lintModel } from './lint-model';
export type { LintIssue, LintOptions } from './lint-model';
export { loanflowLintConfig } from './lint-config';
export { loanflowRules } from './rules';
