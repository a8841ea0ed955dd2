import { createHash } from 'node:crypto';
import { CodeCatalogue } from '../contract/catalogue';
import { checkContract } from '../contract/check-contract';
import { parseBpmn, ParsedModel } from '../contract/parse-model';
import { lintModel } from '../lint/lint-model';

/** A model file as a designer hands it in. */
export interface ModelFile {
  name: string;
  content: string;
}

export interface ModelIssue {
  file: string;
  elementId: string;
  rule: string;
  category: 'error' | 'warn';
  message: string;
}

export interface ModelCheckReport {
  ok: boolean;
  issues: ModelIssue[];
  /** BPMN process ids and DMN decision ids per file. */
  resources: { file: string; kind: 'process' | 'decision'; id: string; checksum: string }[];
}

export interface CheckOptions {
  catalogue: CodeCatalogue;
  /** Decisions already deployed, usable by business rule tasks besides those in the files. */
  deployedDecisionIds?: readonly string[];
  /** The files are the bank's whole model set (so published messages must be caught somewhere). */
  complete?: boolean;
}

const DECISION_ID = /<(?:\w+:)?decision\s[^>]*\bid="([^"]+)"/g;
const PROCESS_ID = /<(?:\w+:)?process\s[^>]*\bid="([^"]+)"/g;

export const checksumOf = (content: string): string =>
  createHash('sha256').update(content).digest('hex');

/** Lint (bpmnlint with Camunda 8.5 compatibility and the bank's rules) and the model-to-code contract. */
export async function checkModels(
  files: ModelFile[],
  options: CheckOptions,
): Promise<ModelCheckReport> {
  const issues: ModelIssue[] = [];
  const resources: ModelCheckReport['resources'] = [];
  const parsed: ParsedModel[] = [];
  const decisionIds = new Set(options.deployedDecisionIds ?? []);
  const formKeys = [...options.catalogue.forms.keys()];

  for (const file of files) {
    const checksum = checksumOf(file.content);
    if (file.name.endsWith('.dmn')) {
      const ids = [...file.content.matchAll(DECISION_ID)].flatMap(([, id]) => (id ? [id] : []));
      if (!ids.length)
        issues.push({
          file: file.name,
          elementId: '-',
          rule: 'parse',
          category: 'error',
          message: 'no DMN decision found in the file',
        });
      for (const id of ids) {
        decisionIds.add(id);
        resources.push({ file: file.name, kind: 'decision', id, checksum });
      }
      continue;
    }
    if (!file.name.endsWith('.bpmn')) {
      issues.push({
        file: file.name,
        elementId: '-',
        rule: 'file-type',
        category: 'error',
        message: 'only .bpmn and .dmn files are models',
      });
      continue;
    }
    issues.push(...(await lintModel(file.content, file.name, { formKeys })));
    try {
      parsed.push(await parseBpmn(file.name, file.content));
      for (const [, id = ''] of file.content.matchAll(PROCESS_ID))
        resources.push({ file: file.name, kind: 'process', id, checksum });
    } catch {
      // The lint has reported why the file does not parse.
    }
  }
  const contract = checkContract(parsed, options.catalogue, {
    decisionIds,
    complete: options.complete ?? false,
  });
  issues.push(...contract.map((issue) => ({ ...issue, category: 'error' as const })));
  return { ok: !issues.some((issue) => issue.category === 'error'), issues, resources };
}

/** One line per issue: file, element, rule, message. */
export function describeIssues(issues: ModelIssue[]): string {
  return issues
    .map(
      (issue) =>
        `${issue.file} ${issue.elementId}: [${issue.category} ${issue.rule}] ${issue.message}`,
    )
    .join('\n');
}
