import type { ResolvedClass } from '../model/cmdb-data-model';
import type { Attributes, AttributeValue } from '../model/ci';

function normalise(value: AttributeValue): string | undefined {
  if (value === null) return undefined;
  const text = String(value).trim().replace(/\s+/g, ' ').toLowerCase();
  // Escaped, so the separators of a multi-attribute key cannot be forged by a value.
  return text === '' ? undefined : text.replace(/[\\|=]/g, '\\$&');
}

/**
 * The identification keys these attributes give a CI of this class, in rule order (own rules
 * first, then inherited ones), for every rule whose attributes are all present. Two payloads are
 * the same CI when they share a key. A per-class rule's key names the CI's class; a shared rule's
 * key names the class that declares it, so subclasses share it (a serial number across hardware).
 */
export function identificationKeys(resolved: ResolvedClass, attributes: Attributes): string[] {
  const keys: string[] = [];
  for (const rule of resolved.rules) {
    const parts: string[] = [];
    for (const name of rule.attributes) {
      const value = normalise(attributes[name] ?? null);
      if (value === undefined) break;
      parts.push(`${name}=${value}`);
    }
    if (parts.length !== rule.attributes.length) continue;
    const key = `${rule.perClass ? resolved.cls.id : rule.declaredBy}|${parts.join('|')}`;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}
