/**
 * Compares an answer with a case's acceptable outcomes. A 2xx or a 5xx is always wrong, whatever was expected; an
 * answer is right when it matches one outcome exactly (status, and challenge or APIM body).
 */
import type { ApimMessage, Outcome } from '../model';
import type { TargetResponse } from '../http/target-response';
import { INVALID_KEY_MESSAGE, MISSING_KEY_MESSAGE } from '../catalogue/expect';
import { bearerChallenge } from './challenge';

/** How the run judges APIM validate-jwt messages. */
export interface JudgeOptions {
  /** The policy's `failed-validation-error-message`, when the run knows it: every token failure must carry it. */
  readonly apimFailureMessage?: string;
}

export type Verdict = 'pass' | 'fail' | 'accepted' | 'server-error' | 'skipped';

export interface Judgement {
  readonly verdict: Verdict;
  /** The answer in the table's words, e.g. `401 Bearer error="invalid_token"`. */
  readonly got: string;
}

export function judge(response: TargetResponse, outcomes: readonly Outcome[], options: JudgeOptions = {}): Judgement {
  const got = describeResponse(response);
  if (response.status >= 200 && response.status < 300) return { verdict: 'accepted', got };
  if (response.status >= 500) return { verdict: 'server-error', got };
  const matches = outcomes.some((outcome) => matchesOutcome(response, outcome, options));
  return { verdict: matches ? 'pass' : 'fail', got };
}

function matchesOutcome(response: TargetResponse, outcome: Outcome, options: JudgeOptions): boolean {
  if (response.status !== outcome.status) return false;
  if (outcome.type === 'status') return true;
  if (outcome.type === 'bearer') {
    const challenge = bearerChallenge(response.headers['www-authenticate']);
    if (!challenge || challenge.repeated.length > 0) return false;
    const error = challenge.params['error'];
    return outcome.error === 'none' ? error === undefined : error === outcome.error;
  }
  const body = apimBody(response.body);
  return (
    body !== undefined && body.statusCode === outcome.status && messageMatches(body.message, outcome.message, options)
  );
}

function messageMatches(message: string, expected: ApimMessage, options: JudgeOptions): boolean {
  switch (expected.kind) {
    case 'exact':
      return message === expected.text;
    case 'jwt-missing':
      return message === (options.apimFailureMessage ?? 'JWT not present.');
    case 'jwt-invalid':
      if (options.apimFailureMessage !== undefined) return message === options.apimFailureMessage;
      // APIM's default texts depend on the reason; a subscription message means the token was never judged.
      return message !== '' && message !== MISSING_KEY_MESSAGE && message !== INVALID_KEY_MESSAGE;
    case 'any':
      return message !== '';
  }
}

function apimBody(text: string): { statusCode: number; message: string } | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body !== 'object' || body === null) return undefined;
    const { statusCode, message } = body as Record<string, unknown>;
    return typeof statusCode === 'number' && typeof message === 'string' ? { statusCode, message } : undefined;
  } catch {
    return undefined;
  }
}

/** The answer, short: status, then the Bearer challenge's error or the APIM message. */
export function describeResponse(response: TargetResponse): string {
  const challenge = bearerChallenge(response.headers['www-authenticate']);
  if (challenge) {
    const error = challenge.params['error'];
    const repeated = challenge.repeated.length > 0 ? ` (repeated: ${challenge.repeated.join(', ')})` : '';
    return `${response.status} Bearer${error ? ` error="${error}"` : ''}${repeated}`;
  }
  const body = apimBody(response.body);
  if (body)
    return `${response.status} {statusCode: ${body.statusCode}, message: ${JSON.stringify(short(body.message))}}`;
  return `${response.status}${response.body ? ` ${JSON.stringify(short(response.body))}` : ''}`;
}

/** The outcomes in the table's words. */
export function describeOutcomes(outcomes: readonly Outcome[], options: JudgeOptions = {}): string {
  return outcomes.map((outcome) => describeOutcome(outcome, options)).join(' or ');
}

function describeOutcome(outcome: Outcome, options: JudgeOptions): string {
  if (outcome.type === 'status') return `${outcome.status} (${outcome.why})`;
  if (outcome.type === 'bearer') {
    return `${outcome.status} Bearer${outcome.error === 'none' ? ' (no error)' : ` error="${outcome.error}"`}`;
  }
  const message = outcome.message;
  const text =
    message.kind === 'exact'
      ? JSON.stringify(short(message.text))
      : message.kind === 'jwt-missing'
        ? JSON.stringify(options.apimFailureMessage ?? 'JWT not present.')
        : message.kind === 'jwt-invalid'
          ? ((options.apimFailureMessage && JSON.stringify(options.apimFailureMessage)) ?? 'validate-jwt failure')
          : 'any';
  return `${outcome.status} {statusCode: ${outcome.status}, message: ${text}}`;
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
