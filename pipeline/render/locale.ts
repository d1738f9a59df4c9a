// Number and time locales per language, in d3's format. They go into each chart's config
// (`config.locale`), so the Node view and the browser view format identically, and they are
// set per view, never globally: ko and en charts render side by side in one process.
import type { Lang } from '../types.ts';

export interface NumberLocale {
  decimal: string;
  thousands: string;
  grouping: number[];
  currency: [string, string];
}
export interface TimeLocale {
  dateTime: string;
  date: string;
  time: string;
  periods: [string, string];
  days: string[];
  shortDays: string[];
  months: string[];
  shortMonths: string[];
}
export interface ChartLocale {
  number: NumberLocale;
  time: TimeLocale;
}

const koMonths = Array.from({ length: 12 }, (_, i) => `${i + 1}월`);

export const LOCALES: Record<Lang, ChartLocale> = {
  ko: {
    number: { decimal: '.', thousands: ',', grouping: [3], currency: ['', '원'] },
    time: {
      dateTime: '%Y년 %-m월 %-d일 %a %X',
      date: '%Y. %-m. %-d.',
      time: '%H:%M:%S',
      periods: ['오전', '오후'],
      days: ['일요일', '월요일', '화요일', '수요일', '목요일', '금요일', '토요일'],
      shortDays: ['일', '월', '화', '수', '목', '금', '토'],
      months: koMonths,
      shortMonths: koMonths,
    },
  },
  en: {
    number: { decimal: '.', thousands: ',', grouping: [3], currency: ['₩', ''] },
    time: {
      dateTime: '%a %b %e %X %Y',
      date: '%m/%d/%Y',
      time: '%H:%M:%S',
      periods: ['AM', 'PM'],
      days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
      shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
      months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
      shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    },
  },
};

/**
 * d3 time formats per Vega-Lite time unit. Korean writes dates big-to-small with counters
 * (2026년 11월), English small-to-big (Nov 2026). Units not listed keep Vega-Lite's default.
 */
export const TIME_UNIT_FORMATS: Record<Lang, Record<string, string>> = {
  ko: {
    year: '%Y년',
    yearquarter: '%Y년 %q분기',
    yearmonth: '%Y년 %-m월',
    yearmonthdate: '%Y년 %-m월 %-d일',
    yearmonthdatehours: '%Y년 %-m월 %-d일 %H시',
    yearmonthdatehoursminutes: '%Y년 %-m월 %-d일 %H:%M',
    quarter: '%q분기',
    month: '%-m월',
    monthdate: '%-m월 %-d일',
    date: '%-d일',
    day: '%a',
    hours: '%H시',
    hoursminutes: '%H:%M',
  },
  en: {
    year: '%Y',
    yearquarter: 'Q%q %Y',
    yearmonth: '%b %Y',
    yearmonthdate: '%b %-d, %Y',
    yearmonthdatehours: '%b %-d, %Y %H:00',
    yearmonthdatehoursminutes: '%b %-d, %Y %H:%M',
    quarter: 'Q%q',
    month: '%b',
    monthdate: '%b %-d',
    date: '%-d',
    day: '%a',
    hours: '%H:00',
    hoursminutes: '%H:%M',
  },
};

/**
 * Axis labels for raw temporal fields: each tick is labelled by the coarsest unit it starts,
 * but month ticks keep their year ("2026년 11월", "Nov 2026") so a reader never has to hunt
 * for the year on a short series.
 */
export const AXIS_MULTI_FORMATS: Record<Lang, Record<string, string>> = {
  ko: {
    year: '%Y년',
    quarter: '%Y년 %-m월',
    month: '%Y년 %-m월',
    week: '%-m월 %-d일',
    date: '%-m월 %-d일',
    hours: '%H시',
    minutes: '%H:%M',
  },
  en: {
    year: '%Y',
    quarter: '%b %Y',
    month: '%b %Y',
    week: '%b %-d',
    date: '%b %-d',
    hours: '%H:00',
    minutes: '%H:%M',
  },
};

/** Default format of a raw date in text marks and tooltips. */
export const DATE_FORMAT: Record<Lang, string> = { ko: '%Y년 %-m월 %-d일', en: '%b %-d, %Y' };
/** Default format of a raw date-time (Seoul wall-clock time) in text marks and tooltips. */
export const DATETIME_FORMAT: Record<Lang, string> = { ko: '%Y년 %-m월 %-d일 %H:%M', en: '%b %-d, %Y %H:%M' };
