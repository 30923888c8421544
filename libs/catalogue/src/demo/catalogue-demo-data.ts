import { awaitDemoNames } from '@itsm/platform/service';
import type { DemoReferences } from '@itsm/platform/service';
import { DirectoryProjection } from '@itsm/platform/persistence';
import type { INestApplication } from '@nestjs/common';
import { CreateServiceCommand } from '../application/commands/create-service/create-service.command';
import { CreateServiceHandler } from '../application/commands/create-service/create-service.handler';
import { ProposeServiceGoLiveCommand } from '../application/commands/propose-service-go-live/propose-service-go-live.command';
import { ProposeServiceGoLiveHandler } from '../application/commands/propose-service-go-live/propose-service-go-live.handler';
import { PublishCatalogueItemCommand } from '../application/commands/publish-catalogue-item/publish-catalogue-item.command';
import { PublishCatalogueItemHandler } from '../application/commands/publish-catalogue-item/publish-catalogue-item.handler';
import { PublishCatalogueBundleCommand } from '../application/commands/publish-catalogue-bundle/publish-catalogue-bundle.command';
import { PublishCatalogueBundleHandler } from '../application/commands/publish-catalogue-bundle/publish-catalogue-bundle.handler';
import { SaveCatalogueBundleCommand } from '../application/commands/save-catalogue-bundle/save-catalogue-bundle.command';
import { SaveCatalogueBundleHandler } from '../application/commands/save-catalogue-bundle/save-catalogue-bundle.handler';
import { RetireCatalogueItemCommand } from '../application/commands/retire-catalogue-item/retire-catalogue-item.command';
import { RetireCatalogueItemHandler } from '../application/commands/retire-catalogue-item/retire-catalogue-item.handler';
import { SaveCategoryCommand } from '../application/commands/save-category/save-category.command';
import { SaveCategoryHandler } from '../application/commands/save-category/save-category.handler';
import { SaveEntitlementRuleCommand } from '../application/commands/save-entitlement-rule/save-entitlement-rule.command';
import { SaveEntitlementRuleHandler } from '../application/commands/save-entitlement-rule/save-entitlement-rule.handler';
import { SaveGoLivePolicyCommand } from '../application/commands/save-go-live-policy/save-go-live-policy.command';
import { SaveGoLivePolicyHandler } from '../application/commands/save-go-live-policy/save-go-live-policy.handler';
import type { PortfolioCaller } from '../application/portfolio-access';
import { CategoryStore } from '../application/ports/portfolio-stores.port';
import type { ServiceDetailsInput } from '../domain';
import { accessDraft, DEMO_BUNDLE_IDS, DEMO_ITEM_IDS, faxDraft, laptopDraft, newStarterBundle, serverDraft } from './catalogue-demo-items';

/** The demo is entered by the system, as a catalogue admin. */
const SYSTEM: PortfolioCaller = { userId: 'system', roles: ['catalogue-admin'] };

/** What the demo names of the directory's demo data: its services' owners and steering, its plans' groups, its customer. */
export const DEMO_CATALOGUE_NAMES = {
  people: ['u-cab-3', 'u-problem-manager', 'u-change-manager'],
  groups: ['service-desk', 'app-support', 'hosting-ops'],
  organisations: ['contoso', 'fabrikam'],
} as const;

/** The SLA demo's definitions the offerings name (libs/sla demo): a request SLA, Tailspin's fulfilment-task UC. */
const REQUEST_SLA = 'sla-request-resolution';
const TAILSPIN_TASK_UC = 'uc-tailspin-task';

/**
 * The demo portfolio and catalogue, through the context's use cases as the system (catalogue
 * admin), once the catalogue's directory projection knows the people and groups it names (it waits
 * 60 s at most, then throws naming what is missing). It seeds two live services with offerings (their SLA ids the SLA demo's), one in the pipeline waiting for
 * portfolio steering, four categories, two grants (internal staff, Fabrikam's stores), a laptop
 * with a conditional docking station, an application access with a manager approval, a virtual
 * server fulfilled partly by Tailspin's hosting group, a retired fax line and a published "New starter"
 * bundle (laptop and application access). Skipped when
 * categories exist. Answers ids by name (`laptop`, `workplace`, `fabrikam-stores`, ...).
 */
export async function seedDemoCatalogue(app: INestApplication, earlier: DemoReferences): Promise<ReadonlyMap<string, string>> {
  if ((await app.get(CategoryStore).all()).length > 0) return new Map();
  // The all-in-one hands over the directory demo's ids by name; run as its own service (compose,
  // Kubernetes) the directory's demo ran in another process, and its ids are its names by construction.
  const directory = (name: string): string => earlier.get('directory')?.get(name) ?? name;
  const people = DEMO_CATALOGUE_NAMES.people.map(directory);
  const groups = DEMO_CATALOGUE_NAMES.groups.map(directory);
  const organisations = DEMO_CATALOGUE_NAMES.organisations.map(directory);
  // The catalogue's directory projection (fed through the bus) must know them: the demo goes through the API's reference checks.
  const projection = app.get(DirectoryProjection);
  await awaitDemoNames('catalogue', async () => {
    const [known, live, orgs] = await Promise.all([projection.people(people), projection.groups(groups), projection.organisations(organisations)]);
    return [...people.filter((id) => known.get(id)?.active !== true), ...groups.filter((id) => !live.has(id)), ...organisations.filter((id) => !orgs.has(id))];
  });
  const ids = new Map<string, string>();

  const createService = app.get(CreateServiceHandler);
  const propose = app.get(ProposeServiceGoLiveHandler);
  const service = async (id: string, input: ServiceDetailsInput, goLive: boolean) => {
    await createService.execute(new CreateServiceCommand(SYSTEM, input, id));
    if (goLive) await propose.execute(new ProposeServiceGoLiveCommand(SYSTEM, id));
    ids.set(id, id);
  };
  // Live before any steering policy exists: nothing to approve, they go live at once.
  await service('workplace', {
    name: 'Workplace',
    kind: 'business',
    ownerId: directory('u-cab-3'),
    offerings: [{ offeringId: 'workplace-standard', name: 'Standard workplace', availability: 'Mon-Fri 08:00-18:00 CET', supportGroupId: directory('service-desk'), slaDefinitionIds: [REQUEST_SLA], customerOrgIds: [directory('contoso'), directory('fabrikam')] }],
  }, true);
  await service('hosting', {
    name: 'Server hosting',
    kind: 'technical',
    ownerId: directory('u-problem-manager'),
    offerings: [{ offeringId: 'hosting-vm', name: 'Virtual servers', availability: '24x7', supportGroupId: directory('app-support'), slaDefinitionIds: [REQUEST_SLA, TAILSPIN_TASK_UC], customerOrgIds: [] }],
  }, true);
  await app.get(SaveGoLivePolicyHandler).execute(
    new SaveGoLivePolicyCommand(SYSTEM, {
      id: 'portfolio-steering',
      name: 'Portfolio steering',
      order: 1,
      active: true,
      appliesWhen: null,
      autoApproveWhen: null,
      levels: [{ name: 'Steering board', approvers: { groupIds: [], userIds: [directory('u-change-manager'), directory('u-cab-3')], roles: [] }, rule: { kind: 'all' }, mandatory: true }],
    }),
  );
  await service('collaboration', { name: 'Team collaboration', kind: 'business', ownerId: directory('u-cab-3'), offerings: [] }, true);

  const saveCategory = app.get(SaveCategoryHandler);
  const category = async (key: string, name: string, description: string) => {
    const saved = await saveCategory.execute(new SaveCategoryCommand(SYSTEM, null, { name, description }));
    ids.set(key, saved.id);
    return saved.id;
  };
  const saveRule = app.get(SaveEntitlementRuleHandler);
  const rule = async (key: string, name: string, input: { organisationIds?: string[]; organisationKinds?: string[] }) => {
    const saved = await saveRule.execute(new SaveEntitlementRuleCommand(SYSTEM, null, { name, ...input }));
    ids.set(key, saved.id);
    return saved.id;
  };
  const refs = {
    hardware: await category('hardware', 'Hardware', 'Laptops, monitors and accessories'),
    access: await category('access', 'Access', 'Roles in business applications'),
    infrastructure: await category('infrastructure', 'Infrastructure', 'Servers and hosting'),
    telephony: await category('telephony', 'Telephony', 'Phones and lines'),
    internalStaff: await rule('internal-staff', 'Internal staff', { organisationKinds: ['internal'] }),
    fabrikamStores: await rule('fabrikam-stores', "Fabrikam's stores", { organisationIds: [directory('fabrikam')] }),
  };

  const publish = app.get(PublishCatalogueItemHandler);
  for (const [key, draft] of [['laptop', laptopDraft(refs)], ['access', accessDraft(refs)], ['server', serverDraft(refs)], ['fax', faxDraft(refs)]] as const) {
    await publish.execute(new PublishCatalogueItemCommand(SYSTEM, draft, DEMO_ITEM_IDS[key]));
    ids.set(key, DEMO_ITEM_IDS[key]);
  }
  await app.get(RetireCatalogueItemHandler).execute(new RetireCatalogueItemCommand(SYSTEM, DEMO_ITEM_IDS.fax, 'Replaced by e-mail to fax'));
  await app.get(SaveCatalogueBundleHandler).execute(new SaveCatalogueBundleCommand(SYSTEM, null, newStarterBundle(refs), DEMO_BUNDLE_IDS.newStarter));
  await app.get(PublishCatalogueBundleHandler).execute(new PublishCatalogueBundleCommand(SYSTEM, DEMO_BUNDLE_IDS.newStarter));
  ids.set('new-starter', DEMO_BUNDLE_IDS.newStarter);
  return ids;
}
