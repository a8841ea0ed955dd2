/**
 * A BPMN element id as request bodies may name one: an XML NCName (BPMN 2.0 types ids as xsd:ID),
 * which allows letters of any script, so a model whose designer wrote ids in Chinese can be
 * modified and migrated too; digits, '.', '-' and '_' after the first character; no ':' (Zeebe
 * refuses qualified ids). `maxLength` is the column the id is kept in.
 */
export function bpmnElementIdPattern(maxLength: number): RegExp {
  return new RegExp(`^[\\p{L}_][\\p{L}\\p{N}\\p{M}_.\\-]{0,${maxLength - 1}}$`, 'u');
}
