// Example plugin (docs/plugins.md walks through it): a business-day calendar
// with holidays per region, written in TypeScript with the plugin kit.
//
//   nextBusinessDayIn(date, region)  the date, or the next business day in the region
//   isBusinessDay(date, region)      Monday to Friday and not a holiday there
//   <date> holidayIn <region>   operator form of "is a holiday there"
//
// The holidays come from the plugin's options in proviso.config.json:
//   { "module": "...", "options": { "regions": { "EMEA": ["2026-12-25", ...] } } }
// Each word's static check reports a region that has no calendar (PV2901) and
// a literal date outside the calendar's years (PV2902), where it is written.
import { definePlugin, defineFunction, defineOperator, t, type IsoDate, type WordCheck } from 'proviso/plugin';

export interface BusinessDayOptions {
  /** Region name -> its holidays (ISO dates). */
  readonly regions: Readonly<Record<string, readonly IsoDate[]>>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseOptions(raw: unknown): BusinessDayOptions {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('expected an object { "regions": { "<region>": ["YYYY-MM-DD", ...] } }');
  const regions = (raw as { regions?: unknown }).regions;
  if (typeof regions !== 'object' || regions === null || Array.isArray(regions)) throw new Error('"regions" must be an object of region name to a list of dates');
  for (const [region, dates] of Object.entries(regions)) {
    if (!Array.isArray(dates)) throw new Error(`regions.${region} must be a list of dates`);
    dates.forEach((d, i) => {
      if (typeof d !== 'string' || !ISO_DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) {
        throw new Error(`regions.${region}[${i}] must be a date YYYY-MM-DD, got ${JSON.stringify(d)}`);
      }
    });
  }
  return { regions: regions as Record<string, IsoDate[]> };
}

const DAY_MS = 86_400_000;
const weekday = (d: IsoDate): number => new Date(`${d}T00:00:00Z`).getUTCDay();
const nextDay = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

export default definePlugin({
  name: 'business-days',
  options: parseOptions,
  register(api, options) {
    const calendars = new Map(Object.entries(options.regions).map(([r, dates]) => [r, new Set(dates)]));
    const years = new Set([...calendars.values()].flatMap((s) => [...s].map((d) => d.slice(0, 4))));
    const holidaysOf = (region: string): ReadonlySet<string> => {
      const c = calendars.get(region);
      if (!c) throw new Error(`no holiday calendar for region "${region}" (known: ${[...calendars.keys()].join(', ')})`);
      return c;
    };
    const isBusinessDay = (date: IsoDate, region: string): boolean => {
      const w = weekday(date);
      return w !== 0 && w !== 6 && !holidaysOf(region).has(date);
    };

    // Static check shared by the functions: argument 0 is a date, 1 a region.
    const checkCall: WordCheck = (call) => {
      const problems: { message: string; severity?: 'error' | 'warning'; arg?: number }[] = [];
      const region = call.args[1]?.literal;
      if (typeof region === 'string' && !calendars.has(region)) {
        problems.push({ arg: 1, message: `no holiday calendar for region "${region}"; proviso.config.json defines ${[...calendars.keys()].join(', ')}` });
      }
      const date = call.args[0]?.literal;
      if (typeof date === 'string' && ISO_DATE.test(date) && !years.has(date.slice(0, 4))) {
        problems.push({ arg: 0, severity: 'warning', message: `the holiday calendars cover ${[...years].sort().join(', ')}, not ${date.slice(0, 4)}` });
      }
      return problems;
    };

    api.addFunction(
      defineFunction({
        name: 'nextBusinessDayIn',
        params: [
          { name: 'date', type: t.date },
          { name: 'region', type: t.string },
        ],
        returns: t.date,
        doc: 'The date itself when it is a business day in the region (Monday to Friday, not one of its holidays), otherwise the next business day there.',
        examples: ['override billing date to nextBusinessDayIn(billingDate, account.region)'],
        impl: (date, region) => {
          let d = date;
          for (let i = 0; i < 31; i++) {
            if (isBusinessDay(d, region)) return d;
            d = nextDay(d);
          }
          throw new Error(`no business day in ${region} within a month of ${date}`);
        },
        check: checkCall,
      }),
    );
    api.addFunction(
      defineFunction({
        name: 'isBusinessDay',
        params: [
          { name: 'date', type: t.date },
          { name: 'region', type: t.string },
        ],
        returns: t.boolean,
        doc: 'True when the date is Monday to Friday and not a holiday in the region.',
        examples: ['when not isBusinessDay(billingDate, "EMEA")'],
        impl: (date, region) => isBusinessDay(date, region),
        check: checkCall,
      }),
    );
    api.addOperator(
      defineOperator({
        name: 'holidayIn',
        left: t.date,
        right: t.string,
        doc: "True when the date is one of the region's holidays (weekends are not holidays).",
        examples: ['when account.region is present and billingDate holidayIn account.region'],
        test: (date, region) => holidaysOf(region).has(date),
      }),
    );
  },
});
