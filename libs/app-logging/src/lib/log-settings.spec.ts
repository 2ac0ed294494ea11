import { chooseLogFormat, LogSettingsError, readLogLevel } from './log-settings';

describe('chooseLogFormat', () => {
  it('is pretty on a terminal and JSON in a file or a pipe when LOG_FORMAT is unset or empty', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('', false)).toBe('json');
  });

  it('follows LOG_FORMAT whatever stdout is', () => {
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
    expect(chooseLogFormat(' JSON ', true)).toBe('json');
  });

  it('refuses another value, naming the variable and the choices', () => {
    expect(() => chooseLogFormat('text', true)).toThrow(LogSettingsError);
    expect(() => chooseLogFormat('text', true)).toThrow('LOG_FORMAT="text": must be pretty or json (or unset)');
  });
});

describe('readLogLevel', () => {
  it('reads LOG_LEVEL, info when unset', () => {
    expect(readLogLevel({})).toBe('info');
    expect(readLogLevel({ LOG_LEVEL: 'debug' })).toBe('debug');
  });

  it('refuses an unknown level, naming the variable', () => {
    expect(() => readLogLevel({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL="loud": must be one of fatal, error, warn');
  });
});
