/** A completion with a failure status, and what the failure means for the sequence. */
import { oidByName } from '../catalog/oids';
import { statusByCode } from '../catalog/statuses';
import { describe } from './describe';
import { defineRule, oidDocs, relatedTo } from './rule';

export default defineRule({
  meta: {
    id: 'oid-failed',
    description: 'An OID request completed with a failure status.',
    defaultSeverity: 'warning',
    page: 'oid-sriov-reset-vf',
  },
  create(context) {
    return {
      event(ev) {
        if (ev.kind !== 'completion' || !ev.status || ev.status.ok) return;
        const status = ev.status;
        const hex = status.code === undefined ? '' : ` (0x${status.code.toString(16).toUpperCase().padStart(8, '0')})`;
        const name = status.name.startsWith('0x') ? status.name : status.name + hex;
        const meaning = ev.oid ? oidByName(ev.oid)?.failureMeans : undefined;
        const statusMeaning = status.code !== undefined ? statusByCode(status.code)?.meaning : undefined;
        const request = ev.pair !== undefined ? context.model.eventAt(ev.pair) : undefined;
        context.report({
          event: ev,
          docs: oidDocs(ev.oid),
          message: `${describe(ev, false)} failed with ${name}` + (statusMeaning ? `, ${statusMeaning}` : '') + (meaning ? `: ${meaning}` : ''),
          related: request ? [relatedTo(request, 'the request this completes')] : [],
        });
      },
    };
  },
});
