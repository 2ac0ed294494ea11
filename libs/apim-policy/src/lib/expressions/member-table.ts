import { CONTEXT_MEMBERS } from './context-members';
import type { TypeMembers } from './members';
import { STATIC_MEMBERS } from './static-members';
import type { Type } from './types';
import { VALUE_MEMBERS } from './value-members';

/** The static type table the checker resolves every member against. */
export function membersOf(type: Type): TypeMembers | undefined {
  return CONTEXT_MEMBERS[type.name] ?? VALUE_MEMBERS[type.name];
}

/** Members of a type named in source (`string`, `DateTime`, `StringComparison`), or undefined. */
export function staticMembersOf(name: string): TypeMembers | undefined {
  return Object.prototype.hasOwnProperty.call(STATIC_MEMBERS, name) ? STATIC_MEMBERS[name] : undefined;
}

/** `Method, Url, Headers, GetValueOrDefault(…), [key]`: what a type offers, for "is not supported" messages. */
export function describeMembers(members: TypeMembers): string {
  const names = [
    ...Object.keys(members.properties),
    ...Object.keys(members.methods).map((name) => `${name}(…)`),
    ...(members.indexer ? ['an indexer […]'] : []),
  ];
  return names.length === 0 ? 'no members' : names.join(', ');
}
