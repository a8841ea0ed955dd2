import type { ModdleElement } from 'bpmn-moddle';

/** The first extension element of the given type, e.g. `zeebe:AssignmentDefinition`. */
export function extensionElement(node: ModdleElement, type: string): ModdleElement | undefined {
  const extensions = node.get('extensionElements') as ModdleElement | undefined;
  const values = extensions?.get('values');
  if (!Array.isArray(values)) return undefined;
  return (values as ModdleElement[]).find((value) => value.$instanceOf(type));
}

/** A string attribute, or undefined when absent. */
export function stringProperty(
  element: ModdleElement | undefined,
  property: string,
): string | undefined {
  const value = element?.get(property);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether a zeebe attribute says nothing: absent, blank, a bare `=`, or a FEEL empty list `=[]`
 * (an assignee or candidate list that evaluates to no one).
 */
export function isBlank(value: string | undefined): boolean {
  if (value === undefined) return true;
  const text = value.trim();
  const body = text.startsWith('=') ? text.slice(1).trim() : text;
  return body === '' || /^\[\s*\]$/.test(body);
}

const TYPE_LABELS: Record<string, string> = {
  'bpmn:UserTask': 'User task',
  'bpmn:ServiceTask': 'Service task',
  'bpmn:SendTask': 'Send task',
  'bpmn:BusinessRuleTask': 'Business rule task',
  'bpmn:ScriptTask': 'Script task',
  'bpmn:ManualTask': 'Manual task',
  'bpmn:ReceiveTask': 'Receive task',
  'bpmn:Task': 'Task',
  'bpmn:SubProcess': 'Sub-process',
  'bpmn:Transaction': 'Transaction sub-process',
  'bpmn:AdHocSubProcess': 'Ad-hoc sub-process',
  'bpmn:CallActivity': 'Call activity',
  'bpmn:StartEvent': 'Start event',
  'bpmn:EndEvent': 'End event',
  'bpmn:BoundaryEvent': 'Boundary event',
  'bpmn:IntermediateCatchEvent': 'Intermediate catch event',
  'bpmn:IntermediateThrowEvent': 'Intermediate throw event',
};

/** How a message names an element: `User task "Review 贷款审查" (Review)` or `User task Review`. */
export function describe(node: ModdleElement): string {
  const type = TYPE_LABELS[node.$type] ?? node.$type;
  const name = (node.name ?? '').trim();
  const id = node.id ?? '(no id)';
  return name ? `${type} "${name}" (${id})` : `${type} ${id}`;
}
