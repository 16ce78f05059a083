import type { IncidentRelations } from './incidents.repository.js';

/**
 * What an incident's history compares besides its own fields: its relations, each as one line
 * of text, so that an edit and an actor merge record the same way who took part.
 */

/** An incident's actors as one line ("actor1:fama associated2:wagner_group"), the same whatever the order they come in. */
export function actorsLine(actors: readonly { role: string; actor_code: string }[]): string {
  return actors
    .map((a) => `${a.role}:${a.actor_code}`)
    .sort()
    .join(' ');
}

export function flatRelations(r: IncidentRelations) {
  return {
    actors: actorsLine(r.actors),
    shared_with: [...r.shares].sort().join(' '),
    links: [...r.links].sort().join(' '),
  };
}
