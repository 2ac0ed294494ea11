import type { ClientApp } from '../registrations/registrations.schema';
import { verifyClientSecret } from './verify-secret';

const client = {
  appId: 'app',
  secrets: [
    { value: 'old', expiresAt: new Date('2020-01-01T00:00:00Z') },
    { value: 'current', expiresAt: new Date('2099-01-01T00:00:00Z') },
  ],
} as unknown as ClientApp;
const now = new Date('2030-01-01T00:00:00Z');

it('accepts a current secret', () => {
  expect(() => verifyClientSecret(client, 'current', now)).not.toThrow();
});

it('refuses an expired secret with 7000222 and a wrong one with 7000215', () => {
  expect(() => verifyClientSecret(client, 'old', now)).toThrow(expect.objectContaining({ code: 7000222, status: 401 }));
  expect(() => verifyClientSecret(client, 'nope', now)).toThrow(
    expect.objectContaining({ code: 7000215, status: 401 }),
  );
});
