export * from './form.model';
export { defineForm } from './define-form';
export { validateValues, taskVariables } from './validate-values';
export type { ReferenceLookup } from './validate-values';
export { formAsData } from './form-as-data';
export type { ItemFormData, FormVariableData } from './form-as-data';
export { evaluateCondition, conditionVariables } from './form-condition';
export { readValue, canonicalDate } from './variable-value';
export type { InvalidValueReason, ValueReading } from './variable-value';
