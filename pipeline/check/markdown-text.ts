// Text from pull requests goes into a comment that GitHub renders as Markdown and HTML, so
// every piece of it is escaped: no tags, no links or images, no @mentions, no table breaks.

const SPECIAL = /[\\`*_{}[\]()#+\-.!|~>]/g;

/** Author-supplied text, shown literally. */
export function md(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(SPECIAL, (c) => `\\${c}`)
    .replace(/@/g, '&#64;')
    .replace(/\r?\n/g, ' ');
}

/** A path or id as inline code, unless it holds a backtick (then escaped text). */
export function code(text: string): string {
  return /[`\n]/.test(text) ? md(text) : `\`${text}\``;
}
