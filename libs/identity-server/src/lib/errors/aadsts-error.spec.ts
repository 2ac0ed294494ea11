import { aadstsErrorBody, entraTimestamp } from './aadsts-error';
import { invalidClientSecret } from './catalogue';

it('formats timestamps as Entra does', () => {
  expect(entraTimestamp(new Date('2016-01-09T02:02:12.345Z'))).toBe('2016-01-09 02:02:12Z');
});

it('builds the body with the description lines, numeric error_codes and the ids', () => {
  const body = aadstsErrorBody(invalidClientSecret('app-id'), {
    traceId: 'trace',
    correlationId: 'corr',
    now: new Date('2016-01-09T02:02:12Z'),
  });
  expect(body).toEqual({
    error: 'invalid_client',
    error_description: expect.stringMatching(
      /^AADSTS7000215: Invalid client secret provided\..*'app-id'\.\r\nTrace ID: trace\r\nCorrelation ID: corr\r\nTimestamp: 2016-01-09 02:02:12Z$/,
    ),
    error_codes: [7000215],
    timestamp: '2016-01-09 02:02:12Z',
    trace_id: 'trace',
    correlation_id: 'corr',
    error_uri: 'https://login.microsoftonline.com/error?code=7000215',
  });
});
