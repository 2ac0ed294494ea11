import { TimeSpanValue } from '../context-view';
import { type Overload, fault, sig } from '../members';
import { OBJECT, type Type, named } from '../types';
import { formatValue } from '../value-format';
import { formatIsoDate } from './json-format';
import { kindOf } from './system-date-kind';
import { DateTimeOffsetValue } from './system-datetimeoffset';
import {
  XAttribute,
  XCData,
  type XContainerNode,
  XDeclaration,
  XDocument,
  XElement,
  XName,
  XNamespace,
  XNode,
  XText,
} from './xml-node';

/** What `new XElement(name, content…)`, `Add(…)` and `SetValue(…)` do with the values they are given. */

/**
 * A value as XML text (XmlConvert): `true`, ISO 8601 dates with their Kind's zone, durations
 * (`PT1M30S`), `INF` / `NaN`, invariant numbers; anything else its `ToString()`.
 */
export function xmlText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'INF' : '-INF';
  if (value instanceof Date) return formatIsoDate(value, ZONES[kindOf(value)]);
  if (value instanceof DateTimeOffsetValue) return value.formatWith('yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz');
  if (value instanceof TimeSpanValue) return xmlDuration(value.milliseconds);
  if (value instanceof XName || value instanceof XNamespace) return value.toString();
  return formatValue(value);
}

const ZONES = { Utc: 'utc', Local: 'offset', Unspecified: 'unspecified' } as const;

/** XmlConvert.ToString(TimeSpan): `P1DT2H3M4.5S`, `-PT1S`, `PT0S`. */
function xmlDuration(milliseconds: number): string {
  let rest = Math.abs(milliseconds);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  const seconds = (rest - minutes * 60_000) / 1000;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  const body = `${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
  return `${milliseconds < 0 ? '-' : ''}P${body || 'T0S'}`;
}

/**
 * XContainer's `Add(object content)`: nodes are added (a copy when they already have a parent),
 * attributes set, enumerables flattened, null ignored, anything else added as text (joined to a
 * text node just before it, as .NET does).
 */
export function addContent(container: XContainerNode, content: unknown): void {
  if (content === null || content === undefined) return;
  if (content instanceof XDeclaration) {
    if (!(container instanceof XDocument)) throw fault('An XDeclaration cannot be added to an element.');
    container.declaration = content;
  } else if (content instanceof XAttribute) {
    if (!(container instanceof XElement)) throw fault('An attribute cannot be added to content.');
    container.setAttribute(content);
  } else if (content instanceof XNode) {
    container.add(content);
  } else if (typeof content === 'object' && Symbol.iterator in content && typeof content !== 'string') {
    for (const item of content as Iterable<unknown>) addContent(container, item);
  } else {
    const text = xmlText(content);
    const last = container.nodes()[container.nodes().length - 1];
    if (last instanceof XText && !(last instanceof XCData)) last.value += text;
    else if (text !== '' || container instanceof XElement) {
      if (container instanceof XElement) container.markNotEmpty();
      if (text !== '') container.add(new XText(text));
    }
  }
}

/** `params object[] content`: one overload per argument count, up to 16. */
export function contentOverloads<T>(apply: (target: T, items: unknown[]) => void, maxItems = 16): Overload[] {
  return Array.from({ length: maxItems }, (_, i) =>
    sig<T, unknown[]>(Array<Type>(i + 1).fill(OBJECT), named('void'), (target, ...items) => apply(target, items), {
      allowsNull: true,
    }),
  );
}
