/** A straight chain of N service tasks of types `${prefix}.step-1` .. `${prefix}.step-N`, as BPMN XML. */
export function serviceTaskChain(processId: string, typePrefix: string, steps: number): string {
  const tasks: string[] = [];
  const flows: string[] = [];
  let previous = 'Start';
  for (let i = 1; i <= steps; i++) {
    tasks.push(
      `<bpmn:serviceTask id="Step${i}"><bpmn:extensionElements><zeebe:taskDefinition type="${typePrefix}.step-${i}" /></bpmn:extensionElements></bpmn:serviceTask>`,
    );
    flows.push(`<bpmn:sequenceFlow id="F${i}" sourceRef="${previous}" targetRef="Step${i}" />`);
    previous = `Step${i}`;
  }
  flows.push(`<bpmn:sequenceFlow id="FEnd" sourceRef="${previous}" targetRef="End" />`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D_${processId}" targetNamespace="https://loanflow.example/bench">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="Start" />
    ${tasks.join('\n    ')}
    ${flows.join('\n    ')}
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;
}
