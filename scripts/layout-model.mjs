// Draws a model's diagram (BPMN DI) with bpmn-auto-layout, in place: `npm run models:layout -- bpmn/x.bpmn`.
// For a model written as XML first; once drawn, designers keep editing it in Camunda Modeler.
// bpmn-auto-layout draws a sub-process collapsed but leaves its children on the main plane, on top
// of everything else; here each sub-process gets its own plane instead (the modeler's drill-down).
import { layoutProcess } from 'bpmn-auto-layout';
import { readFileSync, writeFileSync } from 'node:fs';

const SUBPROCESS = /(<bpmn:subProcess id="([^"]+)"[^>]*>)([\s\S]*?)(<\/bpmn:subProcess>)/g;
const FLOW_REFS = /^\s*<bpmn:(incoming|outgoing)>[^<]*<\/bpmn:\1>\s*$/gm;

function withoutDiagrams(xml) {
  return xml.replace(/\s*<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
}

function planeOf(laidOut) {
  const match = laidOut.match(/<bpmndi:BPMNPlane[^>]*>([\s\S]*?)<\/bpmndi:BPMNPlane>/);
  if (!match) throw new Error('bpmn-auto-layout produced no plane');
  return match[1];
}

async function layout(file) {
  const source = withoutDiagrams(readFileSync(file, 'utf8'));
  const processId = source.match(/<bpmn:process id="([^"]+)"/)[1];
  const subProcesses = [...source.matchAll(SUBPROCESS)].map(([, , id, body]) => ({ id, body }));
  const nested = subProcesses.find(({ body }) => body.includes('<bpmn:subProcess'));
  if (nested) {
    throw new Error(
      `${file}: sub-process ${nested.id} holds another sub-process; this script draws one level only (draw it in Camunda Modeler)`,
    );
  }

  // The main plane: every sub-process emptied, so it is laid out as one box.
  const emptied = source.replace(
    SUBPROCESS,
    (_, open, _id, body, close) => `${open}${(body.match(FLOW_REFS) ?? []).join('')}${close}`,
  );
  const diagrams = [{ plane: processId, shapes: planeOf(await layoutProcess(emptied)) }];

  // One plane per sub-process: its children laid out as if they were a process of their own.
  for (const { id, body } of subProcesses) {
    // Only the sub-process's own flow references go; its children keep theirs (they are the edges).
    const children = body.replace(/^(\s*<bpmn:(incoming|outgoing)>[^<]*<\/bpmn:\2>)+/, '');
    const alone = source.replace(
      /<bpmn:process [\s\S]*<\/bpmn:process>/,
      `<bpmn:process id="${id}_plane" isExecutable="false">${children}</bpmn:process>`,
    );
    diagrams.push({ plane: id, shapes: planeOf(await layoutProcess(alone)) });
  }

  const di = diagrams
    .map(
      ({ plane, shapes }) =>
        `  <bpmndi:BPMNDiagram id="BPMNDiagram_${plane}">\n` +
        `    <bpmndi:BPMNPlane id="BPMNPlane_${plane}" bpmnElement="${plane}">${shapes}</bpmndi:BPMNPlane>\n` +
        `  </bpmndi:BPMNDiagram>\n`,
    )
    .join('');
  const drawn = source.replace('</bpmn:definitions>', `${di}</bpmn:definitions>`);
  writeFileSync(file, drawn.endsWith('\n') ? drawn : `${drawn}\n`);
  console.log(`${file}: ${diagrams.length} diagram plane(s) drawn`);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run models:layout -- bpmn/<model>.bpmn ...');
  process.exit(2);
}
for (const file of files) await layout(file);
