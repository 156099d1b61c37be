/** The actors of the SR-IOV story (reference, "Who talks to whom"). */

export interface ActorInfo {
  id: string;
  title: string;
  where: 'host' | 'guest';
}

export const ACTORS: readonly ActorInfo[] = [
  { id: 'VSTACK', title: 'Virtualization stack', where: 'host' },
  { id: 'NDIS', title: 'NDIS', where: 'host' },
  { id: 'PF', title: 'PF miniport', where: 'host' },
  { id: 'VSP', title: 'VPCI VSP', where: 'host' },
  { id: 'VSC', title: 'VPCI VSC', where: 'guest' },
  { id: 'NETVSC', title: 'NetVSC', where: 'guest' },
  { id: 'VF', title: 'VF miniport', where: 'guest' },
  { id: 'NETVSP', title: 'NetVSP (extensible switch)', where: 'host' },
];

const byId = new Map(ACTORS.map((a, i) => [a.id, { actor: a, order: i }]));

/**
 * Known actors are written upper-case, as the catalog's own string (not a copy
 * per event, which a trace of many open requests would multiply); other names
 * are kept as they are.
 */
export function normalizeActor(name: string): string {
  return byId.get(name.toUpperCase())?.actor.id ?? name;
}

export function actorTitle(id: string): string {
  return byId.get(id)?.actor.title ?? id;
}

/** The fixed, readable participant order of the diagrams; unknown actors go last. */
export function actorOrder(id: string): number {
  return byId.get(id)?.order ?? ACTORS.length;
}
