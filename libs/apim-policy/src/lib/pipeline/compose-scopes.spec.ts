import { GatewayConfigError } from '../errors/gateway-config-error';
import { composeSection } from './compose-scopes';
import type { PolicyScope } from '../context/gateway-context';
import { readPolicyDocument } from './policy-document';

const doc = (scope: PolicyScope, xml: string) => readPolicyDocument({ file: `${scope}.xml`, xml }, scope);
const names = (statements: ReturnType<typeof composeSection>) =>
  statements.map(({ element, scope }) => `${scope}:${element.name}`);

describe('composeSection (APIM scopes and <base />)', () => {
  const global = doc(
    'global',
    '<policies><inbound><set-variable name="g" value="1" /></inbound><outbound><set-header name="x" /></outbound></policies>',
  );
  const product = doc(
    'product',
    '<policies><inbound><rate-limit calls="5" renewal-period="60" /><base /></inbound></policies>',
  );

  it('replaces <base /> with the broader scope, where it stands (the doc example: before and after)', () => {
    const api = doc(
      'api',
      '<policies><inbound><cross-domain /><base /><find-and-replace from="xyz" to="abc" /></inbound></policies>',
    );
    expect(names(composeSection([global, product, api], 'inbound'))).toEqual([
      'api:cross-domain',
      'product:rate-limit',
      'global:set-variable',
      'api:find-and-replace',
    ]);
  });

  it('drops the broader scopes when a section has no <base />', () => {
    const operation = doc(
      'operation',
      '<policies><inbound><check-header name="a" failed-check-httpcode="401" failed-check-error-message="no" ignore-case="true" /></inbound></policies>',
    );
    expect(names(composeSection([global, product, operation], 'inbound'))).toEqual(['operation:check-header']);
  });

  it('inherits a section the narrower document leaves out', () => {
    const api = doc('api', '<policies><inbound><base /></inbound></policies>');
    expect(names(composeSection([global, api], 'outbound'))).toEqual(['global:set-header']);
  });

  it('treats an empty section as "nothing here", not as inheritance', () => {
    const api = doc('api', '<policies><inbound /></policies>');
    expect(composeSection([global, api], 'inbound')).toEqual([]);
  });

  it('ignores <base /> at global scope', () => {
    const onlyBase = doc(
      'global',
      '<policies><inbound><base /><set-variable name="a" value="b" /></inbound></policies>',
    );
    expect(names(composeSection([onlyBase], 'inbound'))).toEqual(['global:set-variable']);
  });
});

describe('readPolicyDocument', () => {
  const fails = (xml: string) => {
    try {
      readPolicyDocument({ file: 'policies/apis/x.xml', xml }, 'api');
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a GatewayConfigError');
  };

  it('loads the doc example with raw && and nested quotes', () => {
    const document = doc(
      'operation',
      `<policies><inbound><choose><when condition="@(context.Request.Method == "POST" && !((Jwt)context.Variables["jwt"]).Claims["group"].Contains("finance"))"><return-response><set-status code="403" reason="Forbidden" /></return-response></when></choose></inbound></policies>`,
    );
    expect(document.sections.inbound?.[0].children[0].attributes['condition']).toContain('"POST" && !');
  });

  it('names the file and line of malformed XML', () => {
    expect(fails('<policies>\n<inbound>\n<set-header name="a">\n</inbound></policies>')).toMatch(
      /^policies\/apis\/x\.xml:\d+: The policy is not well-formed XML/,
    );
  });

  it('wants one <policies> root', () => {
    expect(fails('<inbound />')).toBe(
      'policies/apis/x.xml:1: a policy file holds exactly one <policies> element with <inbound>, <backend>, <outbound> and <on-error> inside; found <inbound>.',
    );
  });

  it('refuses unknown and repeated sections', () => {
    expect(fails('<policies>\n<outbond /></policies>')).toBe(
      'policies/apis/x.xml:2 <outbond>: <policies> holds only <inbound>, <backend>, <outbound> and <on-error>; move <outbond> into one of them.',
    );
    expect(fails('<policies><inbound /><inbound /></policies>')).toMatch(/<inbound> appears twice/);
  });

  it('refuses <base /> nested inside a policy', () => {
    expect(
      fails('<policies><inbound><choose><when condition="@(true)"><base /></when></choose></inbound></policies>'),
    ).toMatch(/<base \/> belongs directly inside a section/);
  });
});
