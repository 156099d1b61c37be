/**
 * A Linux guest's own order (hv_netvsc, hv_pci, the VF driver). The VF arrives:
 * slot added -> PCI probe -> registering and joined -> data path switched to the
 * VF; it goes: switched from the VF -> unregistering -> slot removed.
 *
 * Registering and joined both answer the VF's interface registration, in either
 * order: today's netvsc_register_vf() says "VF registering" and then joins, 4.x
 * kernels join ("joined to eth0") and then say it. Their "VF up" / "VF down"
 * announce a switch and repeat with every flap: no order is asked of them.
 *
 * The host's association (slot added) may come late, after the VF has
 * registered and joined: NetVSC then waits for it ("Waiting for the VF
 * association from host") and only the switch to the VF must follow it. A step
 * is reported when a step it must follow appears after it in the same episode;
 * a step that never appears is not (a grep for hv_netvsc drops the hv_pci and
 * VF driver lines).
 */
import { docsUrl } from '../catalog/docs';
import { type GuestStep, guestStep, guestText } from '../dialects/linux-guest';
import type { TraceEvent } from '../types';
import { defineRule, relatedTo } from './rule';

/** What each step must follow, the nearest first. */
const FOLLOWS: Partial<Record<GuestStep, GuestStep[]>> = {
  registering: ['pci-probe'],
  joined: ['pci-probe'],
  'switched-to-vf': ['joined', 'registering', 'pci-probe', 'slot-added'],
  unregistering: ['switched-from-vf'],
  'slot-removed': ['unregistering', 'switched-from-vf'],
};

const ARRIVAL = 'VF slot N added -> PCI VMBus probing -> VF registering and joined (either first) -> Data path switched to VF';
const DEPARTURE = 'Data path switched from VF -> VF unregistering -> VF slot N removed';

const label = (ev: TraceEvent) => `${guestText(ev)} (line ${ev.line})`;

export default defineRule({
  meta: {
    id: 'guest-order',
    description:
      "A Linux guest's VF steps out of their order: slot added, PCI probe, registering, joined, switched to the VF; switched from the VF, unregistering, slot removed.",
    defaultSeverity: 'warning',
    page: 'virtual-function-initialization-sequence',
  },
  create(context) {
    return {
      episodeEnd(record) {
        const events = record.events.filter((e) => guestStep(e) !== undefined && e.kind === 'lifecycle');
        events.sort((a, b) => a.index - b.index);
        // From the end back: the nearest later event of each step, so each event is checked in constant time.
        const next = new Map<GuestStep, TraceEvent>();
        const found: Array<{ ev: TraceEvent; step: GuestStep; later: TraceEvent; before: GuestStep }> = [];
        for (let i = events.length - 1; i >= 0; i--) {
          const ev = events[i]!;
          const step = guestStep(ev)!;
          for (const before of FOLLOWS[step] ?? []) {
            const later = next.get(before);
            if (later) {
              found.push({ ev, step, later, before });
              break;
            }
          }
          next.set(step, ev);
        }
        for (const { ev, step, later, before } of found.reverse()) {
          const arriving = step === 'registering' || step === 'joined' || step === 'switched-to-vf';
          const why =
            before === 'slot-added'
              ? 'NetVSC switches to the VF only once the host has associated it (it waits: "Waiting for the VF association from host")'
              : `a Linux guest's VF ${arriving ? `arrives in the order ${ARRIVAL}` : `goes in the order ${DEPARTURE}`}`;
          context.report({
            event: ev,
            docs: docsUrl(arriving ? 'virtual-function-initialization-sequence' : 'sr-iov-vf-failover-and-live-migration-support'),
            note: `should follow ${guestText(later)} (line ${later.line})`,
            message: `${guestText(ev)} came before ${label(later)}; ${why}`,
            related: [relatedTo(later, `${guestText(later)} should come first`)],
          });
        }
      },
    };
  },
});
