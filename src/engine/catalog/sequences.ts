/**
 * The documented orders the rules check against, as data (reference §1–§3).
 * Each step names the OID or lifecycle verb that fulfils it and who talks to whom.
 */
import type { LifecycleVerb } from '../types';
import { docsUrl } from './docs';

export type SequenceId = 'vf-teardown' | 'vf-setup' | 'switch';

export interface SequenceStep {
  id: string;
  title: string;
  /** The OID whose request fulfils the step. */
  oid?: string;
  /** The lifecycle verb that fulfils the step (and `moreVerbs`, other verbs that do too). */
  verb?: LifecycleVerb;
  moreVerbs?: LifecycleVerb[];
  /** For a DATAPATH event: the path the guest switched to. */
  path?: 'vf' | 'synthetic';
  /**
   * The id naming the VF's VPort the step acts on. VPort 0 is the PF's default
   * VPort: an event whose operand is 0 is never this VF's step.
   */
  vportOperand?: 'vport' | 'from' | 'to';
  /** For a filter move: the other end, which is the default VPort when the step is this one. */
  defaultEnd?: 'from' | 'to';
  /** The step is a VF's only when the event's VF is known (by its id, or through its VPort or filter). */
  needsVf?: boolean;
  /** The adapter's step, not a VF's: no VF event fulfils it (I1, the switch's creation, shown from the adapter). */
  adapterLevel?: boolean;
  from: string;
  to: string;
  /** Steps that may rightly not happen (no filters to move, guest not traced). */
  optional: boolean;
  /** Steps checked for order by the sequence's order rule. */
  ordered: boolean;
}

export interface DocumentedSequence {
  id: SequenceId;
  title: string;
  page: string;
  docs: string;
  steps: SequenceStep[];
}

const TEARDOWN_PAGE = 'virtual-function-teardown-sequence';
const SETUP_PAGE = 'virtual-function-initialization-sequence';

export const VF_TEARDOWN: DocumentedSequence = {
  id: 'vf-teardown',
  title: 'VF teardown',
  page: TEARDOWN_PAGE,
  docs: docsUrl(TEARDOWN_PAGE),
  steps: [
    { id: 'G1', title: 'VSTACK notifies the VPCI VSP that the VF goes', verb: 'NOTIFY', from: 'VSTACK', to: 'VSP', optional: true, ordered: false },
    {
      id: 'G2',
      title: 'VSP asks the VSC to remove the VF adapter',
      verb: 'REMOVE_VF',
      moreVerbs: ['SURPRISE_REMOVE'],
      from: 'VSP',
      to: 'VSC',
      optional: true,
      ordered: false,
    },
    { id: 'G3', title: 'NetVSC unbinds; the VF miniport is halted', verb: 'UNBIND', moreVerbs: ['HALT'], from: 'NETVSC', to: 'VF', optional: true, ordered: false },
    { id: 'G4', title: 'guest traffic on the synthetic data path', verb: 'DATAPATH', path: 'synthetic', from: 'NETVSC', to: 'NETVSP', optional: true, ordered: false },
    {
      id: 'T1',
      title: "move the filters off the VF's VPort",
      oid: 'OID_RECEIVE_FILTER_MOVE_FILTER',
      vportOperand: 'from',
      defaultEnd: 'to',
      needsVf: true,
      from: 'VSTACK',
      to: 'PF',
      optional: true,
      ordered: true,
    },
    {
      id: 'T2',
      title: "delete the VF's VPort",
      oid: 'OID_NIC_SWITCH_DELETE_VPORT',
      vportOperand: 'vport',
      needsVf: true,
      from: 'VSTACK',
      to: 'PF',
      optional: false,
      ordered: true,
    },
    { id: 'T3', title: 'reset the VF (FLR)', oid: 'OID_SRIOV_RESET_VF', from: 'VSTACK', to: 'PF', optional: false, ordered: true },
    { id: 'T4', title: 'free the VF', oid: 'OID_NIC_SWITCH_FREE_VF', from: 'VSTACK', to: 'PF', optional: false, ordered: true },
  ],
};

export const VF_SETUP: DocumentedSequence = {
  id: 'vf-setup',
  title: 'VF initialization',
  page: SETUP_PAGE,
  docs: docsUrl(SETUP_PAGE),
  steps: [
    // I1 is the adapter's: the checklist shows the switch creation seen before the VF's setup.
    { id: 'I1', title: 'NDIS creates the NIC switch', oid: 'OID_NIC_SWITCH_CREATE_SWITCH', adapterLevel: true, from: 'NDIS', to: 'PF', optional: true, ordered: true },
    { id: 'I2', title: 'allocate the VF', oid: 'OID_NIC_SWITCH_ALLOCATE_VF', from: 'VSTACK', to: 'PF', optional: false, ordered: true },
    {
      id: 'I3',
      title: 'create the VPort attached to the VF',
      oid: 'OID_NIC_SWITCH_CREATE_VPORT',
      vportOperand: 'vport',
      needsVf: true,
      from: 'VSTACK',
      to: 'PF',
      optional: false,
      ordered: true,
    },
    {
      id: 'I4',
      title: "move the filters to the VF's VPort",
      oid: 'OID_RECEIVE_FILTER_MOVE_FILTER',
      vportOperand: 'to',
      defaultEnd: 'from',
      needsVf: true,
      from: 'VSTACK',
      to: 'PF',
      optional: true,
      ordered: true,
    },
    {
      id: 'I4b',
      title: "set a filter on the VF's VPort",
      oid: 'OID_RECEIVE_FILTER_SET_FILTER',
      vportOperand: 'vport',
      needsVf: true,
      from: 'VSTACK',
      to: 'PF',
      optional: true,
      ordered: true,
    },
    {
      id: 'I5',
      title: 'the VF is exposed in the guest; its miniport initializes',
      verb: 'ADD_VF',
      moreVerbs: ['INIT'],
      from: 'VSP',
      to: 'VSC',
      optional: true,
      ordered: true,
    },
    {
      id: 'I6',
      title: 'NetVSC binds; guest traffic on the VF data path',
      verb: 'BIND',
      moreVerbs: ['DATAPATH'],
      path: 'vf',
      from: 'NETVSC',
      to: 'VF',
      optional: true,
      ordered: true,
    },
  ],
};

export const SWITCH_LIFECYCLE: DocumentedSequence = {
  id: 'switch',
  title: 'NIC switch',
  page: 'deleting-a-nic-switch',
  docs: docsUrl('deleting-a-nic-switch'),
  steps: [
    { id: 'S1', title: 'NDIS creates the NIC switch', oid: 'OID_NIC_SWITCH_CREATE_SWITCH', from: 'NDIS', to: 'PF', optional: true, ordered: true },
    {
      id: 'S2',
      title: 'NDIS deletes the NIC switch (after every VF is freed)',
      oid: 'OID_NIC_SWITCH_DELETE_SWITCH',
      from: 'NDIS',
      to: 'PF',
      optional: true,
      ordered: true,
    },
  ],
};

export const SEQUENCES: readonly DocumentedSequence[] = [VF_TEARDOWN, VF_SETUP, SWITCH_LIFECYCLE];

export function sequenceById(id: SequenceId): DocumentedSequence {
  return id === 'vf-teardown' ? VF_TEARDOWN : id === 'vf-setup' ? VF_SETUP : SWITCH_LIFECYCLE;
}

/** Where an OID stands in the documented sequences, e.g. "T3 of the VF teardown". */
export function placesOfOid(oid: string): Array<{ sequence: DocumentedSequence; step: SequenceStep }> {
  const places: Array<{ sequence: DocumentedSequence; step: SequenceStep }> = [];
  for (const sequence of SEQUENCES) {
    for (const step of sequence.steps) if (step.oid === oid) places.push({ sequence, step });
  }
  return places;
}

/** The order index of a step id in its sequence (for comparisons). */
export function stepOrder(sequence: DocumentedSequence, stepId: string): number {
  return sequence.steps.findIndex((s) => s.id === stepId);
}
