/**
 * The `name` of every element of a BPMN model, by element id: what the monitor shows for a step
 * instead of its id. Read with a scan of the XML's start tags (the models are ours and plain: one
 * `id` and at most one `name` per tag), with XML character references decoded.
 */
export function elementNamesOf(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const tag of xml.matchAll(/<(?:[\w-]+:)?[\w-]+\s([^>]*?)\/?>/g)) {
    const attributes = tag[1] ?? '';
    const id = /(?:^|\s)id="([^"]*)"/.exec(attributes)?.[1];
    const name = /(?:^|\s)name="([^"]*)"/.exec(attributes)?.[1];
    if (id && name && !names.has(id)) names.set(id, decodeXml(name));
  }
  return names;
}

function decodeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
