/**
 * Comments on a loan file and the colleagues they mention. A mention is written `@user.name` in
 * the text (user names are lower-case letters, digits, dots, dashes and underscores) or named in
 * the comment's `mentions` list; a dot or dash that ends a sentence is not part of the name.
 */
export const COMMENT_MAX_LENGTH = 2000;
export const MAX_MENTIONS = 10;

const MENTION_IN_TEXT = /(?<![\w.@-])@([a-z][a-z0-9._-]{0,63})/gi;

/** The user names `@`-mentioned in a comment's text, lower-cased, each once, in order. */
export function mentionsInText(text: string): string[] {
  const names = [...text.matchAll(MENTION_IN_TEXT)].map((match) =>
    (match[1] ?? '').replace(/[._-]+$/, '').toLowerCase(),
  );
  return [...new Set(names.filter((name) => name.length > 0))];
}

/**
 * Who a comment mentions: the names listed explicitly (each must be a colleague: the caller checks)
 * and those written in the text, without the author, each once.
 */
export function mentionedUsers(
  author: string,
  text: string,
  listed: readonly string[] = [],
): { listed: string[]; inText: string[] } {
  const explicit = [...new Set(listed.map((name) => name.trim().toLowerCase()))].filter(
    (name) => name && name !== author,
  );
  const inText = mentionsInText(text).filter((name) => name !== author && !explicit.includes(name));
  return { listed: explicit, inText };
}
