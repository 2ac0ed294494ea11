import { AadstsError } from '../errors/aadsts-error';
import { parseBasicAuthorization } from './basic-authorization';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

it('reads form-urlencoded client id and secret', () => {
  expect(parseBasicAuthorization(basic('my%20app:p%3As+s'))).toEqual({ clientId: 'my app', clientSecret: 'p:s s' });
});

it('ignores a missing header and other schemes', () => {
  expect(parseBasicAuthorization(undefined)).toBeUndefined();
  expect(parseBasicAuthorization('Bearer abc')).toBeUndefined();
});

it.each([basic('no-colon'), basic(':secret-only'), basic('id:%E0%A4%A')])(
  'refuses malformed credentials %s',
  (header) => {
    expect(() => parseBasicAuthorization(header)).toThrow(AadstsError);
  },
);
