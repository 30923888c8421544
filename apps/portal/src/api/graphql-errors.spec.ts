import { formErrorsOf, GatewayRequestError } from './graphql-errors';

describe('form error mapping', () => {
  const FIELDS = ['title', 'description', 'impact', 'urgency'];

  it("puts a typed error next to the field its details name, the first message per field", () => {
    const error = new GatewayRequestError([
      { message: 'title must have 1 to 200 characters', extensions: { code: 'INCIDENT.INVALID_INPUT', details: { field: 'title' } } },
      { message: 'a second title message', extensions: { code: 'INCIDENT.INVALID_INPUT', details: { field: 'title' } } },
    ]);
    expect(formErrorsOf(error, FIELDS)).toEqual({ fields: { title: 'title must have 1 to 200 characters' }, form: [] });
  });

  it('places GraphQL coercion errors by the input path they name', () => {
    const message = 'Variable "$input" got invalid value "x" at "input.impact"; Int cannot represent non-integer value: "x"';
    expect(formErrorsOf(new GatewayRequestError([{ message, extensions: { code: 'BAD_USER_INPUT' } }]), FIELDS)).toEqual({ fields: { impact: message }, form: [] });
  });

  it('shows errors without a field, on a field the form lacks, and transport failures above the form', () => {
    const error = new GatewayRequestError([
      { message: 'forbidden', extensions: { code: 'INCIDENT.FORBIDDEN' } },
      { message: 'an assignee needs an assignment group', extensions: { details: { field: 'assigneeId' } } },
    ]);
    expect(formErrorsOf(error, FIELDS)).toEqual({ fields: {}, form: ['forbidden', 'an assignee needs an assignment group'] });
    expect(formErrorsOf(new TypeError('Failed to fetch'), FIELDS)).toEqual({ fields: {}, form: ['Failed to fetch'] });
  });
});
