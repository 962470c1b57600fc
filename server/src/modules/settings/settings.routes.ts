import { SlaOverride, SlaSettings } from '@wbt/shared';
import type { RouteTable } from '../../http/route';
import type { SettingsService } from './settings.service';

export function settingsRoutes(routes: RouteTable, settings: SettingsService): void {
  routes.add({
    method: 'get', path: '/api/settings/sla', audit: 'none', summary: '本县时限设置（含默认值）', tags: ['settings'], auth: 'staff', response: SlaSettings,
    handler: ({ actor }) => settings.slaFor(actor),
  });
  routes.add({
    method: 'put', path: '/api/settings/sla', summary: '修改本县时限设置', tags: ['settings'], auth: ['county_admin'],
    body: SlaOverride, response: SlaSettings,
    handler: ({ actor, body }) => settings.updateSla(actor, body),
  });
}
