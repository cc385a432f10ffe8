import { IconAdjustments, IconChartBar, IconGavel } from '@tabler/icons-react';
import { can, type WorkspaceRole } from '@corroborate/contracts';

/** The review pages' entries in the workspace navigation, in the shape `WorkspaceNav` lists. */
export function reviewNavLinks(base: string, pathname: string, role: WorkspaceRole | null) {
  return [
    {
      to: `${base}/review`,
      label: 'Review queue',
      icon: IconGavel,
      active: pathname.startsWith(`${base}/review`) && !pathname.startsWith(`${base}/review-settings`),
      show: role !== null && can.review(role),
    },
    {
      to: `${base}/agreement`,
      label: 'Agreement',
      icon: IconChartBar,
      active: pathname.startsWith(`${base}/agreement`),
      show: role !== null && can.decide(role),
    },
    {
      to: `${base}/review-settings`,
      label: 'Review settings',
      icon: IconAdjustments,
      active: pathname.startsWith(`${base}/review-settings`),
      show: true,
    },
  ];
}
