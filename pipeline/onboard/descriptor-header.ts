// The comment block at the top of every descriptor `citydash new dataset` writes, with or
// without --from. One place, so what every new descriptor starts with is written once.

export function descriptorHeader(id: string, inferred: boolean): string {
  const lines = inferred
    ? [
        `새 데이터셋 / New dataset — ${id}`,
        '`citydash new dataset --from`이 파일을 읽고 추정했습니다. "check:" 주석이 달린 줄을 확인한 뒤',
        '`npx citydash check`로 검사하세요.',
        'Inferred from the file by `citydash new dataset --from`. Review the lines marked "check:",',
        'then run `npx citydash check`.',
      ]
    : [
        `새 데이터셋 / New dataset — ${id}`,
        '이 파일을 고친 뒤 `npx citydash check`로 검사하세요. Edit, then run `npx citydash check`.',
      ];
  return `${lines.map((l) => `# ${l}`).join('\n')}\n`;
}
