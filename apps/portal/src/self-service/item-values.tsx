import { useTranslation } from 'react-i18next';
import { useItemForm } from './use-item-form';
import { variableEntries } from './variable-entries';

/** A requested item's values as a definition list, labelled by the form it was ordered under. */
export function ItemValues({ json, catalogItemId, version }: { json: string; catalogItemId: string; version: number }) {
  const { t } = useTranslation();
  const form = useItemForm(catalogItemId, version);
  return (
    <dl>
      {variableEntries(json, (yes) => t(yes ? 'selfService.yes' : 'selfService.no'), form).map(([label, value], index) => (
        <div key={index} className="pair">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
