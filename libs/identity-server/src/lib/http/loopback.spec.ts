import type { ExecutionContext } from '@nestjs/common';
import { AadstsError } from '../errors/aadsts-error';
import { isLoopbackAddress, LoopbackOnlyGuard } from './loopback';

it.each([
  ['127.0.0.1', true],
  ['127.1.2.3', true],
  ['::1', true],
  ['::ffff:127.0.0.1', true],
  ['10.0.0.5', false],
  ['::ffff:10.0.0.5', false],
  ['fe80::1', false],
  [undefined, false],
])('isLoopbackAddress(%s) = %s', (address, expected) => {
  expect(isLoopbackAddress(address)).toBe(expected);
});

function contextFrom(remoteAddress: string): ExecutionContext {
  const request = { socket: { remoteAddress }, headers: { 'x-forwarded-for': '127.0.0.1' } };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

it('refuses non-loopback peers with 403 access_denied, whatever X-Forwarded-For says', () => {
  const guard = new LoopbackOnlyGuard();
  expect(guard.canActivate(contextFrom('127.0.0.1'))).toBe(true);
  let refusal: unknown;
  try {
    guard.canActivate(contextFrom('192.168.1.20'));
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(AadstsError);
  expect(refusal).toMatchObject({ status: 403, error: 'access_denied' });
});
