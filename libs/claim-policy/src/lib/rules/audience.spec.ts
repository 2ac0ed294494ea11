import { createPolicy } from '../defaults';
import { evaluate } from '../evaluate';
import {
  API_APP_ID,
  API_APP_ID_URI,
  NOW_MS,
  OTHER_API_APP_ID,
  RS256,
  v1AppToken,
  v2AppToken,
} from '../../test-support/entra-tokens';

describe('audience rule', () => {
  const decide = (audiences: string[], aud: unknown, version: '1.0' | '2.0' = '2.0') =>
    evaluate(createPolicy({ audiences }), RS256, (version === '1.0' ? v1AppToken : v2AppToken)({ aud }), NOW_MS);

  it.each<[string, string[], unknown, boolean]>([
    ['string aud matches', [API_APP_ID], API_APP_ID, true],
    ['any configured audience matches', [API_APP_ID_URI, API_APP_ID], API_APP_ID, true],
    ['array aud: one entry matching is enough', [API_APP_ID], ['https://other', API_APP_ID], true],
    ['array aud without us', [API_APP_ID], ['https://other', OTHER_API_APP_ID], false],
    ['array aud ignores non-strings', [API_APP_ID], [42, null], false],
    ['no audiences configured: not checked', [], 'anything', true],
    ['missing aud', [API_APP_ID], undefined, false],
    ['empty aud', [API_APP_ID], '', false],
    ['case matters', [API_APP_ID_URI], API_APP_ID_URI.toUpperCase(), false],
    ['trailing slash matters', [API_APP_ID_URI], `${API_APP_ID_URI}/`, false],
  ])('%s', (_name, audiences, aud, allowed) => {
    const decision = decide(audiences, aud);
    expect(decision.allowed).toBe(allowed);
    if (!allowed)
      expect(decision.reasons[0]).toMatchObject({
        code: 'ERR_AUD_MISMATCH',
        claim: 'aud',
        expected: audiences,
        actual: aud,
      });
  });

  it.each<[string, string[], unknown, '1.0' | '2.0', RegExp]>([
    [
      'aud is the appId GUID but only the App ID URI is configured',
      [API_APP_ID_URI],
      API_APP_ID,
      '2.0',
      /aud is the appId GUID .*this is a v2 token.*add the GUID to audiences or use the Entra preset/,
    ],
    [
      'aud is the App ID URI but only the GUID is configured',
      [API_APP_ID],
      API_APP_ID_URI,
      '1.0',
      /aud is the App ID URI .*this is a v1 token.*add the App ID URI to audiences or use the Entra preset/,
    ],
    [
      'aud is another API GUID',
      [API_APP_ID],
      OTHER_API_APP_ID,
      '2.0',
      /not this API's: the token was requested for another API; request it with scope=aaaaaaaa-/,
    ],
    [
      'aud is another API URI',
      [API_APP_ID_URI],
      `api://${OTHER_API_APP_ID}`,
      '1.0',
      new RegExp(
        `another audience \\(api://${OTHER_API_APP_ID}\\); request it with scope=api://${API_APP_ID}/.default`,
      ),
    ],
    ['aud is Microsoft Graph', [API_APP_ID], 'https://graph.microsoft.com', '1.0', /Microsoft Graph/],
    [
      'aud differs by a trailing slash',
      [API_APP_ID_URI],
      `${API_APP_ID_URI}/`,
      '1.0',
      /only by case or a trailing slash/,
    ],
    ['aud missing', [API_APP_ID], undefined, '2.0', /no aud claim/],
  ])('hint: %s', (_name, audiences, aud, version, hint) => {
    expect(decide(audiences, aud, version).reasons[0].hint).toMatch(hint);
  });
});
