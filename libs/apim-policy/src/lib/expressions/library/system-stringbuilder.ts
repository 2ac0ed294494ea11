import { type Overload, type Property, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, CHAR, DOUBLE, INT, OBJECT, STRING, type Type, named } from '../types';
import { formatValue } from '../value-format';
import type { LibraryModule } from './library-module';
import { formatComposite } from './system-format';
import { LONG } from './system-numbers';
import { MAX_BUILT_LENGTH } from './system-strings';

/**
 * `System.Text.StringBuilder` (APIM allows all of it): `Append` of any value (chained),
 * `AppendLine`, `AppendFormat`, `Insert`, `Remove`, `Replace`, `Clear`, `Length` (settable),
 * `b[i]`, `ToString([start, length])`. `AppendLine` ends lines with `\r\n` (.NET on Windows, where
 * APIM runs).
 */

const STRING_BUILDER: Type = named('StringBuilder');
const NEW_LINE = '\r\n';

export class StringBuilderValue {
  constructor(public text: string) {}
}

const text = (value: unknown) => (value === null || value === undefined ? '' : formatValue(value));

function outOfRange(detail: string): Error {
  return fault(`StringBuilder: ${detail} (ArgumentOutOfRangeException)`);
}

function append(b: StringBuilderValue, value: unknown): StringBuilderValue {
  b.text += text(value);
  return b;
}

const appendOf = (type: Type): Overload =>
  sig<StringBuilderValue, [unknown]>([type], STRING_BUILDER, (b, value) => append(b, value), { allowsNull: true });

const lengthProperty: Property = Object.assign(
  prop<StringBuilderValue>(INT, (b) => b.text.length),
  {
    set: (target: unknown, value: unknown) => {
      const b = target as StringBuilderValue;
      const length = value as number;
      if (length < 0) throw outOfRange(`length ${length}`);
      if (length > MAX_BUILT_LENGTH)
        throw fault(`Length ${length} is more than this gateway builds (OutOfMemoryException)`);
      b.text = length <= b.text.length ? b.text.slice(0, length) : b.text.padEnd(length, '\0');
    },
  },
);

const StringBuilderMembers: TypeMembers = members(
  { Length: lengthProperty, Capacity: prop<StringBuilderValue>(INT, (b) => Math.max(16, b.text.length)) },
  {
    Append: method(
      appendOf(STRING),
      appendOf(CHAR),
      appendOf(INT),
      appendOf(LONG),
      appendOf(DOUBLE),
      appendOf(BOOL),
      appendOf(OBJECT),
      sig<StringBuilderValue, [string, number]>([CHAR, INT], STRING_BUILDER, (b, c, count) => {
        if (count < 0) throw outOfRange(`repeat count ${count}`);
        if (count > MAX_BUILT_LENGTH)
          throw fault(`Append(c, ${count}) is more than this gateway builds (OutOfMemoryException)`);
        return append(b, c.repeat(count));
      }),
      sig<StringBuilderValue, [string | null, number, number]>(
        [STRING, INT, INT],
        STRING_BUILDER,
        (b, value, start, count) => {
          const source = value ?? '';
          if (start < 0 || count < 0 || start + count > source.length)
            throw outOfRange(`Append(text, ${start}, ${count})`);
          return append(b, source.slice(start, start + count));
        },
        { allowsNull: true },
      ),
    ),
    AppendLine: method(
      sig<StringBuilderValue, []>([], STRING_BUILDER, (b) => append(b, NEW_LINE)),
      sig<StringBuilderValue, [string | null]>(
        [STRING],
        STRING_BUILDER,
        (b, line) => append(b, `${line ?? ''}${NEW_LINE}`),
        {
          allowsNull: true,
        },
      ),
    ),
    AppendFormat: method(
      ...[1, 2, 3].map((arity) =>
        sig<StringBuilderValue, unknown[]>(
          [STRING, ...(Array(arity).fill(OBJECT) as Type[])],
          STRING_BUILDER,
          (b, format, ...args) => {
            if (format === null) throw fault('StringBuilder.AppendFormat: the format is null (ArgumentNullException)');
            return append(b, formatComposite(format as string, args));
          },
          { allowsNull: true },
        ),
      ),
    ),
    Insert: method(
      sig<StringBuilderValue, [number, unknown]>(
        [INT, OBJECT],
        STRING_BUILDER,
        (b, at, value) => {
          if (at < 0 || at > b.text.length) throw outOfRange(`Insert index ${at} for length ${b.text.length}`);
          b.text = b.text.slice(0, at) + text(value) + b.text.slice(at);
          return b;
        },
        { allowsNull: true },
      ),
    ),
    Remove: method(
      sig<StringBuilderValue, [number, number]>([INT, INT], STRING_BUILDER, (b, start, count) => {
        if (start < 0 || count < 0 || start + count > b.text.length)
          throw outOfRange(`Remove(${start}, ${count}) for length ${b.text.length}`);
        b.text = b.text.slice(0, start) + b.text.slice(start + count);
        return b;
      }),
    ),
    Replace: method(
      sig<StringBuilderValue, [string, string | null]>(
        [STRING, STRING],
        STRING_BUILDER,
        (b, from, to) => {
          if (from === '') throw fault('StringBuilder.Replace: the text to replace is empty (ArgumentException)');
          b.text = b.text.split(from).join(to ?? '');
          return b;
        },
        { allowsNull: true },
      ),
      sig<StringBuilderValue, [string, string]>([CHAR, CHAR], STRING_BUILDER, (b, from, to) => {
        b.text = b.text.split(from).join(to);
        return b;
      }),
    ),
    Clear: method(
      sig<StringBuilderValue, []>([], STRING_BUILDER, (b) => {
        b.text = '';
        return b;
      }),
    ),
    ToString: method(
      sig<StringBuilderValue, []>([], STRING, (b) => b.text),
      sig<StringBuilderValue, [number, number]>([INT, INT], STRING, (b, start, length) => {
        if (start < 0 || length < 0 || start + length > b.text.length)
          throw outOfRange(`ToString(${start}, ${length}) for length ${b.text.length}`);
        return b.text.slice(start, start + length);
      }),
    ),
    Equals: method(
      sig<StringBuilderValue, [StringBuilderValue | null]>(
        [STRING_BUILDER],
        BOOL,
        (b, other) => other !== null && other.text === b.text,
        {
          allowsNull: true,
        },
      ),
    ),
  },
  {
    indexer: {
      key: INT,
      returns: CHAR,
      get: (target: unknown, key: unknown) => {
        const b = target as StringBuilderValue;
        const i = key as number;
        if (i < 0 || i >= b.text.length)
          throw fault(`StringBuilder[${i}] is outside the length ${b.text.length} (IndexOutOfRangeException)`);
        return b.text[i];
      },
      set: (target: unknown, key: unknown, value: unknown) => {
        const b = target as StringBuilderValue;
        const i = key as number;
        if (i < 0 || i >= b.text.length)
          throw fault(`StringBuilder[${i}] is outside the length ${b.text.length} (IndexOutOfRangeException)`);
        b.text = b.text.slice(0, i) + (value as string) + b.text.slice(i + 1);
      },
    },
  },
);

const CONSTRUCTORS: readonly Overload[] = [
  sig<null, []>([], STRING_BUILDER, () => new StringBuilderValue('')),
  sig<null, [string | null]>([STRING], STRING_BUILDER, (_, initial) => new StringBuilderValue(initial ?? ''), {
    allowsNull: true,
  }),
  sig<null, [number]>([INT], STRING_BUILDER, (_, capacity) => {
    if (capacity < 0) throw outOfRange(`capacity ${capacity}`);
    return new StringBuilderValue('');
  }),
  sig<null, [string | null, number]>(
    [STRING, INT],
    STRING_BUILDER,
    (_, initial) => new StringBuilderValue(initial ?? ''),
    {
      allowsNull: true,
    },
  ),
];

export const systemStringBuilder: LibraryModule = {
  constructors: {
    StringBuilder: CONSTRUCTORS,
    'System.Text.StringBuilder': CONSTRUCTORS,
    'Text.StringBuilder': CONSTRUCTORS,
  },
  typeNames: { StringBuilder: STRING_BUILDER, 'System.Text.StringBuilder': STRING_BUILDER },
  instanceMembers: (type) => (type.name === 'StringBuilder' ? StringBuilderMembers : undefined),
  isInstanceOf: (value, type) => (type.name === 'StringBuilder' ? value instanceof StringBuilderValue : undefined),
  format: (value) => (value instanceof StringBuilderValue ? value.text : undefined),
  runtimeTypeName: (value) => (value instanceof StringBuilderValue ? 'StringBuilder' : undefined),
};
