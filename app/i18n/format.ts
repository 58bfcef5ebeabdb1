/**
 * Numbers and times as the person's language writes them ([L32]–[L35]): grouping from
 * `Intl.NumberFormat`, times in the assembly's zone from `Intl.DateTimeFormat`. Formatters are
 * made once per language (and zone): a tally redrawn every second must not build a new one.
 */
import { wallToInstant } from '../model/time-zone.js';
import { intlLocale } from './intl-locale.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A whole or decimal number grouped per locale: 12345 → "12,345" (en), "12.345" (es). */
export function formatNumber(language: string, n: number): string {
  let f = numberFormats.get(language);
  if (!f) {
    try {
      f = new Intl.NumberFormat(intlLocale(Intl.NumberFormat, language));
    } catch {
      // An odd tag must not break a page: English grouping is the safe guess.
      f = new Intl.NumberFormat('en');
    }
    numberFormats.set(language, f);
  }
  return f.format(n);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${zone}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(intlLocale(Intl.DateTimeFormat, language), { ...options, timeZone: zone });
    } catch {
      f = new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' });
    }
    dateFormats.set(key, f);
  }
  return f;
}

/** How long a time is written: the time of day, or with its date. */
export type TimeStyle = 'time' | 'date' | 'date-time' | 'full';

const STYLES: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  time: { hour: 'numeric', minute: '2-digit' },
  date: { year: 'numeric', month: 'long', day: 'numeric' },
  'date-time': { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  full: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
};

/**
 * An instant (ms) as the assembly's clock shows it; `labelled` adds the zone's short name as the
 * language writes it ("6:00 PM CDT", "18:00 GMT-5"). '' for an instant that is no date.
 */
export function formatInstant(language: string, instant: number, zone: string, style: TimeStyle = 'time', labelled = false): string {
  if (!Number.isFinite(instant) || Math.abs(instant) > 8.64e15) return '';
  return dateFormat(language, zone, labelled ? { ...STYLES[style], timeZoneName: 'short' } : STYLES[style]).format(instant);
}

/**
 * A wall-clock time as typed (`2026-05-01T18:00`, the hall's clock in `zone`), written out in the
 * language with the zone's short name: the start time, which only means something with its zone.
 */
export function formatWallTime(language: string, wall: string, zone: string, style: TimeStyle = 'full'): string {
  return formatInstant(language, wallToInstant(wall, zone), zone, style, true);
}
