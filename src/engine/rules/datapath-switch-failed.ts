/**
 * A Linux guest's "Data path failed to switch to|from VF: IFACE, err: N": the
 * data path stayed where it was. Failing to switch to the VF leaves the traffic
 * on the slower synthetic path; failing to switch from it leaves the traffic
 * on a VF that is about to go.
 */
import { describeErrno } from '../catalog/errno';
import { docsUrl } from '../catalog/docs';
import { defineRule } from './rule';
import { clip } from '../text/clip';

export default defineRule({
  meta: {
    id: 'datapath-switch-failed',
    description: "A Linux guest failed to switch its data path to or from the VF (with the errno's name).",
    defaultSeverity: 'warning',
    page: 'sr-iov-vf-failover-and-live-migration-support',
  },
  create(context) {
    return {
      event(ev) {
        if (ev.kind !== 'lifecycle' || ev.verb !== 'DATAPATH' || ev.attrs.err === undefined) return;
        const toVf = ev.attrs.path !== 'synthetic';
        const vfIface = ev.attrs.vfIface ? ` ${clip(ev.attrs.vfIface)}` : '';
        const slot = ev.ids.vf !== undefined ? ` (VF slot ${ev.ids.vf})` : '';
        context.report({
          event: ev,
          docs: docsUrl(toVf ? 'virtual-function-initialization-sequence' : 'sr-iov-vf-failover-and-live-migration-support'),
          note: `err ${describeErrno(ev.attrs.err)}`,
          message:
            `the data path failed to switch ${toVf ? 'to' : 'from'} the VF${vfIface}${slot}: err ${describeErrno(ev.attrs.err)}; ` +
            (toVf ? 'the traffic stays on the synthetic path' : 'the traffic stays on the VF, and is cut if the VF goes now'),
        });
      },
    };
  },
});
