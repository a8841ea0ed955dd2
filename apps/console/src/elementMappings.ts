/** One element of the old version mapped to its counterpart in the new one. */
export interface ElementMapping {
  sourceElementId: string;
  targetElementId: string;
}

/**
 * The migration form's mapping text: `old=new`, one a line (or comma-separated). The lines that are
 * not exactly two filled-in sides come back as `malformed`, as typed, so the form can name them:
 * half a mapping sent on would come back from the broker's plan as a blocked instance, far from the
 * line that was mistyped.
 */
export function parseElementMappings(text: string): {
  mappings: ElementMapping[];
  malformed: string[];
} {
  const mappings: ElementMapping[] = [];
  const malformed: string[] = [];
  for (const line of text.split(/[\n,]/).map((part) => part.trim())) {
    if (!line) continue;
    const [sourceElementId, targetElementId, ...rest] = line.split('=').map((part) => part.trim());
    if (!sourceElementId || !targetElementId || rest.length > 0) malformed.push(line);
    else mappings.push({ sourceElementId, targetElementId });
  }
  return { mappings, malformed };
}
