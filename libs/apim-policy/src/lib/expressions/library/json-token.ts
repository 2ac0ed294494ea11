import { fault } from '../members';

/**
 * Run-time model of Newtonsoft.Json.Linq (JToken, JObject, JArray, JProperty, JValue) as policy
 * expressions see it. Objects keep their properties in insertion order; integers and floats stay
 * apart (`1` is Integer, `1.0` is Float) because Newtonsoft prints them differently; integers
 * beyond JavaScript's safe range are kept as `bigint` so they print back exactly.
 *
 * A token belongs to at most one parent: adding a token that already has a parent adds a deep
 * copy, as Newtonsoft does.
 */

/** Newtonsoft's `JTokenType` names (the subset a parsed or built token can have). */
export type JTokenTypeName =
  | 'Object'
  | 'Array'
  | 'Property'
  | 'Integer'
  | 'Float'
  | 'String'
  | 'Boolean'
  | 'Null'
  | 'Date'
  | 'Undefined';

/** Every `JTokenType` member, for the enum's static members. */
export const JTOKEN_TYPE_NAMES = [
  'None',
  'Object',
  'Array',
  'Constructor',
  'Property',
  'Comment',
  'Integer',
  'Float',
  'String',
  'Boolean',
  'Null',
  'Undefined',
  'Date',
  'Raw',
  'Bytes',
  'Guid',
  'Uri',
  'TimeSpan',
] as const;

export type JContainer = JObject | JArray | JProperty;

export abstract class JToken implements Iterable<JToken> {
  parent: JContainer | null = null;
  abstract readonly type: JTokenTypeName;
  /** Direct children: properties of an object, items of an array, the value of a property. */
  abstract children(): readonly JToken[];
  abstract deepClone(): JToken;

  [Symbol.iterator](): Iterator<JToken> {
    return this.children()[Symbol.iterator]();
  }

  get hasValues(): boolean {
    return this.children().length > 0;
  }

  get first(): JToken | null {
    return this.children()[0] ?? null;
  }

  get last(): JToken | null {
    const all = this.children();
    return all[all.length - 1] ?? null;
  }

  /** The outermost ancestor (the token itself when it has no parent). */
  get root(): JToken {
    return this.parent ? this.parent.root : this;
  }

  /** The sibling after this one, or null (properties and array items only). */
  get next(): JToken | null {
    const siblings = this.siblings();
    return siblings ? (siblings[siblings.indexOf(this) + 1] ?? null) : null;
  }

  get previous(): JToken | null {
    const siblings = this.siblings();
    return siblings ? (siblings[siblings.indexOf(this) - 1] ?? null) : null;
  }

  private siblings(): readonly JToken[] | undefined {
    return this.parent instanceof JObject || this.parent instanceof JArray ? this.parent.children() : undefined;
  }

  /** Newtonsoft's `Path`: `a.b[0]`, `['odd name']`, empty for the root. */
  get path(): string {
    const parent = this.parent;
    if (!parent) return '';
    const above = parent.path;
    if (parent instanceof JArray) return `${above}[${parent.children().indexOf(this)}]`;
    if (this instanceof JProperty) {
      const step = pathName(this.name);
      return above === '' || step.startsWith('[') ? `${above}${step}` : `${above}.${step}`;
    }
    return above;
  }
}

function pathName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `['${name.replace(/'/g, "\\'")}']`;
}

export type JPrimitive = string | number | bigint | boolean | Date | null;

/** A JSON primitive. `Date` values remember whether their text had `Z` or no zone. */
export class JValue extends JToken {
  constructor(
    readonly type: 'Integer' | 'Float' | 'String' | 'Boolean' | 'Null' | 'Date' | 'Undefined',
    public value: JPrimitive,
    readonly zone: 'utc' | 'unspecified' | 'offset' = 'utc',
  ) {
    super();
  }

  static string(text: string): JValue {
    return new JValue('String', text);
  }

  static integer(n: number | bigint): JValue {
    if (typeof n === 'number' && !Number.isSafeInteger(n)) return new JValue('Float', n);
    return new JValue('Integer', n);
  }

  static float(n: number): JValue {
    return new JValue('Float', n);
  }

  static boolean(b: boolean): JValue {
    return new JValue('Boolean', b);
  }

  static date(d: Date): JValue {
    return new JValue('Date', d);
  }

  static null(): JValue {
    return new JValue('Null', null);
  }

  children(): readonly JToken[] {
    return [];
  }

  deepClone(): JValue {
    return new JValue(this.type, this.value instanceof Date ? new Date(this.value) : this.value, this.zone);
  }
}

/** `"name": value` inside an object. */
export class JProperty extends JToken {
  readonly type = 'Property';
  private current: JToken;

  constructor(
    readonly name: string,
    value: JToken,
  ) {
    super();
    this.current = adopt(this, value);
  }

  get value(): JToken {
    return this.current;
  }

  set value(token: JToken) {
    this.current.parent = null;
    this.current = adopt(this, token);
  }

  children(): readonly JToken[] {
    return [this.current];
  }

  deepClone(): JProperty {
    return new JProperty(this.name, this.current.deepClone());
  }
}

export class JObject extends JToken {
  readonly type = 'Object';
  private readonly properties = new Map<string, JProperty>();

  children(): readonly JProperty[] {
    return [...this.properties.values()];
  }

  get count(): number {
    return this.properties.size;
  }

  property(name: string): JProperty | null {
    return this.properties.get(name) ?? null;
  }

  /** `obj["name"]`: the value, or null when there is no such property. */
  get(name: string): JToken | null {
    return this.properties.get(name)?.value ?? null;
  }

  /** `obj["name"] = value`: replaces the value in place, or adds the property at the end. */
  set(name: string, value: JToken): void {
    const existing = this.properties.get(name);
    if (existing) existing.value = value;
    else this.addProperty(new JProperty(name, value));
  }

  /** `obj.Add(name, value)` / `obj.Add(property)`: a name already there is an error, as in Newtonsoft. */
  add(property: JProperty): void {
    if (this.properties.has(property.name)) {
      throw fault(
        `Can not add property ${property.name} to Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object.`,
      );
    }
    this.addProperty(property);
  }

  remove(name: string): boolean {
    const property = this.properties.get(name);
    if (!property) return false;
    property.parent = null;
    this.properties.delete(name);
    return true;
  }

  deepClone(): JObject {
    const copy = new JObject();
    for (const property of this.properties.values()) copy.addProperty(property.deepClone());
    return copy;
  }

  private addProperty(property: JProperty): void {
    const owned = adopt(this, property) as JProperty;
    this.properties.set(owned.name, owned);
  }
}

export class JArray extends JToken {
  readonly type = 'Array';
  private readonly items: JToken[] = [];

  children(): readonly JToken[] {
    return this.items;
  }

  get count(): number {
    return this.items.length;
  }

  at(index: number): JToken {
    if (!Number.isInteger(index) || index < 0 || index >= this.items.length) {
      throw fault(
        `Index was out of range. Must be non-negative and less than the size of the collection (index ${index}, count ${this.items.length}).`,
      );
    }
    return this.items[index];
  }

  setAt(index: number, value: JToken): void {
    const old = this.at(index);
    old.parent = null;
    this.items[index] = adopt(this, value);
  }

  add(value: JToken): void {
    this.items.push(adopt(this, value));
  }

  insert(index: number, value: JToken): void {
    if (index < 0 || index > this.items.length) throw fault(`Index ${index} is outside the array's 0…${this.count}`);
    this.items.splice(index, 0, adopt(this, value));
  }

  removeAt(index: number): void {
    this.at(index).parent = null;
    this.items.splice(index, 1);
  }

  /** Removes the first item that is this very token (reference equality, as Newtonsoft). */
  remove(value: JToken): boolean {
    const index = this.items.indexOf(value);
    if (index < 0) return false;
    this.removeAt(index);
    return true;
  }

  clear(): void {
    for (const item of this.items) item.parent = null;
    this.items.length = 0;
  }

  deepClone(): JArray {
    const copy = new JArray();
    for (const item of this.items) copy.add(item.deepClone());
    return copy;
  }
}

/** Takes `token` into `parent`, copying it when it already belongs elsewhere (Newtonsoft clones it). */
function adopt(parent: JContainer, token: JToken): JToken {
  if (token instanceof JProperty && !(parent instanceof JObject)) {
    throw fault(`Can not add ${jsonTypeName(token)} to ${jsonTypeName(parent)}.`);
  }
  if (!(token instanceof JProperty) && parent instanceof JObject) {
    throw fault(`Can not add ${jsonTypeName(token)} to Newtonsoft.Json.Linq.JObject.`);
  }
  const owned = token.parent !== null || isAncestor(token, parent) ? token.deepClone() : token;
  owned.parent = parent;
  return owned;
}

function isAncestor(token: JToken, of: JToken): boolean {
  for (let at: JToken | null = of; at; at = at.parent) if (at === token) return true;
  return false;
}

/** `Newtonsoft.Json.Linq.JObject` … for messages. */
export function jsonTypeName(token: JToken): string {
  if (token instanceof JObject) return 'Newtonsoft.Json.Linq.JObject';
  if (token instanceof JArray) return 'Newtonsoft.Json.Linq.JArray';
  if (token instanceof JProperty) return 'Newtonsoft.Json.Linq.JProperty';
  return 'Newtonsoft.Json.Linq.JValue';
}

/** C# `null` where a JToken is expected becomes a JSON null value (Newtonsoft does the same). */
export function tokenOrNull(token: JToken | null | undefined): JToken {
  return token ?? JValue.null();
}

/**
 * `JToken.DeepEquals`: same kind and content. Object properties compare by name (order does not
 * matter), arrays item by item; numbers compare by value (`1` equals `1.0`), dates by instant.
 */
export function deepEquals(a: JToken | null, b: JToken | null): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof JValue && b instanceof JValue) return valueEquals(a, b);
  if (a instanceof JProperty && b instanceof JProperty) return a.name === b.name && deepEquals(a.value, b.value);
  if (a instanceof JArray && b instanceof JArray) {
    const [x, y] = [a.children(), b.children()];
    return x.length === y.length && x.every((item, i) => deepEquals(item, y[i]));
  }
  if (a instanceof JObject && b instanceof JObject) {
    return a.count === b.count && a.children().every((p) => deepEquals(p.value, b.get(p.name)));
  }
  return false;
}

function valueEquals(a: JValue, b: JValue): boolean {
  const numeric = (v: JValue) => v.type === 'Integer' || v.type === 'Float';
  if (numeric(a) && numeric(b)) return Number(a.value) === Number(b.value) || a.value === b.value;
  if (a.type !== b.type)
    return (a.type === 'Null' || a.type === 'Undefined') && (b.type === 'Null' || b.type === 'Undefined');
  if (a.value instanceof Date && b.value instanceof Date) return a.value.getTime() === b.value.getTime();
  return a.value === b.value;
}
