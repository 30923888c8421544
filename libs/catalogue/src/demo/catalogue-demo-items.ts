import type { ApprovalPolicy } from '@itsm/approval';
import type { BundleDraft, ItemDraft } from '../domain';

/** The demo's item ids (chosen, so a walkthrough can name them). */
export const DEMO_ITEM_IDS = { laptop: 'demo-laptop', access: 'demo-app-access', server: 'demo-virtual-server', fax: 'demo-fax-line' } as const;
export const DEMO_BUNDLE_IDS = { newStarter: 'demo-new-starter' } as const;

/** What the item drafts name that the seeding made first: categories, services' offerings, entitlement rules. */
export interface DemoItemRefs {
  readonly hardware: string;
  readonly access: string;
  readonly infrastructure: string;
  readonly telephony: string;
  readonly internalStaff: string;
  readonly fabrikamStores: string;
}

/** The requester's manager decides (first answer), as an access request needs. */
const MANAGER_APPROVAL: ApprovalPolicy = {
  id: 'manager-approval',
  name: "Requester's manager",
  order: 1,
  active: true,
  appliesWhen: null,
  autoApproveWhen: null,
  levels: [{ name: 'Manager', approvers: { groupIds: [], userIds: [], roles: ['requester-manager'] }, rule: { kind: 'first_response' }, mandatory: true }],
};

/**
 * A laptop with a model choice and a docking station that is shown, and then required, only when
 * asked for; internal staff and Fabrikam's stores may order it (two grants). No approval: imaged by
 * application support, then delivered by the service desk.
 */
export function laptopDraft(refs: DemoItemRefs): ItemDraft {
  const wantsDock = { variable: 'dock', equals: [true] };
  return {
    name: 'Laptop',
    description: 'A standard business laptop, imaged and delivered to your desk or store.',
    categoryId: refs.hardware,
    serviceId: 'workplace',
    offeringId: 'workplace-standard',
    form: {
      variables: [
        {
          name: 'model',
          label: 'Model',
          type: 'single_choice',
          required: true,
          defaultValue: 'standard-14',
          options: [
            { value: 'standard-14', label: 'Standard 14"' },
            { value: 'performance-16', label: 'Performance 16"' },
            { value: 'ultralight-13', label: 'Ultralight 13"' },
          ],
        },
        { name: 'dock', label: 'Add a docking station', type: 'boolean', defaultValue: false },
        {
          name: 'dockModel',
          label: 'Docking station',
          type: 'single_choice',
          visibleWhen: wantsDock,
          requiredWhen: wantsDock,
          options: [
            { value: 'usb-c', label: 'USB-C dock' },
            { value: 'thunderbolt', label: 'Thunderbolt dock with two displays' },
          ],
        },
        { name: 'deliverTo', label: 'Deliver to (desk or store)', type: 'text', required: true, maxLength: 200 },
      ],
    },
    plan: {
      tasks: [
        { key: 'image', title: 'Image the laptop', groupId: 'app-support', variables: ['model'], predecessors: [] },
        { key: 'deliver', title: 'Deliver the laptop', groupId: 'service-desk', variables: ['model', 'dock', 'dockModel', 'deliverTo'], predecessors: ['image'] },
      ],
    },
    entitlementRuleIds: [refs.internalStaff, refs.fabrikamStores],
    price: { currency: 'EUR', oneOffMinor: 145_000, recurringMonthlyMinor: 0 },
    leadTimeDays: 5,
  };
}

/** Access to the retail back-office application: the requester's manager approves, application support grants it. Internal staff only. */
export function accessDraft(refs: DemoItemRefs): ItemDraft {
  return {
    name: 'Access to the Retail back office',
    description: 'A role in the Retail back-office application (prices, stock, store reports).',
    categoryId: refs.access,
    serviceId: 'workplace',
    offeringId: 'workplace-standard',
    form: {
      variables: [
        { name: 'role', label: 'Role', type: 'single_choice', required: true, options: [{ value: 'viewer', label: 'Viewer' }, { value: 'editor', label: 'Editor' }, { value: 'admin', label: 'Administrator' }] },
        { name: 'reason', label: 'Why do you need it?', type: 'multiline_text', required: true, minLength: 10, maxLength: 2_000 },
        { name: 'from', label: 'Needed from', type: 'date' },
      ],
    },
    plan: { tasks: [{ key: 'grant', title: 'Grant the role', groupId: 'app-support', variables: ['role', 'from'], predecessors: [] }] },
    approvalPolicies: [MANAGER_APPROVAL],
    price: { currency: 'EUR', oneOffMinor: 0, recurringMonthlyMinor: 0 },
    leadTimeDays: 2,
  };
}

/**
 * A new virtual server: Tailspin's hosting group provisions it while application support registers
 * its DNS name (in parallel), then the service desk hands it over. Tailspin's agents see only the
 * provisioning task and its variables.
 */
export function serverDraft(refs: DemoItemRefs): ItemDraft {
  return {
    name: 'New virtual server',
    description: 'A Linux or Windows virtual machine in the Tailspin Hosting data centre.',
    categoryId: refs.infrastructure,
    serviceId: 'hosting',
    offeringId: 'hosting-vm',
    form: {
      variables: [
        { name: 'hostname', label: 'Host name', type: 'text', required: true, pattern: '[a-z][a-z0-9-]{2,30}' },
        { name: 'os', label: 'Operating system', type: 'single_choice', required: true, options: [{ value: 'ubuntu-24.04', label: 'Ubuntu 24.04 LTS' }, { value: 'windows-2022', label: 'Windows Server 2022' }] },
        { name: 'vcpu', label: 'vCPUs', type: 'number', required: true, integer: true, min: 1, max: 32, defaultValue: 2 },
        { name: 'memoryGb', label: 'Memory (GB)', type: 'number', required: true, integer: true, min: 2, max: 256, defaultValue: 8 },
        { name: 'backup', label: 'Nightly backup', type: 'boolean', defaultValue: true },
        { name: 'costCentre', label: 'Cost centre', type: 'text', required: true, pattern: 'CC-[0-9]{4}' },
      ],
    },
    plan: {
      tasks: [
        { key: 'provision', title: 'Provision the virtual machine', groupId: 'hosting-ops', variables: ['hostname', 'os', 'vcpu', 'memoryGb', 'backup'], predecessors: [] },
        { key: 'dns', title: 'Register the DNS name', groupId: 'app-support', variables: ['hostname'], predecessors: [] },
        { key: 'handover', title: 'Hand the server over', groupId: 'service-desk', variables: ['hostname', 'costCentre'], predecessors: ['provision', 'dns'] },
      ],
    },
    price: { currency: 'EUR', oneOffMinor: 25_000, recurringMonthlyMinor: 9_000 },
    leadTimeDays: 3,
  };
}

/** A fax line: published once, retired since (open requests would finish; nobody can order it). */
export function faxDraft(refs: DemoItemRefs): ItemDraft {
  return {
    name: 'Fax line',
    description: 'A fax extension on the office telephone system.',
    categoryId: refs.telephony,
    form: { variables: [{ name: 'location', label: 'Office', type: 'text', required: true }] },
    plan: { tasks: [{ key: 'connect', title: 'Connect the line', groupId: 'service-desk', variables: ['location'], predecessors: [] }] },
    price: { currency: 'EUR', oneOffMinor: 5_000, recurringMonthlyMinor: 1_500 },
    leadTimeDays: 10,
  };
}

/** "New starter": a laptop with a USB-C dock and a viewer role in the back office, ordered at once (internal staff: the access item is theirs only). */
export function newStarterBundle(refs: DemoItemRefs): BundleDraft {
  return {
    name: 'New starter',
    description: 'Everything a new colleague needs on day one: a docked laptop and access to the Retail back office.',
    categoryId: refs.hardware,
    items: [
      { itemId: DEMO_ITEM_IDS.laptop, defaults: { model: 'standard-14', dock: true, dockModel: 'usb-c' } },
      { itemId: DEMO_ITEM_IDS.access, defaults: { role: 'viewer', reason: 'Access for a new starter in the team.' } },
    ],
  };
}
