/* eslint-disable @typescript-eslint/no-require-imports */
import Ajv from 'ajv';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { WorkerContract } from '../contract/catalogue';

const SCHEMA_URL =
  'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';

export interface ElementTemplate {
  $schema: string;
  name: string;
  id: string;
  description: string;
  version: number;
  engines: { camunda: string };
  appliesTo: string[];
  elementType: { value: string };
  groups: { id: string; label: string }[];
  properties: object[];
}

/** "loan.disburse" -> "Loan: disburse". */
function titleOf(type: string): string {
  const [area = '', verb = ''] = type.split('.');
  return `${area.charAt(0).toUpperCase()}${area.slice(1)}: ${verb.replace(/-/g, ' ')}`;
}

function typeOf(
  schema: { properties?: Record<string, { type?: string; $ref?: string }> } | undefined,
  name: string,
): string {
  const property = schema?.properties?.[name];
  if (!property) return 'value';
  if (property.$ref) return `object (${property.$ref.split('/').pop()})`;
  return property.type ?? 'value';
}

/**
 * A Camunda Modeler element template per worker: the job type fixed, one input mapping per variable
 * the worker reads (the same-named process variable by default) and one output mapping per variable
 * it writes, so a designer drops "Loan: disburse" instead of typing a job type. `version` lets the
 * modeler offer upgrades when the worker's contract changes.
 */
export function elementTemplates(workers: WorkerContract[], version: number): ElementTemplate[] {
  const schemas = validationMetadatasToSchemas() as Record<
    string,
    { properties?: Record<string, { type?: string }> }
  >;
  return workers.map((worker) => {
    const schema = worker.input ? schemas[worker.input.name] : undefined;
    return {
      $schema: SCHEMA_URL,
      name: titleOf(worker.type),
      id: `loanflow.${worker.type}`,
      description: worker.description,
      version,
      engines: { camunda: '^8.5' },
      appliesTo: ['bpmn:Task'],
      elementType: { value: 'bpmn:ServiceTask' },
      groups: [
        { id: 'inputs', label: 'Variables the worker reads' },
        { id: 'outputs', label: 'Variables the worker writes' },
      ],
      properties: [
        {
          type: 'Hidden',
          value: worker.type,
          binding: { type: 'zeebe:taskDefinition', property: 'type' },
        },
        ...worker.inputs.map((input) => ({
          label: input.name,
          description: `${input.required ? 'Required' : 'Optional'} ${typeOf(schema, input.name)}: the process variable (or FEEL expression) the worker reads as "${input.name}".`,
          group: 'inputs',
          type: 'String',
          feel: 'required',
          value: `=${input.name}`,
          optional: !input.required,
          binding: { type: 'zeebe:input', name: input.name },
          ...(input.required && { constraints: { notEmpty: true } }),
        })),
        ...worker.outputs.map((output) => ({
          label: `${output} →`,
          description: `The process variable that receives the worker's "${output}".`,
          group: 'outputs',
          type: 'String',
          value: output,
          binding: { type: 'zeebe:output', source: `=${output}` },
        })),
      ],
    };
  });
}

/** Validates templates against the published element-templates JSON Schema; returns the problems. */
export function validateTemplates(templates: ElementTemplate[]): string[] {
  const schema =
    require('@camunda/zeebe-element-templates-json-schema/resources/schema.json') as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  return templates.flatMap((template) => {
    const id = template.id;
    if (validate(template)) return [];
    return (validate.errors ?? []).map((error) => `${id}${error.instancePath}: ${error.message}`);
  });
}
