/**
 * How the console names a model's element. The models name their steps in English with the bank's
 * Chinese term beside it ("Approval 贷款审批 (approver at the level in turn …)"): the Chinese UI
 * shows the Chinese term, the English UI the name without it; a name with no Chinese term (most
 * gateways and system steps) shows whole in both.
 */
const CJK_RUN =
  /[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*/g;

export function stepLabel(name: string | null | undefined, language: string): string {
  const whole = (name ?? '').replace(/\s+/g, ' ').trim();
  const chinese = whole.match(CJK_RUN) ?? [];
  if (chinese.length === 0) return whole;
  if (language.startsWith('zh')) return chinese.join(' ');
  const english = whole
    .replace(CJK_RUN, ' ')
    .replace(/\(\s*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return english || whole;
}

/**
 * The model's XML with every `name` attribute relabelled for the reader's language: what the
 * diagram draws. Only labels change; ids, flows and the layout stay.
 */
export function relabelModel(xml: string, language: string): string {
  return xml.replace(
    /(\sname=")([^"]*)(")/g,
    (_match, open: string, name: string, close: string) => {
      const label = stepLabel(decodeXml(name), language);
      return `${open}${encodeXml(label)}${close}`;
    },
  );
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

function encodeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** An element's name by id from the model's XML (start tags with an id and a name). */
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
