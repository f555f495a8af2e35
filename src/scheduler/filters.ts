/**
 * A subscription's place and category filters, with the digest's meaning: an event is at a
 * place when it or one of its place claims is at that place or inside it.
 */
import type { Gazetteer } from '../core/places.ts';
import type { Event } from '../core/schemas.ts';
import type { Subscription } from '../core/subscription-port.ts';

export function matchesFilters(
  subscription: Pick<Subscription, 'placeId' | 'category'>,
  event: Event,
  gazetteer: Gazetteer,
): boolean {
  if (subscription.category && event.category !== subscription.category) return false;
  const filter = subscription.placeId;
  if (!filter) return true;
  const places = [event.place.placeId, ...event.claims.map((c) => c.placeId)];
  return places.some((p) => p !== undefined && gazetteer.contains(filter, p));
}
