// Generated department files, one per quirk `new dataset --from` must see, each returned with
// the rows it holds (as plain JS values), so a test can compare what validate stored with an
// independent computation. Values come from a seeded PRNG: the same files every run.
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { GU } from '../../pipeline/districts.ts';

/** mulberry32: small, seeded, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Generated {
  name: string;
  bytes: Uint8Array;
  /** The data rows, by canonical column name, as validate should store them. */
  rows: Record<string, string | number | boolean | null>[];
}

const comma = (n: number) => n.toLocaleString('en-US');
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * CP949, a title line and a unit line above the header, a blank line, quoted numbers with
 * thousands separators, and a 합계 totals row first (as the city's population tables have).
 */
export function cp949Population(): Generated {
  const rand = prng(1);
  const rows = GU.map((g) => ({ gu: g.ko, population: 100_000 + Math.floor(rand() * 600_000), households: 40_000 + Math.floor(rand() * 250_000) }));
  const total = { population: rows.reduce((s, r) => s + r.population, 0), households: rows.reduce((s, r) => s + r.households, 0) };
  const lines = [
    '2025년 자치구별 주민등록 인구',
    '(단위: 명)',
    '',
    '자치구,인구,세대',
    `합계,"${comma(total.population)}","${comma(total.households)}"`,
    ...rows.map((r) => `${r.gu},"${comma(r.population)}","${comma(r.households)}"`),
  ];
  return { name: '인구_2025.csv', bytes: iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp949'), rows };
}

/**
 * UTF-8 with a byte-order mark, CRLF and LF mixed (two exports pasted together), a trailing
 * empty column, dates written yyyy.MM.dd, a Y/N column, decimals with `-` for missing values.
 */
export function bomMixed(): Generated {
  const rand = prng(2);
  const rows: Generated['rows'] = [];
  const lines = ['점검일자,시설명,운영여부,수질(ppm),'];
  for (let d = 0; d < 40; d++) {
    const day = new Date(Date.UTC(2025, 2, 1 + d));
    const date = day.toISOString().slice(0, 10);
    for (const facility of ['뚝섬정수센터', '광암정수센터', '구의정수센터']) {
      const open = rand() > 0.2;
      const missing = rand() < 0.1;
      const value = missing ? null : Math.round(rand() * 1000) / 100;
      rows.push({ checked_on: date, name: facility, open, quality: value });
      lines.push(`${date.replace(/-/g, '.')},${facility},${open ? 'Y' : 'N'},${value === null ? '-' : value},`);
    }
  }
  const text = lines.map((l, i) => `${l}${i % 3 === 0 ? '\r\n' : '\n'}`).join('');
  return { name: 'water-quality.csv', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), rows };
}

/** UTF-16LE with a byte-order mark and tabs: Excel's "Unicode text" export. */
export function utf16Tabs(): Generated {
  const rand = prng(3);
  const rows = GU.slice(0, 12).map((g) => ({ gu: g.ko, facilities: Math.floor(rand() * 90), rate: Math.round(rand() * 1000) / 10 }));
  const lines = ['자치구\t시설수\t비율(%)', ...rows.map((r) => `${r.gu}\t${r.facilities}\t${r.rate}`)];
  return { name: 'facilities.txt', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf16le')]), rows };
}

/**
 * Hourly readings where a day ends at `24:00` (the next day's 00:00), the gu given by its
 * 5-digit code, and a station name beside it.
 */
export function hourly(): Generated {
  const rand = prng(4);
  const rows: Generated['rows'] = [];
  const lines = ['측정일시,자치구코드,측정소명,초미세먼지(㎍/㎥)'];
  const gus = GU.slice(0, 5);
  for (let day = 1; day <= 3; day++) {
    for (let hour = 1; hour <= 24; hour++) {
      for (const g of gus) {
        const value = Math.round(rand() * 800) / 10;
        const canonical = hour === 24 ? `2025-01-${pad(day + 1)}T00:00` : `2025-01-${pad(day)}T${pad(hour)}:00`;
        rows.push({ datetime: canonical, district_code: g.code, station: `${g.short.ko}측정소`, pm25: value, gu_code: g.code });
        lines.push(`2025-01-${pad(day)} ${pad(hour)}:00,${g.code},${g.short.ko}측정소,${value}`);
      }
    }
  }
  return { name: 'pm25-hourly.csv', bytes: Buffer.from(`${lines.join('\n')}\n`), rows };
}

/**
 * Semicolons, a title line, months written yyyyMM under 기준년월, station codes with leading
 * zeros (`0012`) that must stay text, and units in the headers (`(명)`, `(원)`).
 */
export function semicolonMonthly(): Generated {
  const rand = prng(5);
  const rows: Generated['rows'] = [];
  const lines = ['따릉이 대여소별 월간 이용 현황', '기준년월;대여소번호;대여건수;반납건수;이용자(명);이용금액(원)'];
  for (let m = 1; m <= 6; m++) {
    for (let s = 1; s <= 20; s++) {
      const rentals = Math.floor(rand() * 5000);
      const returns = Math.floor(rand() * 5000);
      const users = Math.floor(rentals * 0.8);
      const paid = users * 1000;
      const code = String(s * 7).padStart(4, '0');
      rows.push({ month: `2024-${pad(m)}-01`, station_no: code, rentals, returns, users, paid });
      lines.push(`2024${pad(m)};${code};${rentals};${returns};${users};${paid}`);
    }
  }
  return { name: 'bike-monthly.csv', bytes: Buffer.from(`${lines.join('\n')}\n`), rows };
}

/**
 * A workbook whose data sheet is not the first: a title merged across the table, a blank
 * row, a two-row header (구분 merged down; 예산 and 집행 merged across their details), units
 * in the header, and a 합계 totals row at the bottom. A notes sheet comes first.
 */
export function stackedWorkbook(): Generated {
  const rand = prng(6);
  const departments = ['기획조정실', '재무국', '행정국', '복지실', '교통실', '주택실', '문화본부', '안전총괄실'];
  const rows = departments.map((d) => {
    const original = 100_000 + Math.floor(rand() * 3_000_000);
    const final = original + Math.floor(rand() * 200_000);
    const spent = Math.floor(final * (0.8 + rand() * 0.19));
    return { department: d, budget_original: original, budget_final: final, spent, execution_rate: Math.round((spent / final) * 1000) / 10 };
  });
  const sum = (k: 'budget_original' | 'budget_final' | 'spent') => rows.reduce((s, r) => s + r[k], 0);
  const aoa: (string | number | null)[][] = [
    ['2025년 부서별 예산 집행 현황', null, null, null, null],
    [null, null, null, null, null],
    ['구분', '예산(백만원)', null, '집행(백만원)', null],
    [null, '본예산', '최종예산', '집행액', '집행률(%)'],
    ...rows.map((r) => [r.department, r.budget_original, r.budget_final, r.spent, r.execution_rate]),
    ['합계', sum('budget_original'), sum('budget_final'), sum('spent'), null],
  ];
  const data = XLSX.utils.aoa_to_sheet(aoa);
  data['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 4 } },
    { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } },
    { s: { r: 2, c: 1 }, e: { r: 2, c: 2 } },
    { s: { r: 2, c: 3 }, e: { r: 2, c: 4 } },
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['작성: 재무국'], ['문의: 02-120']]), '안내');
  XLSX.utils.book_append_sheet(wb, data, '집행현황');
  return { name: 'budget-2025.xlsx', bytes: XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, rows };
}
