import { CmdbError, CmdbErrorCode } from '../cmdb.errors';
import { attributeText, checkAttributeValue, coerceAttributeText, isIpAddress, isTimeZone } from './attribute-values';
import type { AttributeDefinition, AttributeType } from './ci-class';
import type { AttributeValue } from './ci';
import { thrown } from '../test-fixtures/thrown';

function def(name: string, type: AttributeType, extra: Partial<Omit<AttributeDefinition, 'name' | 'type' | 'label'>> = {}): AttributeDefinition {
  return { name, label: name, type, required: false, ...extra };
}

/** The value is rejected with CMDB.INVALID_ATTRIBUTE naming the attribute and its type. */
function expectInvalid(definition: AttributeDefinition, value: AttributeValue): CmdbError {
  const error = thrown(() => checkAttributeValue(definition, value));
  expect(error.code).toBe(CmdbErrorCode.InvalidAttribute);
  expect(error.details).toEqual({ attribute: definition.name, expected: definition.type });
  expect(error.message).toContain(definition.name);
  return error;
}

const GOOD_IPS = ['0.0.0.0', '10.0.0.1', '192.168.1.254', '255.255.255.255', '::', '::1', '2001:db8::1', '2001:0db8:0000:0000:0000:ff00:0042:8329', 'fe80::1', '1:2:3:4:5:6:7:8', '1::8', '1:2:3:4:5:6:7::', '::ffff:192.0.2.1', '64:ff9b::192.0.2.33', '1:2:3:4:5:6:1.2.3.4', 'FE80::ABCD'];
const BAD_IPS = ['', '1.2.3.256', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-1', ' 1.2.3.4', '1.2.3.4 ', 'a.b.c.d', 'fe80::1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1::2::3', ':::', ':1', '1:', 'g::1', '12345::1', '2001:db8::1%eth0', '::1.2.3.256', '1.2.3.4::', '1.2.3.4::5', '::1.2.3.4:5', '1:2:3:4:5:6:7:1.2.3.4', 'localhost'];

describe('isIpAddress', () => {
  it.each(GOOD_IPS)('accepts %j', (ip) => expect(isIpAddress(ip)).toBe(true));
  it.each(BAD_IPS)('rejects %j', (ip) => expect(isIpAddress(ip)).toBe(false));
});

describe('isTimeZone', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Etc/GMT+5'])('accepts %j', (zone) => expect(isTimeZone(zone)).toBe(true));
  it.each(['Mars/Olympus_Mons', '', 'Europe/Berlin ', 'GMT+25', 'Berlin'])('rejects %j', (zone) => expect(isTimeZone(zone)).toBe(false));

  it('answers the same the second time (cached)', () => {
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
  });
});

describe('checkAttributeValue', () => {
  describe('null', () => {
    it('clears an optional attribute of any type', () => {
      for (const type of ['string', 'text', 'integer', 'number', 'boolean', 'datetime', 'enum', 'ip_address', 'time_zone'] as const) {
        expect(checkAttributeValue(def('a', type, { values: ['x'] }), null)).toBeNull();
      }
    });

    it('is rejected on a required attribute', () => {
      expectInvalid(def('name', 'string', { required: true }), null);
      expectInvalid(def('port', 'integer', { required: true }), null);
    });
  });

  describe('string', () => {
    const name = def('name', 'string', { maxLength: 10 });

    it('accepts a string up to its maxLength and returns it unchanged', () => {
      expect(checkAttributeValue(name, 'srv-1')).toBe('srv-1');
      expect(checkAttributeValue(name, 'x'.repeat(10))).toBe('x'.repeat(10));
      expect(checkAttributeValue(name, '')).toBe('');
    });

    it('rejects one character too many', () => {
      expect(expectInvalid(name, 'x'.repeat(11)).message).toMatch(/at most 10/);
    });

    it('defaults to 255 characters', () => {
      const plain = def('label', 'string');
      expect(checkAttributeValue(plain, 'x'.repeat(255))).toBe('x'.repeat(255));
      expectInvalid(plain, 'x'.repeat(256));
    });

    it.each(['a\nb', 'a\tb', 'a\rb', 'nul\u0000', 'del\u007f', '\u001b[31m'])('rejects control characters in %j', (value) => {
      expectInvalid(name, value);
    });

    it('rejects values that are not strings', () => {
      expectInvalid(name, 42);
      expectInvalid(name, true);
    });

    it('rejects an empty or blank value on a required string', () => {
      const required = def('name', 'string', { required: true });
      expectInvalid(required, '');
      expectInvalid(required, '   ');
      expect(checkAttributeValue(required, ' x ')).toBe(' x ');
    });
  });

  describe('text', () => {
    const text = def('description', 'text');

    it('allows line breaks and defaults to 4000 characters', () => {
      expect(checkAttributeValue(text, 'line 1\nline 2\ttab')).toBe('line 1\nline 2\ttab');
      expect(checkAttributeValue(text, 'x'.repeat(4000))).toBe('x'.repeat(4000));
      expectInvalid(text, 'x'.repeat(4001));
    });

    it('honours its own maxLength and rejects non-strings', () => {
      expectInvalid(def('description', 'text', { maxLength: 5 }), 'abcdef');
      expectInvalid(text, 3);
    });
  });

  describe('integer', () => {
    const cpu = def('cpu_count', 'integer', { min: 1, max: 4096 });

    it('accepts integers within the inclusive bounds', () => {
      expect(checkAttributeValue(cpu, 1)).toBe(1);
      expect(checkAttributeValue(cpu, 64)).toBe(64);
      expect(checkAttributeValue(cpu, 4096)).toBe(4096);
      expect(checkAttributeValue(def('delta', 'integer'), -7)).toBe(-7);
    });

    it.each([1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53])('rejects %p', (value) => {
      expectInvalid(def('delta', 'integer'), value);
    });

    it('rejects values out of bounds', () => {
      expect(expectInvalid(cpu, 0).message).toMatch(/at least 1/);
      expect(expectInvalid(cpu, 4097).message).toMatch(/at most 4096/);
    });

    it('rejects numeric text and booleans (coerce text first)', () => {
      expectInvalid(cpu, '4');
      expectInvalid(cpu, true);
    });
  });

  describe('number', () => {
    const memory = def('memory_gb', 'number', { min: 0, max: 1024 });

    it('accepts finite numbers within bounds', () => {
      expect(checkAttributeValue(memory, 0)).toBe(0);
      expect(checkAttributeValue(memory, 15.5)).toBe(15.5);
      expect(checkAttributeValue(memory, 1024)).toBe(1024);
    });

    it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects %p', (value) => {
      expectInvalid(memory, value);
    });

    it('rejects values out of bounds and non-numbers', () => {
      expectInvalid(memory, -0.5);
      expectInvalid(memory, 1024.01);
      expectInvalid(memory, '1.5');
    });
  });

  describe('boolean', () => {
    const flag = def('monitored', 'boolean');

    it('accepts true and false', () => {
      expect(checkAttributeValue(flag, true)).toBe(true);
      expect(checkAttributeValue(flag, false)).toBe(false);
    });

    it.each<AttributeValue>(['yes', 'true', 'false', 1, 0, ''])('rejects %p', (value) => {
      expectInvalid(flag, value);
    });
  });

  describe('datetime', () => {
    const seen = def('last_seen', 'datetime');

    it.each(['2024-05-01T10:00:00Z', '2024-05-01T10:00Z', '2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.123456789+02:00', '2024-05-01T10:00:00-05:30', '2024-02-29T00:00:00Z', '2000-02-29T00:00:00Z'])('accepts %j', (value) => {
      expect(checkAttributeValue(seen, value)).toBe(value);
    });

    it.each(['2024-05-01T10:00:00', '2024-05-01', '2024-05-01 10:00:00Z', '2024-05-01T10:00:00z', '2024-13-01T10:00:00Z', '2024-05-32T10:00:00Z', '2024-05-00T10:00:00Z', '2024-02-30T10:00:00Z', '2023-02-29T10:00:00Z', '1900-02-29T10:00:00Z', '2024-04-31T10:00:00Z', '2024-05-01T25:00:00Z', '2024-05-01T10:60:00Z', '2024-05-01T10:00:00+25:00', 'yesterday', ''])('rejects %j', (value) => {
      expectInvalid(seen, value);
    });

    it('rejects non-strings', () => {
      expectInvalid(seen, 1_714_557_600_000);
    });
  });

  describe('enum', () => {
    const environment = def('environment', 'enum', { values: ['production', 'staging'] });

    it('accepts exactly the listed values', () => {
      expect(checkAttributeValue(environment, 'production')).toBe('production');
      expect(checkAttributeValue(environment, 'staging')).toBe('staging');
    });

    it.each<AttributeValue>(['Production', ' production', 'test', '', 1])('rejects %p', (value) => {
      expect(expectInvalid(environment, value).message).toContain('production, staging');
    });

    it('rejects everything when the definition lists no values', () => {
      expectInvalid(def('environment', 'enum'), 'production');
    });
  });

  describe('ip_address', () => {
    const ip = def('ip_address', 'ip_address');

    it.each(GOOD_IPS)('accepts %j', (value) => {
      expect(checkAttributeValue(ip, value)).toBe(value);
    });

    it.each(BAD_IPS)('rejects %j', (value) => {
      expectInvalid(ip, value);
    });

    it('rejects a number', () => {
      expectInvalid(ip, 16_909_060);
    });
  });

  describe('time_zone', () => {
    const zone = def('time_zone', 'time_zone');

    it('accepts an IANA zone', () => {
      expect(checkAttributeValue(zone, 'Europe/Berlin')).toBe('Europe/Berlin');
    });

    it('rejects an unknown zone and a non-string', () => {
      expectInvalid(zone, 'Mars/Olympus_Mons');
      expectInvalid(zone, 1);
    });
  });

  it('shortens a long rejected value in the message', () => {
    const error = expectInvalid(def('name', 'string', { maxLength: 5 }), 'y'.repeat(100));
    expect(error.message).toContain(`"${'y'.repeat(40)}..."`);
    expect(error.message).not.toContain('y'.repeat(41));
  });
});

describe('coerceAttributeText', () => {
  function expectCoercionRejected(definition: AttributeDefinition, text: string): void {
    const error = thrown(() => coerceAttributeText(definition, text));
    expect(error.code).toBe(CmdbErrorCode.InvalidAttribute);
    expect(error.details).toEqual({ attribute: definition.name, expected: definition.type });
  }

  it('null stays null (clears)', () => {
    expect(coerceAttributeText(def('port', 'integer'), null)).toBeNull();
    expect(coerceAttributeText(def('name', 'string'), null)).toBeNull();
  });

  it('turns integer text into a number', () => {
    const port = def('port', 'integer');
    expect(coerceAttributeText(port, '443')).toBe(443);
    expect(coerceAttributeText(port, '-4')).toBe(-4);
    expect(coerceAttributeText(port, ' 8080 ')).toBe(8080);
  });

  it.each(['4.5', '', ' ', 'abc', '1e3', '0x10', '12345678901234567'])('rejects integer text %j', (text) => {
    expectCoercionRejected(def('port', 'integer'), text);
  });

  it('turns number text into a number', () => {
    const memory = def('memory_gb', 'number');
    expect(coerceAttributeText(memory, '15.5')).toBe(15.5);
    expect(coerceAttributeText(memory, '-2')).toBe(-2);
  });

  it.each(['', '   ', 'abc', 'NaN', 'Infinity', '-Infinity', '1,5', '0x10', '0b11', '1e999'])('rejects number text %j', (text) => {
    expectCoercionRejected(def('memory_gb', 'number'), text);
  });

  it('turns exactly "true" / "false" into booleans', () => {
    const flag = def('monitored', 'boolean');
    expect(coerceAttributeText(flag, 'true')).toBe(true);
    expect(coerceAttributeText(flag, 'false')).toBe(false);
  });

  it.each(['yes', 'no', 'TRUE', 'True', '1', '0', ''])('rejects boolean text %j', (text) => {
    expectCoercionRejected(def('monitored', 'boolean'), text);
  });

  it('passes the text of other types through unchanged, for checkAttributeValue to judge', () => {
    expect(coerceAttributeText(def('name', 'string'), ' srv-1 ')).toBe(' srv-1 ');
    expect(coerceAttributeText(def('environment', 'enum', { values: ['production'] }), 'nope')).toBe('nope');
    const ip = def('ip_address', 'ip_address');
    expect(() => checkAttributeValue(ip, coerceAttributeText(ip, '1.2.3.256'))).toThrow(CmdbError);
  });

  it('a coerced value still goes through the bounds check', () => {
    const cpu = def('cpu_count', 'integer', { min: 1, max: 4096 });
    expect(checkAttributeValue(cpu, coerceAttributeText(cpu, '8'))).toBe(8);
    expect(thrown(() => checkAttributeValue(cpu, coerceAttributeText(cpu, '0'))).details).toEqual({ attribute: 'cpu_count', expected: 'integer' });
  });
});

describe('attributeText', () => {
  it('is the canonical text of a value, null for null', () => {
    expect(attributeText(null)).toBeNull();
    expect(attributeText(4)).toBe('4');
    expect(attributeText(1.5)).toBe('1.5');
    expect(attributeText(true)).toBe('true');
    expect(attributeText('x')).toBe('x');
  });

  it('round-trips through coerceAttributeText', () => {
    const cases: [AttributeDefinition, AttributeValue][] = [
      [def('port', 'integer'), 443],
      [def('memory_gb', 'number'), 15.25],
      [def('monitored', 'boolean'), false],
      [def('name', 'string'), 'srv-1'],
    ];
    for (const [definition, value] of cases) expect(coerceAttributeText(definition, attributeText(value))).toBe(value);
  });
});
