/** The rule registry: every rule module, keyed by its stable id. */
import datapathSwitchFailed from './datapath-switch-failed';
import filtersNotMoved from './filters-not-moved';
import guestOrder from './guest-order';
import oidFailed from './oid-failed';
import oidPending from './oid-pending';
import type { Rule } from './rule';
import setupOrder from './setup-order';
import stepSlow from './step-slow';
import surpriseRemoval from './surprise-removal';
import switchInUse from './switch-in-use';
import syntax from './syntax';
import teardownMissingStep from './teardown-missing-step';
import teardownOrder from './teardown-order';
import unknownOid from './unknown-oid';
import vfActivityAfterRemoval from './vf-activity-after-removal';
import vfLost from './vf-lost';
import vfNeverRegistered from './vf-never-registered';
import vfNotAllocated from './vf-not-allocated';
import vfStillInUse from './vf-still-in-use';
import vportPerVf from './vport-per-vf';
import vportsStillAttached from './vports-still-attached';

export const RULES: readonly Rule[] = [
  teardownOrder,
  teardownMissingStep,
  vfStillInUse,
  filtersNotMoved,
  vportsStillAttached,
  vfNotAllocated,
  setupOrder,
  switchInUse,
  vportPerVf,
  guestOrder,
  vfLost,
  vfNeverRegistered,
  vfActivityAfterRemoval,
  datapathSwitchFailed,
  surpriseRemoval,
  oidFailed,
  oidPending,
  stepSlow,
  unknownOid,
  syntax,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);

const byId = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export type { Rule, RuleMeta } from './rule';
export { ruleDocs } from './rule';
