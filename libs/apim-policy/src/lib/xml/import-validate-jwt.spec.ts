import {
  importValidateJwtElement,
  PolicyImportError,
  type ImportOptions,
  type PolicyImportErrorCode,
} from '@stack/claim-policy';
import { importValidateJwt } from './import-validate-jwt-xml';

const OIDC = '<openid-config url="https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration" />';
const KEY_32 = Buffer.alloc(32, 7).toString('base64');
const jwt = (attributes: string, children = OIDC) =>
  `<validate-jwt header-name="Authorization" ${attributes}>${children}</validate-jwt>`;

function importError(xml: string, options: ImportOptions = {}): PolicyImportError {
  try {
    importValidateJwt(xml, options);
  } catch (error) {
    if (error instanceof PolicyImportError) return error;
    throw error;
  }
  throw new Error('expected a PolicyImportError');
}

describe('importValidateJwt: <validate-jwt> attributes', () => {
  it.each<[string, string, object]>([
    ['failed-validation-httpcode', 'failed-validation-httpcode="403"', { failedStatus: 403 }],
    [
      'failed-validation-error-message with raw &&',
      'failed-validation-error-message="No token && no entry"',
      { failedMessage: 'No token && no entry' },
    ],
    [
      'an entity in a message',
      'failed-validation-error-message="Tom &amp; Jerry &#x41;&#66; &lt;ok&gt;"',
      { failedMessage: 'Tom & Jerry AB <ok>' },
    ],
    ['require-expiration-time (any case)', 'require-expiration-time="False"', { requireExpirationTime: false }],
    ['require-signed-tokens', 'require-signed-tokens="false"', { requireSignedTokens: false }],
    ['clock-skew in seconds', 'clock-skew="300"', { clockSkewSeconds: 300 }],
    ['clock-skew as a TimeSpan', 'clock-skew="00:05:00"', { clockSkewSeconds: 300 }],
    ['clock-skew as a TimeSpan with days', 'clock-skew="1.00:00:30"', { clockSkewSeconds: 86430 }],
    ['require-scheme', 'require-scheme="Bearer"', { source: { headerName: 'Authorization', requireScheme: 'Bearer' } }],
    ['output-token-variable-name', 'output-token-variable-name="jwt"', { outputTokenVariableName: 'jwt' }],
    ['id', 'id="check-token"', { policyId: 'check-token' }],
    [
      'defaults',
      '',
      {
        failedStatus: 401,
        requireExpirationTime: true,
        requireSignedTokens: true,
        clockSkewSeconds: 0,
        origin: 'validate-jwt',
      },
    ],
  ])('%s', (_name, attributes, expected) => {
    expect(importValidateJwt(jwt(attributes))).toMatchObject(expected);
  });

  it.each<[string, string, object]>([
    [
      'query-parameter-name',
      '<validate-jwt query-parameter-name="access_token">' + OIDC + '</validate-jwt>',
      { queryParameterName: 'access_token' },
    ],
    [
      'token-value through the evaluator',
      '<validate-jwt token-value="@(context.Request.Headers.GetValueOrDefault(&quot;X-Jwt&quot;))">' +
        OIDC +
        '</validate-jwt>',
      { tokenValue: 'a.b.c' },
    ],
    [
      'header-name, custom',
      '<validate-jwt header-name="X-Token">' + OIDC + '</validate-jwt>',
      { headerName: 'X-Token' },
    ],
  ])('token source: %s', (_name, xml, source) => {
    const evaluateExpression = (expression: string) =>
      expression === '@(context.Request.Headers.GetValueOrDefault("X-Jwt"))' ? 'a.b.c' : 'unexpected';
    expect(importValidateJwt(xml, { evaluateExpression }).source).toEqual(source);
  });
});

describe('importValidateJwt: child elements', () => {
  it('reads every child, in any order', () => {
    const policy = importValidateJwt(`<?xml version="1.0" encoding="utf-8"?>
<validate-jwt header-name="Authorization">
  <required-claims>
    <claim name="roles" match="ANY" separator=","><value>Echo.Read</value><value> Echo.Write </value></claim>
    <claim name="oid" />
  </required-claims>
  <issuers><issuer>https://a/</issuer><issuer>https://b/</issuer></issuers>
  <audiences><audience>api://x</audience><audience><![CDATA[x&y<z]]></audience></audiences>
  <issuer-signing-keys>
    <key id="k1">${KEY_32}</key>
    <key id="k2" n="0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw" e="AQAB" />
    <key certificate-id="cert-1" />
  </issuer-signing-keys>
  ${OIDC}
  <openid-config url="https://login.microsoftonline.com/t/.well-known/openid-configuration" validate-connectivity="true" />
</validate-jwt>`);
    expect(policy).toMatchObject({
      requiredClaims: [
        {
          name: 'roles',
          match: 'any',
          separator: ',',
          values: ['Echo.Read', 'Echo.Write'],
        },
        { name: 'oid', match: 'all', values: [] },
      ],
      issuers: ['https://a/', 'https://b/'],
      audiences: ['api://x', 'x&y<z'],
      issuerSigningKeys: [
        { kind: 'symmetric', id: 'k1', base64: KEY_32 },
        { kind: 'rsa', id: 'k2', e: 'AQAB' },
        { kind: 'certificate', certificateId: 'cert-1' },
      ],
      openIdConfigUrls: [
        'https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration',
        'https://login.microsoftonline.com/t/.well-known/openid-configuration',
      ],
      allowedAlgorithms: ['HS256', 'RS256', 'RS512', 'PS256'],
    });
  });

  it('without key sources, require-signed-tokens="false" keeps the default algorithm list', () => {
    expect(importValidateJwt(jwt('require-signed-tokens="false"', '')).allowedAlgorithms).toEqual(['RS256']);
  });

  it('accepts a parsed element from elsewhere (no line numbers)', () => {
    const policy = importValidateJwtElement({
      name: 'validate-jwt',
      attributes: { 'header-name': 'Authorization' },
      text: '',
      children: [
        {
          name: 'openid-config',
          attributes: { url: 'https://idp/.well-known/openid-configuration' },
          children: [],
          text: '',
        },
      ],
    });
    expect(policy.openIdConfigUrls).toEqual(['https://idp/.well-known/openid-configuration']);
  });
});

describe('importValidateJwt: named values and expressions', () => {
  it('resolves {{named values}} in attributes and text', () => {
    const policy = importValidateJwt(
      jwt(
        'failed-validation-httpcode="{{status}}"',
        `${OIDC}<audiences><audience>api://{{ app }}/</audience></audiences>`,
      ),
      {
        namedValues: { status: '403', app: 'echo' },
      },
    );
    expect(policy).toMatchObject({
      failedStatus: 403,
      audiences: ['api://echo/'],
    });
  });

  it('passes @(…) and @{…} verbatim to the evaluator, also when a named value holds one', () => {
    const seen: string[] = [];
    const evaluateExpression = (expression: string) => {
      seen.push(expression);
      return 'value';
    };
    importValidateJwt(
      jwt('', `${OIDC}<audiences><audience>@{ return "a"; }</audience><audience>{{expr}}</audience></audiences>`),
      {
        evaluateExpression,
        namedValues: { expr: '@(context.Request.OriginalUrl.Host)' },
      },
    );
    expect(seen).toEqual(['@{ return "a"; }', '@(context.Request.OriginalUrl.Host)']);
  });

  it('leaves an @ that does not start an expression alone', () => {
    expect(importValidateJwt(jwt('failed-validation-error-message="mail admin@contoso.com"')).failedMessage).toBe(
      'mail admin@contoso.com',
    );
  });
});

describe('importValidateJwt: errors name the element and attribute', () => {
  it('an unknown attribute', () => {
    const error = importError(
      `\n<validate-jwt header-name="Authorization" require-audience="true">${OIDC}</validate-jwt>`,
      { fileName: 'echo.xml' },
    );
    expect(error).toMatchObject({
      code: 'IMPORT_UNKNOWN_ATTRIBUTE',
      element: 'validate-jwt',
      attribute: 'require-audience',
      file: 'echo.xml',
      line: 2,
    });
    expect(error.message).toMatch(
      /^echo\.xml:2 <validate-jwt> attribute "require-audience": is not supported here \(supported: id, header-name, /,
    );
  });

  it('an unknown child element, at its own line', () => {
    const error = importError(
      `<validate-jwt header-name="Authorization">\n  ${OIDC}\n  <scopes><scope>x</scope></scopes>\n</validate-jwt>`,
    );
    expect(error).toMatchObject({
      code: 'IMPORT_UNKNOWN_ELEMENT',
      element: 'scopes',
      line: 3,
    });
    expect(error.message).toMatch(
      /^line 3 <scopes>: <scopes> is not supported inside <validate-jwt> \(supported: <openid-config>/,
    );
  });

  it.each<[string, string, ImportOptions, PolicyImportErrorCode, Partial<PolicyImportError>, RegExp]>([
    [
      'unknown attribute on a nested element',
      jwt('', `${OIDC}<required-claims><claim name="a" mode="x" /></required-claims>`),
      {},
      'IMPORT_UNKNOWN_ATTRIBUTE',
      { element: 'claim', attribute: 'mode' },
      /supported: name, match, separator/,
    ],
    [
      'decryption keys',
      jwt('', `${OIDC}<decryption-keys><key certificate-id="c" /></decryption-keys>`),
      {},
      'IMPORT_UNSUPPORTED',
      { element: 'decryption-keys' },
      /JWE\) are not supported/,
    ],
    [
      'unknown named value',
      jwt('', `<issuer-signing-keys><key>{{jwt-signing-key}}</key></issuer-signing-keys>`),
      { namedValues: { other: 'x' } },
      'IMPORT_NAMED_VALUE_UNKNOWN',
      { element: 'key' },
      /\{\{jwt-signing-key\}\}, which is not defined; add "jwt-signing-key" to the named values \(defined: other\)/,
    ],
    [
      'named value in an attribute',
      jwt('clock-skew="{{skew}}"'),
      {},
      'IMPORT_NAMED_VALUE_UNKNOWN',
      { attribute: 'clock-skew' },
      /\{\{skew\}\}/,
    ],
    [
      'expression without evaluator',
      jwt('failed-validation-httpcode="@(401)"'),
      {},
      'IMPORT_EXPRESSION_UNSUPPORTED',
      { attribute: 'failed-validation-httpcode' },
      /pass options.evaluateExpression/,
    ],
    [
      'expression where APIM forbids one',
      jwt('output-token-variable-name="@(&quot;jwt&quot;)"'),
      { evaluateExpression: () => 'x' },
      'IMPORT_EXPRESSION_UNSUPPORTED',
      { attribute: 'output-token-variable-name' },
      /does not allow policy expressions/,
    ],
    [
      'evaluator throws',
      jwt('failed-validation-httpcode="@(boom)"'),
      {
        evaluateExpression: () => {
          throw new Error('no such member');
        },
      },
      'IMPORT_EXPRESSION_FAILED',
      { attribute: 'failed-validation-httpcode' },
      /@\(boom\) failed: no such member/,
    ],
    [
      'evaluator returns a non-string',
      jwt('failed-validation-httpcode="@(1)"'),
      { evaluateExpression: () => 401 as unknown as string },
      'IMPORT_EXPRESSION_FAILED',
      {},
      /did not return a string/,
    ],
    [
      'bad status',
      jwt('failed-validation-httpcode="4O1"'),
      {},
      'IMPORT_INVALID_VALUE',
      { attribute: 'failed-validation-httpcode' },
      /HTTP status code \(100-599\), got "4O1"/,
    ],
    ['status out of range', jwt('failed-validation-httpcode="600"'), {}, 'IMPORT_INVALID_VALUE', {}, /100-599/],
    [
      'bad boolean',
      jwt('require-expiration-time="yes"'),
      {},
      'IMPORT_INVALID_VALUE',
      { attribute: 'require-expiration-time' },
      /"true" or "false", got "yes"/,
    ],
    [
      'bad clock-skew',
      jwt('clock-skew="-5"'),
      {},
      'IMPORT_INVALID_VALUE',
      { attribute: 'clock-skew' },
      /number of seconds/,
    ],
    ['bad TimeSpan', jwt('clock-skew="00:75:00"'), {}, 'IMPORT_INVALID_VALUE', {}, /TimeSpan/],
    [
      'no token source',
      '<validate-jwt>' + OIDC + '</validate-jwt>',
      {},
      'IMPORT_MISSING',
      { element: 'validate-jwt' },
      /header-name, query-parameter-name or token-value/,
    ],
    [
      'two token sources',
      jwt('query-parameter-name="t"'),
      {},
      'IMPORT_INVALID_VALUE',
      { attribute: 'query-parameter-name' },
      /only one of header-name, query-parameter-name/,
    ],
    [
      'empty header-name',
      '<validate-jwt header-name="">' + OIDC + '</validate-jwt>',
      {},
      'IMPORT_MISSING',
      { attribute: 'header-name' },
      /is required/,
    ],
    ['no way to verify signatures', jwt('', ''), {}, 'IMPORT_MISSING', {}, /<openid-config> or <issuer-signing-keys>/],
    [
      'empty audiences',
      jwt('', `${OIDC}<audiences />`),
      {},
      'IMPORT_MISSING',
      { element: 'audiences' },
      /at least one <audience>/,
    ],
    [
      'empty audience',
      jwt('', `${OIDC}<audiences><audience> </audience></audiences>`),
      {},
      'IMPORT_MISSING',
      { element: 'audience' },
      /is empty/,
    ],
    [
      'audiences twice',
      jwt('', `${OIDC}<audiences><audience>a</audience></audiences><audiences><audience>b</audience></audiences>`),
      {},
      'IMPORT_DUPLICATE',
      { element: 'audiences' },
      /more than once/,
    ],
    [
      'empty required-claims',
      jwt('', `${OIDC}<required-claims></required-claims>`),
      {},
      'IMPORT_MISSING',
      { element: 'required-claims' },
      /at least one <claim>/,
    ],
    [
      'claim without name',
      jwt('', `${OIDC}<required-claims><claim><value>x</value></claim></required-claims>`),
      {},
      'IMPORT_MISSING',
      { element: 'claim', attribute: 'name' },
      /is required/,
    ],
    [
      'bad match',
      jwt('', `${OIDC}<required-claims><claim name="a" match="some" /></required-claims>`),
      {},
      'IMPORT_INVALID_VALUE',
      { attribute: 'match' },
      /"all" or "any"/,
    ],
    [
      'empty separator',
      jwt('', `${OIDC}<required-claims><claim name="a" separator="" /></required-claims>`),
      {},
      'IMPORT_INVALID_VALUE',
      { attribute: 'separator' },
      /must not be empty/,
    ],
    [
      'text inside a container',
      jwt('', `${OIDC}<issuers>https://a/</issuers>`),
      {},
      'IMPORT_INVALID_VALUE',
      { element: 'issuers' },
      /only child elements/,
    ],
    [
      'child inside a value',
      jwt('', `${OIDC}<issuers><issuer><b>x</b></issuer></issuers>`),
      {},
      'IMPORT_UNKNOWN_ELEMENT',
      { element: 'b' },
      /takes no child elements/,
    ],
    [
      'bad openid-config url',
      jwt('', '<openid-config url="login.microsoftonline.com/x" />'),
      {},
      'IMPORT_INVALID_VALUE',
      { element: 'openid-config', attribute: 'url' },
      /absolute http\(s\) URL/,
    ],
    [
      'openid-config without url',
      jwt('', '<openid-config />'),
      {},
      'IMPORT_MISSING',
      { attribute: 'url' },
      /is required/,
    ],
    [
      'bad validate-connectivity',
      jwt('', '<openid-config url="https://x/" validate-connectivity="maybe" />'),
      {},
      'IMPORT_INVALID_VALUE',
      { attribute: 'validate-connectivity' },
      /"true" or "false"/,
    ],
    [
      'empty key',
      jwt('', '<issuer-signing-keys><key /></issuer-signing-keys>'),
      {},
      'IMPORT_MISSING',
      { element: 'key' },
      /has no key/,
    ],
    [
      'key in two forms',
      jwt('', `<issuer-signing-keys><key certificate-id="c">${KEY_32}</key></issuer-signing-keys>`),
      {},
      'IMPORT_INVALID_VALUE',
      { element: 'key' },
      /mixes inline key and certificate-id/,
    ],
    [
      'n without e',
      jwt('', '<issuer-signing-keys><key n="abc" /></issuer-signing-keys>'),
      {},
      'IMPORT_MISSING',
      { attribute: 'e' },
      /n and e must be given together/,
    ],
    [
      'n not Base64url',
      jwt('', '<issuer-signing-keys><key n="ab+c" e="AQAB" /></issuer-signing-keys>'),
      {},
      'IMPORT_INVALID_VALUE',
      { attribute: 'n' },
      /Base64url/,
    ],
    [
      'n as an expression',
      jwt('', '<issuer-signing-keys><key n="@(x)" e="AQAB" /></issuer-signing-keys>'),
      { evaluateExpression: () => 'x' },
      'IMPORT_EXPRESSION_UNSUPPORTED',
      { attribute: 'n' },
      /does not allow policy expressions/,
    ],
    [
      'inline key not Base64 (a PEM)',
      jwt('', '<issuer-signing-keys><key>-----BEGIN PUBLIC KEY-----</key></issuer-signing-keys>'),
      {},
      'IMPORT_INVALID_VALUE',
      { element: 'key' },
      /Base64-encoded key \(inline keys are symmetric HS256 keys/,
    ],
    [
      'inline key too short',
      jwt('', `<issuer-signing-keys><key>${Buffer.alloc(15).toString('base64')}</key></issuer-signing-keys>`),
      {},
      'IMPORT_INVALID_VALUE',
      { element: 'key' },
      /shorter than 128 bits/,
    ],
    [
      'empty issuer-signing-keys',
      jwt('', '<issuer-signing-keys />'),
      {},
      'IMPORT_MISSING',
      { element: 'issuer-signing-keys' },
      /at least one <key>/,
    ],
  ])('%s', (_name, xml, options, code, fields, message) => {
    const error = importError(xml, options);
    expect(error).toMatchObject({ code, ...fields });
    expect(error.message).toMatch(message);
  });
});

describe('importValidateJwt: documents', () => {
  it.each<[string, string, PolicyImportErrorCode, RegExp]>([
    [
      'malformed XML, with its line',
      '<validate-jwt header-name="Authorization">\n<audiences>\n</validate-jwt>',
      'IMPORT_XML_INVALID',
      /^line 3: The policy is not well-formed XML: Expected closing tag 'audiences'/,
    ],
    ['empty input', '', 'IMPORT_INVALID_VALUE', /found none/],
    ['text only', 'validate-jwt', 'IMPORT_XML_INVALID', /text outside any element/],
    [
      'a DOCTYPE',
      '<!DOCTYPE x [<!ENTITY a "b">]><validate-jwt/>',
      'IMPORT_UNSUPPORTED',
      /DOCTYPE declarations are not allowed/,
    ],
    [
      'another policy',
      '<set-header name="x" exists-action="override" />',
      'IMPORT_UNKNOWN_ELEMENT',
      /<set-header>: is not a token validation policy/,
    ],
    [
      'two policies',
      `${jwt('')}\n${jwt('')}`,
      'IMPORT_INVALID_VALUE',
      /expected exactly one <validate-jwt> or <validate-azure-ad-token> element, found <validate-jwt>, <validate-jwt>/,
    ],
    [
      'a whole policy document',
      `<policies><inbound>${jwt('')}</inbound></policies>`,
      'IMPORT_UNKNOWN_ELEMENT',
      /<policies>: is not a token validation policy/,
    ],
  ])('%s', (_name, xml, code, message) => {
    const error = importError(xml);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('errors are PolicyImportError instances with a name', () => {
    const error = importError('<nope/>');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PolicyImportError');
  });
});
