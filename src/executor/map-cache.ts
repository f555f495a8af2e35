/**
 * Maps drawn lately, by what they show: a place asked about again while nothing changed there
 * (a busy hour, one place in the news) gets the same PNG without drawing it again, which costs
 * tens of milliseconds of CPU each time. Keyed by the map's content, so a changed map is drawn anew.
 */
import type { ViewMap } from '../core/view.ts';

export function cachedMaps(
  draw: (map: ViewMap) => Promise<Uint8Array>,
  size = 32,
): (map: ViewMap) => Promise<Uint8Array> {
  const drawn = new Map<string, Promise<Uint8Array>>();
  return (map) => {
    const key = JSON.stringify(map);
    const hit = drawn.get(key);
    if (hit !== undefined) {
      // Most recently used last: the oldest is the first to go.
      drawn.delete(key);
      drawn.set(key, hit);
      return hit;
    }
    const png = draw(map);
    drawn.set(key, png);
    png.catch(() => drawn.delete(key));
    if (drawn.size > size) drawn.delete(drawn.keys().next().value as string);
    return png;
  };
}

/**
 * Maps drawn through `draw`, once per ViewMap object: a View the executor shares between
 * identical questions carries one map, so its PNG crosses from the worker once.
 */
export function drawnOncePerMap(draw: (map: ViewMap) => Promise<Uint8Array>): (map: ViewMap) => Promise<Uint8Array> {
  const drawn = new WeakMap<ViewMap, Promise<Uint8Array>>();
  return (map) => {
    let png = drawn.get(map);
    if (png === undefined) {
      png = draw(map);
      drawn.set(map, png);
      png.catch(() => drawn.delete(map));
    }
    return png;
  };
}
