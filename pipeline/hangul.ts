// Whether text is Korean: one definition for the catalog's translation rules (what an English
// page must mark lang="ko") and the renderer (which chart texts on an English chart stay Korean).

// Hangul syllables and jamo, with their compatibility, extended, parenthesized and circled forms.
const HANGUL = /[\u1100-\u11FF\u3130-\u318F\u3200-\u321E\u3260-\u327E\uA960-\uA97F\uAC00-\uD7AF\uD7B0-\uD7FF]/;
const HANGUL_ALL = new RegExp(HANGUL.source, 'g');

export function hasHangul(text: string): boolean {
  return HANGUL.test(text);
}

/** How many Hangul characters `text` has (the bilingual tests count them). */
export function countHangul(text: string): number {
  return text.match(HANGUL_ALL)?.length ?? 0;
}
