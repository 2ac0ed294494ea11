import { clockNow } from '../evaluation-clock';
import { TimeSpanValue } from '../context-view';
import { type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, DATE_TIME, STRING, type Type, named } from '../types';
import type { LibraryModule } from './library-module';
import { withKind } from './system-date-kind';
import { DATE_TIME_OFFSET, DateTimeOffsetValue } from './system-datetimeoffset';
import { TIME_SPAN } from './system-timespan';

/**
 * `System.TimeZoneInfo` (APIM allows all of it): `Utc`, `Local` (UTC: the gateway's zone),
 * `FindSystemTimeZoneById` with IANA ids (`Europe/Berlin`) or the Windows ids APIM uses
 * (`W. Europe Standard Time`, a table of the common ones), `ConvertTimeFromUtc`,
 * `ConvertTimeToUtc`, `ConvertTime`, `ConvertTimeBySystemTimeZoneId`, and `Id`, `DisplayName`,
 * `BaseUtcOffset`, `GetUtcOffset`, `IsDaylightSavingTime`, `SupportsDaylightSavingTime`.
 * Offsets come from the ICU time-zone data in Node (Intl).
 */

const TIME_ZONE: Type = named('TimeZoneInfo');

/** Windows time-zone ids → IANA, for the zones policies name most. */
const WINDOWS_IDS: Readonly<Record<string, string>> = {
  UTC: 'Etc/UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'Central European Standard Time': 'Europe/Warsaw',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'GTB Standard Time': 'Europe/Bucharest',
  'Russian Standard Time': 'Europe/Moscow',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Israel Standard Time': 'Asia/Jerusalem',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Arabian Standard Time': 'Asia/Dubai',
  'India Standard Time': 'Asia/Kolkata',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'US Mountain Standard Time': 'America/Phoenix',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Alaskan Standard Time': 'America/Anchorage',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Atlantic Standard Time': 'America/Halifax',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Buenos_Aires',
  'Central America Standard Time': 'America/Guatemala',
  'Mexico Standard Time': 'America/Mexico_City',
  'SA Pacific Standard Time': 'America/Bogota',
};

export class TimeZoneValue {
  private readonly format: Intl.DateTimeFormat;

  constructor(
    readonly id: string,
    readonly iana: string,
  ) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Minutes east of UTC at the UTC instant `ms`. */
  offsetAt(ms: number): number {
    const parts = Object.fromEntries(this.format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    return Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
  }

  /** The UTC instant of a wall-clock time in this zone (the earlier one when the clock repeats). */
  utcOf(wallMs: number): number {
    const first = wallMs - this.offsetAt(wallMs) * 60_000;
    const second = wallMs - this.offsetAt(first) * 60_000;
    return Math.min(first, second);
  }

  /** The offset in January or July, whichever is smaller (the standard offset). */
  baseOffset(year: number): number {
    return Math.min(this.offsetAt(Date.UTC(year, 0, 1)), this.offsetAt(Date.UTC(year, 6, 1)));
  }
}

const UTC_ZONE = new TimeZoneValue('UTC', 'Etc/UTC');

/** Zones found so far (an Intl formatter each): a policy asks for the same few on every request. */
const found = new Map<string, TimeZoneValue>();

function findZone(id: string | null): TimeZoneValue {
  if (id === null) throw fault('TimeZoneInfo.FindSystemTimeZoneById: the id is null (ArgumentNullException)');
  const cached = found.get(id);
  if (cached) return cached;
  const iana = WINDOWS_IDS[id] ?? id;
  try {
    const zone = new TimeZoneValue(id, iana);
    if (found.size < 1000) found.set(id, zone);
    return zone;
  } catch {
    throw fault(
      `the time zone "${id}" was not found (TimeZoneNotFoundException); use an IANA id like Europe/Berlin or a Windows id like W. Europe Standard Time`,
    );
  }
}

/** The wall clock in `zone`: Unspecified, as .NET's result for any zone but UTC. */
const fromUtc = (date: Date, zone: TimeZoneValue) =>
  withKind(
    new Date(date.getTime() + zone.offsetAt(date.getTime()) * 60_000),
    zone === UTC_ZONE ? 'Utc' : 'Unspecified',
  );
const toUtc = (date: Date, zone: TimeZoneValue) => new Date(zone.utcOf(date.getTime()));
const toZone = (value: DateTimeOffsetValue, zone: TimeZoneValue) =>
  new DateTimeOffsetValue(value.instant, zone.offsetAt(value.instant.getTime()));

const TimeZoneStatics: TypeMembers = members(
  { Utc: prop(TIME_ZONE, () => UTC_ZONE), Local: prop(TIME_ZONE, () => UTC_ZONE) },
  {
    FindSystemTimeZoneById: method(
      sig<null, [string | null]>([STRING], TIME_ZONE, (_, id) => findZone(id), { allowsNull: true }),
    ),
    ConvertTimeFromUtc: method(
      sig<null, [Date, TimeZoneValue]>([DATE_TIME, TIME_ZONE], DATE_TIME, (_, date, zone) => fromUtc(date, zone)),
    ),
    ConvertTimeToUtc: method(
      sig<null, [Date]>([DATE_TIME], DATE_TIME, (_, date) => date),
      sig<null, [Date, TimeZoneValue]>([DATE_TIME, TIME_ZONE], DATE_TIME, (_, date, zone) => toUtc(date, zone)),
    ),
    ConvertTime: method(
      sig<null, [DateTimeOffsetValue, TimeZoneValue]>(
        [DATE_TIME_OFFSET, TIME_ZONE],
        DATE_TIME_OFFSET,
        (_, value, zone) => toZone(value, zone),
      ),
      sig<null, [Date, TimeZoneValue]>([DATE_TIME, TIME_ZONE], DATE_TIME, (_, date, zone) => fromUtc(date, zone)),
    ),
    ConvertTimeBySystemTimeZoneId: method(
      sig<null, [DateTimeOffsetValue, string]>([DATE_TIME_OFFSET, STRING], DATE_TIME_OFFSET, (_, value, id) =>
        toZone(value, findZone(id)),
      ),
      sig<null, [Date, string]>([DATE_TIME, STRING], DATE_TIME, (_, date, id) => fromUtc(date, findZone(id))),
    ),
  },
);

const offsetSpan = (minutes: number) => new TimeSpanValue(minutes * 60_000);

const TimeZoneMembers: TypeMembers = members(
  {
    Id: prop<TimeZoneValue>(STRING, (z) => z.id),
    DisplayName: prop<TimeZoneValue>(STRING, (z) => z.id),
    StandardName: prop<TimeZoneValue>(STRING, (z) => z.id),
    BaseUtcOffset: prop<TimeZoneValue>(TIME_SPAN, (z) =>
      offsetSpan(z.baseOffset(new Date(clockNow()).getUTCFullYear())),
    ),
    SupportsDaylightSavingTime: prop<TimeZoneValue>(BOOL, (z) => {
      const year = new Date(clockNow()).getUTCFullYear();
      return z.offsetAt(Date.UTC(year, 0, 1)) !== z.offsetAt(Date.UTC(year, 6, 1));
    }),
  },
  {
    GetUtcOffset: method(
      sig<TimeZoneValue, [Date]>([DATE_TIME], TIME_SPAN, (z, date) => offsetSpan(z.offsetAt(date.getTime()))),
      sig<TimeZoneValue, [DateTimeOffsetValue]>([DATE_TIME_OFFSET], TIME_SPAN, (z, value) =>
        offsetSpan(z.offsetAt(value.instant.getTime())),
      ),
    ),
    IsDaylightSavingTime: method(
      sig<TimeZoneValue, [Date]>(
        [DATE_TIME],
        BOOL,
        (z, date) => z.offsetAt(date.getTime()) > z.baseOffset(date.getUTCFullYear()),
      ),
    ),
    ToString: method(sig<TimeZoneValue, []>([], STRING, (z) => z.id)),
  },
);

export const systemTimeZone: LibraryModule = {
  staticMembers: { TimeZoneInfo: TimeZoneStatics, 'System.TimeZoneInfo': TimeZoneStatics },
  typeNames: { TimeZoneInfo: TIME_ZONE, 'System.TimeZoneInfo': TIME_ZONE },
  instanceMembers: (type) => (type.name === 'TimeZoneInfo' ? TimeZoneMembers : undefined),
  isInstanceOf: (value, type) => (type.name === 'TimeZoneInfo' ? value instanceof TimeZoneValue : undefined),
  format: (value) => (value instanceof TimeZoneValue ? value.id : undefined),
  runtimeTypeName: (value) => (value instanceof TimeZoneValue ? 'TimeZoneInfo' : undefined),
};
