import { failure, run } from '../expression-spec-kit';

describe('TimeZoneInfo', () => {
  it('converts UTC to a zone named by Windows or IANA id, with daylight saving', () => {
    const winter = 'new DateTime(2024, 1, 15, 12, 0, 0)';
    const summer = 'new DateTime(2024, 7, 15, 12, 0, 0)';
    expect(
      run(
        `@(TimeZoneInfo.ConvertTimeFromUtc(${winter}, TimeZoneInfo.FindSystemTimeZoneById("W. Europe Standard Time")).Hour)`,
      ),
    ).toBe(13);
    expect(
      run(`@(TimeZoneInfo.ConvertTimeFromUtc(${summer}, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Hour)`),
    ).toBe(14);
    expect(
      run(`@(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(${summer}, "Eastern Standard Time").ToString("HH:mm"))`),
    ).toBe('08:00');
    expect(
      run(
        `@(TimeZoneInfo.ConvertTimeToUtc(${summer}, TimeZoneInfo.FindSystemTimeZoneById("Tokyo Standard Time")).Hour)`,
      ),
    ).toBe(3);
  });

  it('gives offsets and daylight-saving facts', () => {
    const berlin = 'TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")';
    expect(run(`@(${berlin}.GetUtcOffset(new DateTime(2024, 7, 1)).TotalHours)`)).toBe(2);
    expect(run(`@(${berlin}.BaseUtcOffset.TotalHours)`)).toBe(1);
    expect(run(`@(${berlin}.IsDaylightSavingTime(new DateTime(2024, 7, 1)))`)).toBe(true);
    expect(
      run('@(TimeZoneInfo.FindSystemTimeZoneById("India Standard Time").GetUtcOffset(DateTime.UtcNow).TotalMinutes)'),
    ).toBe(330);
    expect(run('@(TimeZoneInfo.Utc.Id)')).toBe('UTC');
    expect(
      run(
        '@(TimeZoneInfo.ConvertTime(DateTimeOffset.Parse("2024-07-01T10:00:00Z"), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString())',
      ),
    ).toBe('07/01/2024 11:00:00 +01:00');
  });

  it('refuses an unknown zone like TimeZoneNotFoundException', () => {
    expect(failure('@(TimeZoneInfo.FindSystemTimeZoneById("Mars Standard Time").Id)')).toContain(
      'TimeZoneNotFoundException',
    );
  });
});

describe('Convert.ToDateTime', () => {
  it('parses text and gives DateTime.MinValue for null', () => {
    expect(run('@(Convert.ToDateTime("2024-03-04T05:06:07Z").Day)')).toBe(4);
    expect(run('@(Convert.ToDateTime((string)null).Year)')).toBe(1);
  });
});
