/**
 * Minimal declarations for the bpmn.io packages the model lint uses. bpmn-moddle and bpmnlint-utils
 * ship no types TypeScript's `node` resolution finds, and bpmnlint's own (lib/types.d.ts) are not
 * published as its entry's types; only what LoanFlow's lint touches is declared here.
 *
 * Runtime code loads bpmn-moddle and bpmnlint through `nativeRequire` (see native-require.ts) and
 * types them with `typeof import('…')`; rules import the types and bpmnlint-utils directly.
 */

declare module 'bpmn-moddle' {
  /** An element read by moddle: BPMN, DI or a zeebe:* extension. Properties are read with `get`. */
  export interface ModdleElement {
    readonly $type: string;
    readonly $parent?: ModdleElement;
    readonly id?: string;
    readonly name?: string;
    get(property: string): unknown;
    $instanceOf(type: string): boolean;
  }

  /** A problem moddle-xml recovered from: unresolved reference, unknown element or attribute. */
  export interface ParseWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: unknown;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: ParseWarning[];
  }

  /** The moddle for BPMN 2.0, extended by the given packages (e.g. `{ zeebe: zeebeSchema }`). */
  export class BpmnModdle {
    constructor(packages?: Record<string, object>, options?: object);
    /** Rejects with an Error (carrying `warnings`) when the XML cannot be read as the type. */
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
}

declare module 'bpmnlint-utils' {
  import type { ModdleElement } from 'bpmn-moddle';

  /** `type` without a prefix means `bpmn:<type>`; sub-types match (a UserTask is a bpmn:Task). */
  export function is(node: ModdleElement, type: string): boolean;
  export function isAny(node: ModdleElement, types: readonly string[]): boolean;
}

declare module 'bpmnlint' {
  import type { ModdleElement } from 'bpmn-moddle';

  export interface Reporter {
    report(
      id: string | undefined,
      message: string,
      path?: string[] | { path?: string[]; [key: string]: unknown },
    ): void;
  }

  export type CheckFn = (node: ModdleElement, reporter: Reporter) => boolean | void;

  export interface RuleDefinition {
    meta?: { documentation?: { url?: string } };
    check: CheckFn | { enter?: CheckFn; leave?: CheckFn };
  }

  /** Called once per Linter with the rule's options: the second entry of `['error', options]`. */
  export type RuleFactory = (options?: unknown) => RuleDefinition;

  export type RuleCategory = 'off' | 'warn' | 'error' | 'info' | 0 | 1 | 2 | 3;
  export type RuleConfig = RuleCategory | [RuleCategory, unknown?];

  export interface Config {
    extends?: string | string[];
    rules?: Record<string, RuleConfig>;
  }

  export interface Resolver {
    resolveRule(pkg: string, ruleName: string): RuleFactory | Promise<RuleFactory>;
    resolveConfig(pkg: string, configName: string): Config | Promise<Config>;
  }

  /** One finding; `category` is 'rule-error' (with no id) when the rule itself threw. */
  export interface AnnotatedReport {
    id?: string;
    message: string;
    path?: string[];
    category: 'warn' | 'error' | 'info' | 'rule-error';
    [key: string]: unknown;
  }

  /** Keyed by rule name as configured: `no-bpmndi`, `camunda-compat/timer`, `loanflow/user-task-form`. */
  export type LintResults = Record<string, AnnotatedReport[]>;

  export class Linter {
    constructor(options: { resolver: Resolver; config?: Config });
    lint(root: ModdleElement, config?: Config): Promise<LintResults>;
  }
}
