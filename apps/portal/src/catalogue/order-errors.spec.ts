import { GatewayRequestError } from '../api/graphql-errors';
import { formatPrice, orderErrorText, orderErrorsOf, quantityOf } from './order-errors';

describe('order errors and prices', () => {
  it('puts a catalogue error next to the variable its details name, others above the form', () => {
    const error = new GatewayRequestError([
      { message: 'Line 0: Docking station is required.', extensions: { code: 'CATALOGUE.MISSING_VARIABLE', details: { variable: 'dockModel', reason: 'required_when', line: 0 } } },
      { message: 'The item is retired.', extensions: { code: 'CATALOGUE.NOT_ORDERABLE' } },
      { message: 'The form has no variable x.', extensions: { code: 'CATALOGUE.HIDDEN_VARIABLE', details: { variable: 'x' } } },
    ]);
    expect(orderErrorsOf(error, ['model', 'dockModel'])).toEqual({ fields: { dockModel: 'Docking station is required.' }, form: ['The item is retired.', 'The form has no variable x.'] });
    expect(orderErrorsOf(new TypeError('Failed to fetch'), ['model'])).toEqual({ fields: {}, form: ['Failed to fetch'] });
  });

  it('places the quantity\'s error by its field', () => {
    const error = new GatewayRequestError([{ message: 'Line 0: the quantity is a whole number from 1 to 100.', extensions: { code: 'CATALOGUE.INVALID_INPUT', details: { field: 'quantity', line: 0 } } }]);
    expect(orderErrorsOf(error, ['quantity'])).toEqual({ fields: { quantity: 'the quantity is a whole number from 1 to 100.' }, form: [] });
  });

  it('words a variable\'s error from its code and details, the server\'s message otherwise', () => {
    const t = (key: string, options?: Record<string, unknown>) => `${key} ${JSON.stringify(options)}`;
    const labelOf = (name: string) => (name === 'ram' ? 'Memory' : undefined);
    const invalid = { message: 'Memory: above max.', extensions: { code: 'CATALOGUE.INVALID_VARIABLE', details: { variable: 'ram', reason: 'above_max', limit: 64 } } };
    expect(orderErrorText(invalid, labelOf, t)).toBe('selfService.order.errors.invalid.above_max {"label":"Memory","limit":64}');
    const reference = { message: 'x', extensions: { code: 'CATALOGUE.UNKNOWN_REFERENCE', details: { variable: 'ram', kind: 'person', id: 'u-9' } } };
    expect(orderErrorText(reference, labelOf, t)).toBe('selfService.order.errors.unknownReference.person {"label":"Memory","id":"u-9"}');
    expect(orderErrorText({ ...invalid, extensions: { ...invalid.extensions, details: { variable: 'ram', reason: 'new_reason' } } }, labelOf, t)).toBeUndefined();
    expect(orderErrorText({ message: 'x', extensions: { code: 'CATALOGUE.MISSING_VARIABLE', details: { variable: 'other' } } }, labelOf, t)).toBeUndefined();
    const error = new GatewayRequestError([{ message: 'Line 0: Memory is required.', extensions: { code: 'CATALOGUE.MISSING_VARIABLE', details: { variable: 'ram', line: 0 } } }]);
    expect(orderErrorsOf(error, ['ram'], (entry) => orderErrorText(entry, labelOf, t))).toEqual({ fields: { ram: 'selfService.order.errors.missing {"label":"Memory"}' }, form: [] });
  });

  it('reads a quantity as the server takes it, and words its refusal', () => {
    expect(quantityOf('3')).toBe(3);
    for (const text of ['', ' ', '0', '-1', '1.5', '1e9', 'x', '1001']) expect(quantityOf(text)).toBeUndefined();
    const t = (key: string, options?: Record<string, unknown>) => `${key} ${JSON.stringify(options)}`;
    const refusal = { message: 'Line 0: the quantity is a whole number from 1 to 1000.', extensions: { code: 'CATALOGUE.INVALID_INPUT', details: { field: 'quantity', line: 0 } } };
    expect(orderErrorText(refusal, () => undefined, t)).toBe('selfService.order.wholeQuantity {"max":1000}');
  });

  it('formats minor units by the currency\'s digits and the language', () => {
    expect(formatPrice(145_000, 'EUR', 'en')).toBe('€1,450.00');
    expect(formatPrice(145_000, 'EUR', 'de')).toBe('1.450,00\u00a0€');
    expect(formatPrice(500, 'JPY', 'en')).toBe('¥500');
  });
});
