import { TimeSpanValue } from '../context-view';
import { type TypeMembers } from '../members';
import type { LibraryModule } from './library-module';
import {
  DATE_TIME_CONSTRUCTORS,
  DATE_TIME_OPERATORS,
  DAY_OF_WEEK_CONVERSIONS,
  DateTimeKindStatics,
  DayOfWeekMembers,
  DayOfWeekStatics,
} from './system-datetime';
import {
  DATE_TIME_OFFSET,
  DATE_TIME_OFFSET_CONSTRUCTORS,
  DATE_TIME_OFFSET_CONVERSIONS,
  DATE_TIME_OFFSET_OPERATORS,
  DateTimeOffsetMembers,
  DateTimeOffsetStatics,
  DateTimeOffsetValue,
} from './system-datetimeoffset';
import { TIME_SPAN, TIME_SPAN_CONSTRUCTORS, TIME_SPAN_OPERATORS, TimeSpanStatics } from './system-timespan';

/**
 * The time slice: DateTime (its members and statics sit in value-members.ts/static-members.ts,
 * built in system-datetime.ts), TimeSpan, DateTimeOffset, DayOfWeek, DateTimeKind; their
 * constructors, operators and conversions.
 */

const both = (name: string, members: TypeMembers) => ({ [name]: members, [`System.${name}`]: members });

export const systemTime: LibraryModule = {
  staticMembers: {
    ...both('TimeSpan', TimeSpanStatics),
    ...both('DateTimeOffset', DateTimeOffsetStatics),
    ...both('DayOfWeek', DayOfWeekStatics),
    ...both('DateTimeKind', DateTimeKindStatics),
  },
  constructors: {
    DateTime: DATE_TIME_CONSTRUCTORS,
    'System.DateTime': DATE_TIME_CONSTRUCTORS,
    TimeSpan: TIME_SPAN_CONSTRUCTORS,
    'System.TimeSpan': TIME_SPAN_CONSTRUCTORS,
    DateTimeOffset: DATE_TIME_OFFSET_CONSTRUCTORS,
    'System.DateTimeOffset': DATE_TIME_OFFSET_CONSTRUCTORS,
  },
  typeNames: {
    TimeSpan: TIME_SPAN,
    'System.TimeSpan': TIME_SPAN,
    DateTimeOffset: DATE_TIME_OFFSET,
    'System.DateTimeOffset': DATE_TIME_OFFSET,
    DayOfWeek: { name: 'DayOfWeek' },
    'System.DayOfWeek': { name: 'DayOfWeek' },
  },
  valueTypes: ['TimeSpan', 'DateTimeOffset', 'DayOfWeek', 'DateTimeKind'],
  instanceMembers(type) {
    if (type.name === 'DateTimeOffset') return DateTimeOffsetMembers;
    if (type.name === 'DayOfWeek') return DayOfWeekMembers;
    return undefined;
  },
  operators: [...DATE_TIME_OPERATORS, ...TIME_SPAN_OPERATORS, ...DATE_TIME_OFFSET_OPERATORS],
  conversions: [...DAY_OF_WEEK_CONVERSIONS, ...DATE_TIME_OFFSET_CONVERSIONS],
  isInstanceOf(value, type) {
    if (type.name === 'TimeSpan') return value instanceof TimeSpanValue;
    if (type.name === 'DateTimeOffset') return value instanceof DateTimeOffsetValue;
    return undefined;
  },
  format: (value) => (value instanceof DateTimeOffsetValue ? value.formatWith('') : undefined),
  runtimeTypeName: (value) => (value instanceof DateTimeOffsetValue ? 'DateTimeOffset' : undefined),
};
