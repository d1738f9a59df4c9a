// Which column, if any, to conform to the 25 gu: the one whose values most often name a gu
// (by name, English name or code), when at least half of its non-empty values do. Short
// Korean names (종로 for 종로구) count only when the strict names do not reach half: in
// Seoul's air files `종로` is a roadside station beside the gu station `종로구`.
import type { NamedHeader } from './column-names.ts';
import type { ColumnStats } from './column-stats.ts';

export interface DistrictGuess {
  index: number;
  shortKorean: boolean;
  /** Share of non-empty values that name a gu (as matched above). */
  rate: number;
  /** The values are gu codes (11110, 1111000000) rather than names. */
  codes: boolean;
}

const MIN_RATE = 0.5;

export function guessDistrict(named: readonly NamedHeader[], stats: readonly ColumnStats[]): DistrictGuess | undefined {
  let best: DistrictGuess | undefined;
  for (const n of named) {
    const s = stats[n.index]!;
    if (s.nonEmpty === 0 || s.guGaveUp) continue;
    const strict = s.gu.matched / s.nonEmpty;
    const short = s.gu.matchedShort / s.nonEmpty;
    const guess: DistrictGuess | undefined =
      strict >= MIN_RATE ? { index: n.index, shortKorean: false, rate: strict, codes: s.gu.codes > s.gu.matched / 2 }
        : short >= MIN_RATE ? { index: n.index, shortKorean: true, rate: short, codes: false }
          : undefined;
    if (!guess) continue;
    // Names beat codes when a file has both (자치구 and 자치구코드): the name reads on the page.
    if (!best || (best.codes && !guess.codes) || (best.codes === guess.codes && guess.rate > best.rate)) best = guess;
  }
  return best;
}
