import { failure, refusal, run, specContext } from '../expression-spec-kit';

/** The system library through the whole pipeline: parse, check, evaluate. */

describe('numbers and Math in expressions', () => {
  it('parses numbers, with TryParse writing its out variable', () => {
    expect(run('@(int.Parse("41") + 1)')).toBe(42);
    expect(run('@(long.Parse("4000000000") * 2)')).toBe(8000000000);
    expect(run('@(double.Parse("2.5") * 2)')).toBe(5);
    expect(run('@(bool.Parse("True") && Boolean.Parse("true"))')).toBe(true);
    expect(run('@(int.TryParse("12", out var n) ? n * 2 : -1)')).toBe(24);
    expect(run('@{ int n; if (!int.TryParse("x12", out n)) { return n - 1; } return n; }')).toBe(-1);
    expect(run('@(Int32.MaxValue)')).toBe(2147483647);
    expect(failure('@(int.Parse("12.5"))')).toContain('"12.5" is not a valid int (FormatException)');
  });

  it('computes with Math keeping C# result types', () => {
    expect(run('@(Math.Round(2.5))')).toBe(2);
    expect(run('@(Math.Round(2.5, MidpointRounding.AwayFromZero))')).toBe(3);
    expect(run('@(Math.Round(1.2345, 2))')).toBe(1.23);
    expect(run('@(Math.Max(3, 7) / 2)')).toBe(3);
    expect(run('@(Math.Abs(-4.5) + Math.Floor(1.9) + Math.Ceiling(0.1) + Math.Pow(2, 3) + Math.Sqrt(16))')).toBe(18.5);
    expect(failure('@(Math.Abs(int.MinValue))')).toContain('OverflowException');
  });

  it('formats numbers', () => {
    expect(run('@((1234.567).ToString("N1"))')).toBe('1,234.6');
    expect(run('@(255.ToString("x2"))')).toBe('ff');
    expect(run('@(string.Format("{0:D3}-{1}", 7, "a"))')).toBe('007-a');
  });
});

describe('Encoding, Convert and BitConverter in expressions', () => {
  it('round-trips text through Base64', () => {
    expect(run('@(Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pässword")))')).toBe('dXNlcjpww6Rzc3dvcmQ=');
    expect(run('@(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String("aMOp")))')).toBe('hé');
    expect(run('@(Encoding.ASCII.GetBytes("abc").Length)')).toBe(3);
    expect(failure('@(Convert.FromBase64String("not base64!"))')).toContain(
      'is not valid Base64 text (FormatException)',
    );
  });

  it('decodes a Basic credential from a header the APIM way', () => {
    const context = specContext();
    const source =
      '@{ string[] value; if (context.Request.Headers.TryGetValue("x-basic", out value)) { ' +
      'return Encoding.UTF8.GetString(Convert.FromBase64String(value[0])).Split(\':\')[0]; } return "none"; }';
    expect(run(source, context)).toBe('none');
  });

  it('converts values with .NET rules and prints bytes as dashed hex', () => {
    expect(run('@(Convert.ToInt32("12") + Convert.ToInt32(2.5) + Convert.ToInt32(true))')).toBe(15);
    expect(run('@(Convert.ToInt32("ff", 16))')).toBe(255);
    expect(run('@(Convert.ToBoolean("false"))')).toBe(false);
    expect(run('@(Convert.ToString(12.5))')).toBe('12.5');
    expect(run('@(BitConverter.ToString(Encoding.ASCII.GetBytes("AZ")))')).toBe('41-5A');
    expect(run('@(BitConverter.ToString(new byte[] { 1, 171 }).Replace("-", "").ToLower())')).toBe('01ab');
  });
});

describe('cryptography in expressions', () => {
  it('signs with HMAC-SHA256 and hashes with SHA-256', () => {
    const source =
      '@{ var key = Encoding.UTF8.GetBytes("Jefe"); var mac = new HMACSHA256(key); ' +
      'return BitConverter.ToString(mac.ComputeHash(Encoding.UTF8.GetBytes("what do ya want for nothing?"))).Replace("-", "").ToLowerInvariant(); }';
    expect(run(source)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(run('@(Convert.ToBase64String(SHA256.Create().ComputeHash(Encoding.UTF8.GetBytes("abc"))))')).toBe(
      'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=',
    );
    expect(run('@(new SHA1Managed().ComputeHash(new byte[0]).Length)')).toBe(20);
    expect(run('@(new HMACSHA512(new byte[] { 1, 2 }).Key.Length)')).toBe(2);
    expect(run('@{ var mac = new HMACSHA256(); mac.Key = Encoding.UTF8.GetBytes("k"); return mac.Key.Length; }')).toBe(
      1,
    );
    expect(run('@{ HashAlgorithm hash = MD5.Create(); return hash.ComputeHash(new byte[0]).Length; }')).toBe(16);
    expect(
      run(
        '@{ var nonce = new byte[12]; new RNGCryptoServiceProvider().GetBytes(nonce); return Convert.ToBase64String(nonce).Length; }',
      ),
    ).toBe(16);
  });
});

describe('dates and times in expressions', () => {
  it('parses, adds and formats DateTime', () => {
    expect(run('@(DateTime.Parse("2024-01-31T10:00:00Z").AddMonths(1).ToString("yyyy-MM-dd"))')).toBe('2024-02-29');
    expect(run('@(new DateTime(2024, 5, 6).AddHours(36).DayOfWeek.ToString())')).toBe('Tuesday');
    expect(run('@((new DateTime(2024, 1, 2) - new DateTime(2024, 1, 1)).TotalHours)')).toBe(24);
    expect(run('@(new DateTime(2024, 1, 1) + TimeSpan.FromMinutes(90) > new DateTime(2024, 1, 1, 1, 0, 0))')).toBe(
      true,
    );
    expect(run('@(new DateTime(2024, 1, 1) == DateTime.Parse("2024-01-01"))')).toBe(true);
    expect(run('@((int)new DateTime(2024, 5, 4).DayOfWeek)')).toBe(6);
  });

  it('works with TimeSpan', () => {
    expect(run('@(TimeSpan.FromSeconds(90).ToString())')).toBe('00:01:30');
    expect(run('@(new TimeSpan(1, 30, 0).TotalMinutes)')).toBe(90);
    expect(run('@((TimeSpan.FromHours(1) - TimeSpan.FromMinutes(15)).ToString(@"hh\\:mm"))')).toBe('00:45');
    expect(run('@(TimeSpan.Parse("00:00:10") < TimeSpan.FromSeconds(11))')).toBe(true);
  });

  it('works with DateTimeOffset and Unix time', () => {
    expect(run('@(DateTimeOffset.FromUnixTimeSeconds(0).UtcDateTime.Year)')).toBe(1970);
    expect(run('@(DateTimeOffset.Parse("2024-05-06T07:08:09+02:00").ToUnixTimeSeconds())')).toBe(1714972089);
    expect(run('@(DateTimeOffset.Parse("2024-05-06T07:08:09+02:00").ToString())')).toBe('05/06/2024 07:08:09 +02:00');
    expect(run('@(DateTimeOffset.TryParse("nope", out var d) ? "yes" : "no")')).toBe('no');
    expect(run('@(DateTimeOffset.UtcNow.ToUnixTimeSeconds() > 1700000000)')).toBe(true);
  });

  it('keeps DateTime.Kind for "o" and "K": Utc, Local (parsed with an offset) or Unspecified', () => {
    expect(run('@(DateTime.Parse("2024-05-06T07:08:09").ToString("o"))')).toBe('2024-05-06T07:08:09.0000000');
    expect(run('@(DateTime.Parse("2024-05-06T07:08:09Z").AddHours(1).ToString("o"))')).toBe(
      '2024-05-06T08:08:09.0000000+00:00',
    );
    expect(run('@(new DateTime(2024, 5, 6).ToString("yyyy-MM-ddK"))')).toBe('2024-05-06');
    expect(run('@(new DateTime(2024, 5, 6, 0, 0, 0, DateTimeKind.Utc).ToString("o"))')).toBe(
      '2024-05-06T00:00:00.0000000Z',
    );
    expect(run('@(DateTimeOffset.Parse("2024-05-06T07:08:09+02:00").UtcDateTime.ToString("o"))')).toBe(
      '2024-05-06T05:08:09.0000000Z',
    );
    expect(run('@(DateTimeOffset.Parse("2024-05-06T07:08:09+02:00").DateTime.ToString("o"))')).toBe(
      '2024-05-06T07:08:09.0000000',
    );
    expect(run('@(DateTime.UtcNow.ToString("o").EndsWith("Z"))')).toBe(true);
  });

  it('explains DateTime members APIM does not list', () => {
    expect(refusal('@(DateTime.TryParse("x", out var d))').detail).toContain('DateTimeOffset.TryParse');
  });
});
