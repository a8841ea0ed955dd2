import type { GraphElement, ModelGraph } from '@loanflow/domain';
import { FORMS } from '@loanflow/tasks';
import {
  children,
  engineType,
  extension,
  flowElements,
  ModdleElement,
  parseBpmn,
  processesOf,
} from '../contract/parse-model';
import type { CodeCatalogue } from '../contract/catalogue';

const idOf = (ref: unknown): string | undefined => (ref as ModdleElement | undefined)?.id;

/**
 * One process of a deployed model as the instance-modification rules read it. Controls come from
 * the code, never from the model: a user task whose form carries a duty (review, approval, the
 * disbursement check…), every DMN decision, and a service task whose worker declares a `control`;
 * a worker with placements (`onlyAt`: money, a loan's standing) is guarded.
 */
export async function modelGraphOf(
  bpmnXml: string,
  bpmnProcessId: string,
  catalogue: CodeCatalogue,
): Promise<ModelGraph> {
  const model = await parseBpmn(`${bpmnProcessId}.bpmn`, bpmnXml);
  const process = processesOf(model).find((p) => p.id === bpmnProcessId);
  if (!process) throw new Error(`the model holds no process ${bpmnProcessId}`);
  const elements = new Map<string, GraphElement>();
  const edges: [string, string][] = [];
  const roots: string[] = [];
  const flows = flowElements(process);
  const isEventSubProcess = (e: ModdleElement | null) => e?.triggeredByEvent === true;
  for (const { element, parent } of flows) {
    if (!element.id || element.$type === 'bpmn:SequenceFlow') continue;
    const type = isEventSubProcess(element) ? 'EVENT_SUB_PROCESS' : engineType(element.$type);
    const jobType =
      (extension(element, 'zeebe:TaskDefinition')?.type as string | undefined) ?? null;
    const worker = jobType ? catalogue.workers.get(jobType) : undefined;
    const formKey = extension(element, 'zeebe:FormDefinition')?.formKey as string | undefined;
    const duty = formKey ? FORMS.get(formKey)?.duty : null;
    const control =
      type === 'USER_TASK' && duty
        ? `duty: ${duty}`
        : type === 'BUSINESS_RULE_TASK'
          ? 'decision (DMN)'
          : (worker?.control ?? null);
    elements.set(element.id, {
      id: element.id,
      type,
      name: element.name ?? element.id,
      scopeId: parent?.id ?? null,
      special:
        isEventSubProcess(element) || isEventSubProcess(parent)
          ? 'event-sub-process'
          : element.loopCharacteristics
            ? 'multi-instance'
            : null,
      control,
      guarded: !!worker?.onlyAt,
      jobType,
    });
    if (type === 'START_EVENT' && !parent) roots.push(element.id);
  }
  for (const { element, parent } of flows) {
    if (element.$type === 'bpmn:SequenceFlow') {
      const from = idOf(element.sourceRef);
      const to = idOf(element.targetRef);
      if (from && to) edges.push([from, to]);
    } else if (element.$type === 'bpmn:BoundaryEvent') {
      const host = idOf(element.attachedToRef);
      if (host && element.id) edges.push([host, element.id]);
    } else if (parent && element.id && !isEventSubProcess(parent)) {
      // A sub-process starts at its start events and goes on after its end events.
      if (element.$type === 'bpmn:StartEvent') edges.push([parent.id!, element.id]);
      if (element.$type === 'bpmn:EndEvent')
        for (const out of children(parent, 'outgoing')) {
          const to = idOf(out.targetRef);
          if (to) edges.push([element.id, to]);
        }
    }
  }
  return { elements, edges, roots };
}
