import type { CodeCatalogue } from './catalogue';
import {
  children,
  extension,
  extensions,
  flowElements,
  ModdleElement,
  ParsedModel,
  processesOf,
} from './parse-model';
import { textOf } from '@loanflow/domain';

export interface ContractIssue {
  file: string;
  elementId: string;
  rule: string;
  message: string;
}

export interface ContractScope {
  /** Decision ids available to business rule tasks (DMN files checked with these, or deployed). */
  decisionIds: ReadonlySet<string>;
  /**
   * True when the models are the whole set the bank runs (the repository's bpmn/): then a message
   * the code publishes must have a model that catches it.
   */
  complete: boolean;
}

const JOB_TASKS = new Set(['bpmn:ServiceTask', 'bpmn:SendTask']);

/**
 * Checks models against the code: job types have workers, workers get the variables they need,
 * user tasks have forms, messages and BPMN errors match what the code publishes and throws.
 */
export function checkContract(
  models: ParsedModel[],
  catalogue: CodeCatalogue,
  scope: ContractScope,
): ContractIssue[] {
  const issues: ContractIssue[] = [];
  const caughtMessages = new Set<string>();
  const published = new Map(catalogue.messages.map((message) => [message.name, message]));

  for (const model of models) {
    const report = (elementId: string, rule: string, message: string) =>
      issues.push({ file: model.file, elementId, rule, message });
    for (const process of processesOf(model)) {
      const graph = new ProcessGraph(process, catalogue, published);
      for (const { element } of flowElements(process)) {
        const id = element.id ?? '?';
        if (JOB_TASKS.has(element.$type)) {
          const type = extension(element, 'zeebe:TaskDefinition')?.type as string | undefined;
          const worker = type ? catalogue.workers.get(type) : undefined;
          if (!type) continue; // the lint reports a missing type
          if (!worker) {
            report(
              id,
              'job-type-served',
              `job type "${type}" has no worker in the code (known: ${[...catalogue.workers.keys()].sort().join(', ')})`,
            );
            continue;
          }
          if (
            worker.onlyAt &&
            !worker.onlyAt.some((at) => at.process === process.id && at.element === id)
          ) {
            report(
              id,
              'guarded-job-type',
              `job type "${type}" moves money or changes a loan's standing: it may only be used where the product ships it (${worker.onlyAt.map((at) => `${at.process}/${at.element}`).join(', ')}), not at ${String(process.id)}/${id}`,
            );
            continue;
          }
          const available = graph.availableAt(element);
          for (const input of worker.inputs.filter((i) => i.required && !available.has(i.name)))
            report(
              id,
              'input-available',
              `worker ${type} needs the variable "${input.name}", which nothing before "${element.name ?? id}" produces or maps in`,
            );
          for (const code of worker.errors)
            if (!graph.catchesError(element, code))
              report(
                id,
                'error-caught',
                `worker ${type} may throw BPMN error "${code}" but no error boundary or event sub-process catches it here`,
              );
        }
        if (element.$type === 'bpmn:UserTask') {
          const formKey = extension(element, 'zeebe:FormDefinition')?.formKey as string | undefined;
          if (formKey && !catalogue.forms.has(formKey))
            report(
              id,
              'form-known',
              `form key "${formKey}" is not a form the inbox knows (${[...catalogue.forms.keys()].join(', ')})`,
            );
        }
        if (element.$type === 'bpmn:BusinessRuleTask') {
          const decisionId = extension(element, 'zeebe:CalledDecision')?.decisionId as
            string | undefined;
          if (decisionId && !scope.decisionIds.has(decisionId))
            report(
              id,
              'decision-known',
              `decision "${decisionId}" is in no DMN file checked with this model and is not deployed`,
            );
        }
        // A receive task waits on its message as a catch event does.
        const received =
          element.$type === 'bpmn:ReceiveTask'
            ? (element.messageRef as ModdleElement | undefined)?.name
            : undefined;
        if (received) {
          caughtMessages.add(received);
          if (!published.has(received))
            report(id, 'message-published', `message "${received}" is never published by the code`);
        }
        for (const definition of children(element, 'eventDefinitions')) {
          if (definition.$type === 'bpmn:MessageEventDefinition') {
            const name = (definition.messageRef as ModdleElement | undefined)?.name;
            if (!name) continue;
            const throwing =
              element.$type === 'bpmn:IntermediateThrowEvent' || element.$type === 'bpmn:EndEvent';
            if (throwing) continue;
            caughtMessages.add(name);
            if (!published.has(name))
              report(
                id,
                'message-published',
                `message "${name}" is never published by the code (it publishes: ${[...published.keys()].join(', ') || 'none'})`,
              );
          }
          if (definition.$type === 'bpmn:ErrorEventDefinition') {
            const code = (definition.errorRef as ModdleElement | undefined)?.errorCode as
              string | undefined;
            const throwing =
              element.$type === 'bpmn:EndEvent' || element.$type === 'bpmn:IntermediateThrowEvent';
            if (code && !throwing && !graph.thrownInModel(code) && !isThrownByCode(catalogue, code))
              report(
                id,
                'error-thrown',
                `BPMN error "${code}" is caught here but no worker throws it and no error end event in the model does`,
              );
          }
        }
      }
    }
  }

  if (scope.complete)
    for (const name of published.keys())
      if (!caughtMessages.has(name))
        issues.push({
          file: '(code)',
          elementId: name,
          rule: 'message-caught',
          message: `the code publishes message "${name}" but no model starts or waits on it`,
        });
  return issues;
}

function isThrownByCode(catalogue: CodeCatalogue, code: string): boolean {
  return [...catalogue.workers.values()].some((worker) => worker.errors.includes(code));
}

/** The flow graph of one process, for "what has been produced before this element". */
class ProcessGraph {
  private readonly byId = new Map<string, ModdleElement>();
  private readonly containerOf = new Map<string, ModdleElement>();
  private readonly incoming = new Map<string, ModdleElement[]>();

  constructor(
    private readonly process: ModdleElement,
    private readonly catalogue: CodeCatalogue,
    private readonly published: Map<string, { name: string; variables: readonly string[] }>,
  ) {
    for (const { element, container } of flowElements(process)) {
      if (element.id) {
        this.byId.set(element.id, element);
        this.containerOf.set(element.id, container);
      }
      if (element.$type === 'bpmn:SequenceFlow') {
        const target = (element.targetRef as ModdleElement).id!;
        this.incoming.set(target, [
          ...(this.incoming.get(target) ?? []),
          element.sourceRef as ModdleElement,
        ]);
      }
      if (element.$type === 'bpmn:BoundaryEvent') {
        const host = element.attachedToRef as ModdleElement;
        this.incoming.set(element.id!, [...(this.incoming.get(element.id!) ?? []), host]);
      }
    }
  }

  /** Variables some element upstream produces, the start variables, and the element's own input mappings. */
  availableAt(element: ModdleElement): Set<string> {
    const available = new Set<string>(this.catalogue.startVariables[this.process.id!] ?? []);
    for (const upstream of this.upstreamOf(element))
      for (const name of this.producedBy(upstream)) available.add(name);
    for (const input of this.mappings(element, 'zeebe:Input')) available.add(input);
    return available;
  }

  private upstreamOf(element: ModdleElement): ModdleElement[] {
    const seen = new Set<string>();
    const result: ModdleElement[] = [];
    const queue = [element];
    while (queue.length) {
      const current = queue.shift()!;
      const container = this.containerOf.get(current.id!);
      const predecessors = [...(this.incoming.get(current.id!) ?? [])];
      // Inside a sub-process, what came before the sub-process also came before its elements; an
      // event sub-process may start at any moment of its scope, so all that scope produces counts.
      if (container && container !== this.process) {
        predecessors.push(...(this.incoming.get(container.id!) ?? []), container);
        if (container.triggeredByEvent) {
          const scope = this.containerOf.get(container.id!) ?? this.process;
          predecessors.push(
            ...children(scope, 'flowElements').filter(
              (e) => e !== container && e.$type !== 'bpmn:SequenceFlow',
            ),
          );
        }
      }
      for (const previous of predecessors) {
        if (seen.has(previous.id!)) continue;
        seen.add(previous.id!);
        result.push(previous);
        queue.push(previous);
      }
    }
    return result;
  }

  /** What an element leaves in the process: output mappings if it has any, else what it returns. */
  private producedBy(element: ModdleElement): string[] {
    const outputs = this.mappings(element, 'zeebe:Output');
    if (outputs.length) return outputs;
    if (element.$type === 'bpmn:SubProcess')
      return flowElements(element).flatMap(({ element: inner }) => this.producedBy(inner));
    const produced: string[] = [];
    const script = extension(element, 'zeebe:Script');
    if (script?.resultVariable) produced.push(textOf(script.resultVariable));
    const decision = extension(element, 'zeebe:CalledDecision');
    if (decision?.resultVariable) produced.push(textOf(decision.resultVariable));
    const type = extension(element, 'zeebe:TaskDefinition')?.type as string | undefined;
    if (type) produced.push(...(this.catalogue.workers.get(type)?.outputs ?? []));
    const formKey = extension(element, 'zeebe:FormDefinition')?.formKey as string | undefined;
    if (formKey) produced.push(...(this.catalogue.forms.get(formKey) ?? []));
    for (const definition of children(element, 'eventDefinitions')) {
      const name = (definition.messageRef as ModdleElement | undefined)?.name;
      if (definition.$type === 'bpmn:MessageEventDefinition' && name)
        produced.push(...(this.published.get(name)?.variables ?? []));
    }
    return produced;
  }

  private mappings(element: ModdleElement, type: 'zeebe:Input' | 'zeebe:Output'): string[] {
    return extensions(element, 'zeebe:IoMapping')
      .flatMap((mapping) =>
        children(mapping, type === 'zeebe:Input' ? 'inputParameters' : 'outputParameters'),
      )
      .map((parameter) => String(parameter.target));
  }

  /** An error boundary on the element or an enclosing sub-process, or an error event sub-process above it. */
  catchesError(element: ModdleElement, code: string): boolean {
    const catches = (definition: ModdleElement) => {
      const ref = definition.errorRef as ModdleElement | undefined;
      return (
        definition.$type === 'bpmn:ErrorEventDefinition' &&
        (!ref || !ref.errorCode || ref.errorCode === code)
      );
    };
    let scope: ModdleElement | undefined = element;
    while (scope) {
      for (const candidate of this.byId.values()) {
        if (
          candidate.$type === 'bpmn:BoundaryEvent' &&
          candidate.attachedToRef === scope &&
          children(candidate, 'eventDefinitions').some(catches)
        )
          return true;
        if (
          candidate.$type === 'bpmn:SubProcess' &&
          candidate.triggeredByEvent &&
          this.containerOf.get(candidate.id!) === this.containerOf.get(scope.id!)
        ) {
          const start = children(candidate, 'flowElements').find(
            (inner) => inner.$type === 'bpmn:StartEvent',
          );
          if (start && children(start, 'eventDefinitions').some(catches)) return true;
        }
      }
      const container = this.containerOf.get(scope.id!);
      scope = container && container !== this.process ? container : undefined;
    }
    return false;
  }

  /** An error end event or throw event in this process with that code. */
  thrownInModel(code: string): boolean {
    return [...this.byId.values()].some(
      (element) =>
        (element.$type === 'bpmn:EndEvent' || element.$type === 'bpmn:IntermediateThrowEvent') &&
        children(element, 'eventDefinitions').some(
          (definition) => (definition.errorRef as ModdleElement | undefined)?.errorCode === code,
        ),
    );
  }
}
