import { useEffect, useState } from 'react';
import type { FormVariableData } from '../catalogue/form-rules';
import { usePortal } from '../portal-context';

/**
 * The form of the catalogue item version a requested item was ordered under, to label its values;
 * empty while loading or when the caller may not read the item (values then show by name).
 */
export function useItemForm(catalogItemId: string, version: number): readonly FormVariableData[] {
  const { client } = usePortal();
  const [form, setForm] = useState<readonly FormVariableData[]>([]);
  useEffect(() => {
    let current = true;
    client.request<{ catalogItem: { form: FormVariableData[] } }>('CatalogItem', { id: catalogItemId, version }).then(
      (data) => current && setForm(data.catalogItem.form),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, catalogItemId, version]);
  return form;
}
