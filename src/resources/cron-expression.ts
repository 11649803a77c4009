// Five-field cron expressions (minute hour day-of-month month day-of-week), as
// Vixie cron reads them, so CronJob schedules can be validated when they are
// applied. This file parses and checks; computing the next fire time in a time
// zone is the scheduler's job (scheduler/cron.ts), which can start from the
// expanded value sets returned here.

/** An expression expanded into the values each field allows, ascending. */
export interface CronExpression {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0 = Sunday … 6 = Saturday (7 is read as 0) */
  readonly daysOfWeek: readonly number[];
  /**
   * Vixie cron: when both day fields are restricted (neither starts with
   * `*`), a day matches if EITHER matches; otherwise both must.
   */
  readonly dayOfMonthRestricted: boolean;
  readonly dayOfWeekRestricted: boolean;
}

interface FieldRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/** The shorthands Vixie cron accepts (except @reboot, which has no meaning for a fleet). */
export const CRON_MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

class CronSyntaxError extends Error {}

function value(text: string, rule: FieldRule): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < rule.min || n > rule.max) throw new CronSyntaxError(`${rule.name} field: ${n} is out of range ${rule.min}-${rule.max}`);
    return n;
  }
  const i = rule.names?.indexOf(text.toLowerCase()) ?? -1;
  if (i >= 0) return rule.min === 1 ? i + 1 : i;
  throw new CronSyntaxError(`${rule.name} field: '${text}' is not a number${rule.names ? ' or a name' : ''}`);
}

function field(text: string, rule: FieldRule): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new CronSyntaxError(`${rule.name} field: empty list item in '${text}'`);
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined) throw new CronSyntaxError(`${rule.name} field: '${item}' has more than one '/'`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1 || Number(stepText) > rule.max - rule.min + 1) {
        throw new CronSyntaxError(`${rule.name} field: step '${stepText}' must be an integer from 1 to ${rule.max - rule.min + 1}`);
      }
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (range === '*') {
      lo = rule.min;
      hi = rule.max;
    } else if (range.includes('-')) {
      const parts = range.split('-');
      if (parts.length !== 2) throw new CronSyntaxError(`${rule.name} field: '${range}' is not a range`);
      lo = value(parts[0], rule);
      hi = value(parts[1], rule);
      if (lo > hi) throw new CronSyntaxError(`${rule.name} field: range '${range}' runs backwards`);
    } else {
      lo = value(range, rule);
      // `5/15` means 5-max/15, as in Vixie cron
      hi = stepText !== undefined ? rule.max : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

function parse(expr: string): CronExpression {
  const text = CRON_MACROS[expr.trim().toLowerCase()] ?? expr.trim();
  if (text.startsWith('@')) throw new CronSyntaxError(`unknown macro '${text}' (known: ${Object.keys(CRON_MACROS).join(', ')})`);
  const parts = text.split(/\s+/);
  if (parts.length !== 5 || text === '') {
    throw new CronSyntaxError(`must have 5 fields (minute hour day-of-month month day-of-week), found ${text === '' ? 0 : parts.length}`);
  }
  const sets = parts.map((p, i) => field(p, FIELDS[i]));
  const dow = sets[4];
  if (dow.has(7)) {
    dow.delete(7);
    dow.add(0);
  }
  const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
  return {
    minutes: sorted(sets[0]),
    hours: sorted(sets[1]),
    daysOfMonth: sorted(sets[2]),
    months: sorted(sets[3]),
    daysOfWeek: sorted(dow),
    dayOfMonthRestricted: !parts[2].startsWith('*'),
    dayOfWeekRestricted: !parts[4].startsWith('*'),
  };
}

/**
 * Why `expr` is not a valid schedule (e.g. `minute field: 61 is out of range
 * 0-59`), or undefined when it is one.
 */
export function cronProblem(expr: string): string | undefined {
  try {
    parse(expr);
    return undefined;
  } catch (err) {
    if (err instanceof CronSyntaxError) return err.message;
    throw err;
  }
}

/**
 * Expands a five-field expression or macro (`@daily`, …). Fields accept `*`,
 * numbers, ranges `a-b`, steps (`a-b/n`, `a/n`, and `*` followed by `/n`), comma lists, and month and weekday
 * names (`jan`, `mon`, case-insensitive). Returns undefined when the
 * expression is invalid; cronProblem says why.
 */
export function parseCronExpression(expr: string): CronExpression | undefined {
  try {
    return parse(expr);
  } catch (err) {
    if (err instanceof CronSyntaxError) return undefined;
    throw err;
  }
}
