// Hangul -> Latin letters, syllable by syllable in the Revised Romanization's letters (no
// sound-change rules: 집행률 is `jiphaengryul`, not `jipaengnyul`). Enough for a safe column
// name a person can still read back to the header; the header itself stays in `from`.

const INITIALS = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const MEDIALS = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'];
const FINALS = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];

const FIRST = 0xac00;
const LAST = 0xd7a3;

/** Hangul syllables romanized; every other character is kept. */
export function romanize(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < FIRST || code > LAST) {
      out += ch;
      continue;
    }
    const s = code - FIRST;
    out += INITIALS[Math.floor(s / 588)]! + MEDIALS[Math.floor((s % 588) / 28)]! + FINALS[s % 28]!;
  }
  return out;
}
