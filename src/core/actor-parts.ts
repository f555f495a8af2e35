/**
 * An actor with its parts: the mission with its contingents, "gangs" with each gang. Events name
 * the most precise actor reported ("mss-kenya"), so a filter on the whole ("mss") asks the store
 * for the whole and every part under it.
 */
import type { Actor } from './schemas.ts';

export function actorWithParts(actors: ReadonlyMap<string, Actor>, actorId: string): string[] {
  const ids = [actorId];
  // Breadth first over parentId links; `ids` doubles as the visited set, so a cycle in the data ends.
  for (let i = 0; i < ids.length; i++) {
    for (const actor of actors.values()) {
      if (actor.parentId === ids[i] && !ids.includes(actor.id)) ids.push(actor.id);
    }
  }
  return ids;
}
