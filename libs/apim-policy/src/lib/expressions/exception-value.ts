import { EvaluationFault } from './expression-error';
import { type Overload, type TypeMembers, members, method, prop, sig } from './members';
import { STRING, type Type, named } from './types';

/**
 * What `catch (Exception e)` binds: the run-time fault's message. The gateway has no exception
 * hierarchy, so `catch (Exception)` catches every run-time error (a null reference, a bad cast, a
 * JSON parse error …).
 */
export class ExceptionValue {
  constructor(readonly message: string) {}
}

export const EXCEPTION: Type = named('Exception');

/** A `throw` in the expression: a run-time fault carrying the exception (a `catch` gets the same object back). */
export class ThrownFault extends EvaluationFault {
  constructor(readonly exception: ExceptionValue) {
    super(exception.message);
  }
}

/** `new Exception()` / `new Exception(message)`. */
export const EXCEPTION_CONSTRUCTORS: readonly Overload[] = [
  sig<null, []>([], EXCEPTION, () => new ExceptionValue("Exception of type 'System.Exception' was thrown.")),
  sig<null, [string | null]>([STRING], EXCEPTION, (_, message) => new ExceptionValue(message ?? ''), {
    allowsNull: true,
    names: ['message'],
  }),
];

/** Exception type names a catch clause may give; all of them catch every run-time fault. */
export const EXCEPTION_TYPE_NAMES = new Set(['Exception', 'System.Exception']);

const EXCEPTION_MEMBERS = members(
  { Message: prop<ExceptionValue>(STRING, (e) => e.message) },
  { ToString: method(sig<ExceptionValue, []>([], STRING, (e) => `System.Exception: ${e.message}`)) },
);

export function exceptionMembers(type: Type): TypeMembers | undefined {
  return type.name === EXCEPTION.name ? EXCEPTION_MEMBERS : undefined;
}
