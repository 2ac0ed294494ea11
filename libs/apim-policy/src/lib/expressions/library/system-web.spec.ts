import { failure, refusal, run } from '../expression-spec-kit';
import { expressionValueToString } from '../value-format';
import { GuidValue, systemGuid } from './system-guid';
import { escapeDataString, unescapeDataString } from './system-uri';
import { htmlDecode, htmlEncode, urlDecode, urlEncode } from './system-web';

describe('Guid', () => {
  it('makes, parses and prints Guids in every .NET format', () => {
    expect(run('@(Guid.NewGuid().ToString().Length)')).toBe(36);
    expect(run('@(Guid.NewGuid() != Guid.NewGuid())')).toBe(true);
    expect(run('@(Guid.Empty.ToString("N"))')).toBe('0'.repeat(32));
    const id = '{0F8FAD5B-D9CB-469F-A165-70867728950E}';
    expect(run(`@(Guid.Parse("${id.replace(/"/g, '')}").ToString())`)).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(run('@(new Guid("0f8fad5bd9cb469fa16570867728950e").ToString("B"))')).toBe(
      '{0f8fad5b-d9cb-469f-a165-70867728950e}',
    );
    expect(run('@(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e").ToString("P"))')).toBe(
      '(0f8fad5b-d9cb-469f-a165-70867728950e)',
    );
    expect(
      run('@(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e") == new Guid("0F8FAD5BD9CB469FA16570867728950E"))'),
    ).toBe(true);
    expect(run('@(Guid.TryParse("nope", out var g) ? "yes" : g.ToString())')).toBe(
      '00000000-0000-0000-0000-000000000000',
    );
    expect(run('@(Guid.TryParseExact("0f8fad5bd9cb469fa16570867728950e", "N", out var g) && g != Guid.Empty)')).toBe(
      true,
    );
    expect(failure('@(Guid.Parse("0f8fad5b"))')).toContain('is not a Guid (FormatException)');
  });

  it('lays out ToByteArray the .NET way (first three groups little-endian) and back', () => {
    const guid = new GuidValue('00112233445566778899aabbccddeeff');
    const members = systemGuid.instanceMembers?.({ name: 'Guid' });
    const bytes = members?.methods['ToByteArray'].overloads[0].invoke(guid) as Uint8Array;
    expect(Buffer.from(bytes).toString('hex')).toBe('33221100554477668899aabbccddeeff');
    expect(run('@(new Guid(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff").ToByteArray()).ToString("N"))')).toBe(
      '00112233445566778899aabbccddeeff',
    );
    expect(systemGuid.format?.(guid)).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });
});

describe('Uri', () => {
  it('exposes the parts of an absolute URI', () => {
    const uri = 'new Uri("https://User:pw@API.Example.com:8443/v1/orders/a%20b?id=7&x=y#top")';
    expect(run(`@(${uri}.Host)`)).toBe('api.example.com');
    expect(run(`@(${uri}.Port)`)).toBe(8443);
    expect(run(`@(${uri}.Scheme)`)).toBe('https');
    expect(run(`@(${uri}.AbsolutePath)`)).toBe('/v1/orders/a%20b');
    expect(run(`@(${uri}.Query)`)).toBe('?id=7&x=y');
    expect(run(`@(${uri}.Fragment)`)).toBe('#top');
    expect(run(`@(${uri}.PathAndQuery)`)).toBe('/v1/orders/a%20b?id=7&x=y');
    expect(run(`@(${uri}.Authority)`)).toBe('api.example.com:8443');
    expect(run(`@(${uri}.UserInfo)`)).toBe('User:pw');
    expect(run(`@(string.Join("|", ${uri}.Segments))`)).toBe('/|v1/|orders/|a%20b');
    expect(run(`@(${uri}.GetLeftPart(UriPartial.Path))`)).toBe('https://User:pw@api.example.com:8443/v1/orders/a%20b');
    expect(run(`@(${uri}.ToString())`)).toBe('https://User:pw@api.example.com:8443/v1/orders/a b?id=7&x=y#top');
  });

  it('knows default ports, resolves relative URIs and compares without the fragment', () => {
    expect(run('@(new Uri("http://example.com/x").Port)')).toBe(80);
    expect(run('@(new Uri("https://example.com").IsDefaultPort)')).toBe(true);
    expect(run('@(new Uri(new Uri("https://example.com/a/b"), "../c?d=1").AbsoluteUri)')).toBe(
      'https://example.com/c?d=1',
    );
    expect(run('@(new Uri("https://example.com/a#one") == new Uri("https://example.com/a#two"))')).toBe(true);
    expect(run('@(new Uri("https://example.com/api/").IsBaseOf(new Uri("https://example.com/api/items")))')).toBe(true);
    expect(failure('@(new Uri("/relative/path").Host)')).toContain('is not an absolute URI (UriFormatException)');
  });

  it('escapes data the RFC 3986 way and explains TryCreate', () => {
    expect(escapeDataString("a b/c?d=é!'()*~")).toBe('a%20b%2Fc%3Fd%3D%C3%A9%21%27%28%29%2A~');
    expect(unescapeDataString('a%20b%2x%C3%A9')).toBe('a b%2xé');
    expect(run('@(Uri.EscapeDataString("x y&z"))')).toBe('x%20y%26z');
    expect(run('@(Uri.UnescapeDataString("x%20y"))')).toBe('x y');
    expect(refusal('@(Uri.TryCreate("x", UriKind.Absolute, out var u))').detail).toContain('UriKind');
  });
});

describe('WebUtility', () => {
  it('URL-encodes like WebUtility (spaces as +, upper-case escapes) and decodes', () => {
    expect(urlEncode('a b&c=d/é*')).toBe('a+b%26c%3Dd%2F%C3%A9*');
    expect(urlDecode('a+b%26c%zz%C3%A9')).toBe('a b&c%zzé');
    expect(run('@(WebUtility.UrlEncode("q=1 2"))')).toBe('q%3D1+2');
    expect(run('@(System.Net.WebUtility.UrlDecode("q%3D1+2"))')).toBe('q=1 2');
    expect(run('@(WebUtility.UrlEncode(null) == null)')).toBe(true);
  });

  it('HTML-encodes and decodes', () => {
    expect(htmlEncode(`<a href="x">Tom & Jerry's ©</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s &#169;&lt;/a&gt;',
    );
    expect(htmlDecode('&lt;b&gt; &amp;amp; &#65;&#x42; &copy; &bogus;')).toBe('<b> &amp; AB © &bogus;');
    expect(run('@(WebUtility.HtmlEncode("<x>"))')).toBe('&lt;x&gt;');
  });

  it('refuses HttpUtility (System.Web is not allowed) and says what to use', () => {
    const refused = refusal('@(HttpUtility.UrlEncode("a b"))');
    expect(refused.code).toBe('EXPRESSION_UNSUPPORTED');
    expect(refused.detail).toContain('WebUtility.UrlEncode');
    expect(refusal('@(System.Web.HttpUtility.ParseQueryString("a=1"))').detail).toContain('context.Request.Url.Query');
  });
});

describe('library values as text', () => {
  it('prints Guid, Uri, DateTimeOffset, StringBuilder, Match and byte[] results as .NET ToString does', () => {
    const text = (source: string) => expressionValueToString(run(source));
    expect(text('@(Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E"))')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(text('@(new Uri("https://example.com/a%20b"))')).toBe('https://example.com/a b');
    expect(text('@(DateTimeOffset.FromUnixTimeSeconds(0))')).toBe('01/01/1970 00:00:00 +00:00');
    expect(text('@(new StringBuilder("x").Append(1))')).toBe('x1');
    expect(text('@(Regex.Match("abc", "b"))')).toBe('b');
    expect(text('@(Encoding.UTF8.GetBytes("a"))')).toBe('System.Byte[]');
    expect(text('@(TimeSpan.FromMinutes(1.5))')).toBe('00:01:30');
  });
});
