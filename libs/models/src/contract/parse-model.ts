import { nativeRequire } from '../lint/native-require';

/** A moddle element as the contract check reads it: a type, an id, and properties by name. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

export interface ParsedModel {
  file: string;
  definitions: ModdleElement;
  warnings: string[];
}

const { BpmnModdle } = nativeRequire('bpmn-moddle') as {
  BpmnModdle: new (packages: object) => {
    fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
  };
};
const zeebe = nativeRequire('zeebe-bpmn-moddle/resources/zeebe.json') as object;

/** Reads a BPMN file with the Zeebe extensions; a file that does not parse throws with its reason. */
export async function parseBpmn(file: string, xml: string): Promise<ParsedModel> {
  const moddle = new BpmnModdle({ zeebe });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  return { file, definitions: rootElement, warnings: warnings.map((w) => w.message) };
}

export function children(element: ModdleElement, property: string): ModdleElement[] {
  const value = element[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** The Zeebe extension elements of a type, e.g. zeebe:TaskDefinition. */
export function extensions(element: ModdleElement, type: string): ModdleElement[] {
  const container = element.extensionElements as ModdleElement | undefined;
  return children(container ?? { $type: '' }, 'values').filter((value) => value.$type === type);
}

export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensions(element, type)[0];
}

/** Every flow element of a process, depth first, with the sub-process that contains it. */
export function flowElements(
  container: ModdleElement,
  parent: ModdleElement | null = null,
): { element: ModdleElement; parent: ModdleElement | null; container: ModdleElement }[] {
  return children(container, 'flowElements').flatMap((element) => [
    { element, parent, container },
    ...(element.$type === 'bpmn:SubProcess' ? flowElements(element, element) : []),
  ]);
}

export function processesOf(model: ParsedModel): ModdleElement[] {
  return children(model.definitions, 'rootElements').filter(
    (root) => root.$type === 'bpmn:Process',
  );
}

/** bpmn:UserTask -> USER_TASK, as the engine names element types in its records. */
export const engineType = (moddleType: string): string =>
  moddleType
    .replace(/^bpmn:/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase();
