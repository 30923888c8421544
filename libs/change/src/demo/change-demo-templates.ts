import type { INestApplication } from '@nestjs/common';
import { CreateChangeTemplateCommand, CreateChangeTemplateHandler, PublishChangeTemplateCommand, PublishChangeTemplateHandler } from '../application/commands';
import type { TemplateDetails } from '../domain';
import type { ChangeDemoWorld } from './demo-references';

/** The demo's standard change templates: two published (web tier restart, OS patching by the hosting supplier), one draft. */
export async function seedDemoTemplates(app: INestApplication, world: ChangeDemoWorld): Promise<ReadonlyMap<string, string>> {
  const create = app.get(CreateChangeTemplateHandler);
  const publish = app.get(PublishChangeTemplateHandler);
  const specs: readonly (TemplateDetails & { readonly id: string; readonly published: boolean })[] = [
    {
      id: 'tpl-restart-web-tier',
      published: true,
      name: 'Restart web tier',
      title: 'Rolling restart of the web shop\'s web servers',
      description: 'Pre-approved: one node at a time behind the load balancer.',
      plans: { implementation: 'Drain web-01, restart, re-enable; then web-02.', backout: 'Re-enable the drained node unchanged.', test: 'Synthetic checkout passes on each node.' },
      configurationItemIds: [world.ci('web-01'), world.ci('web-02')],
      serviceIds: [world.ci('Web shop')],
      assignmentGroupId: world.group('app-support'),
      durationMinutes: 30,
    },
    {
      id: 'tpl-os-patching',
      published: true,
      name: 'Monthly OS patching',
      title: 'Monthly Linux patching of a hosted server',
      description: 'Pre-approved patch run by Tailspin Hosting.',
      plans: { implementation: 'Apply the monthly patch bundle and reboot.', backout: 'Boot the previous kernel; restore the snapshot.', test: 'Services up; monitoring green for 15 minutes.' },
      configurationItemIds: [world.ci('srv-001')],
      serviceIds: [],
      assignmentGroupId: world.group('hosting-ops'),
      durationMinutes: 120,
    },
    {
      id: 'tpl-rotate-tls',
      published: false,
      name: 'Rotate TLS certificate',
      title: 'Rotate the customer portal\'s TLS certificate',
      description: 'Draft: the test plan is still missing.',
      plans: { implementation: 'Install the new certificate on the ingress.', backout: 'Reinstall the previous certificate.', test: '' },
      configurationItemIds: [world.ci('customer-portal')],
      serviceIds: [world.ci('Customer portal')],
      assignmentGroupId: world.group('app-support'),
      durationMinutes: 20,
    },
  ];
  const ids = new Map<string, string>();
  for (const { id, published, ...details } of specs) {
    const template = await create.execute(new CreateChangeTemplateCommand(details, id));
    if (published) await publish.execute(new PublishChangeTemplateCommand(template.id));
    ids.set(details.name, template.id);
  }
  return ids;
}
