/**
 * A small gazetteer for store tests: a department holding a commune holding a locality, so
 * containment can be checked without loading the real data.
 */
const parents: Record<string, string | null> = {
  ht: null,
  artibonite: 'ht',
  'saint-marc': 'artibonite',
  'pont-sonde': 'saint-marc',
  ouest: 'ht',
  'port-au-prince': 'ouest',
  delmas: 'port-au-prince',
  kenscoff: 'ouest',
};

const points: Record<string, { lat: number; lon: number }> = {
  'pont-sonde': { lat: 19.15, lon: -72.61 },
  'saint-marc': { lat: 19.11, lon: -72.69 },
  'port-au-prince': { lat: 18.54, lon: -72.34 },
  delmas: { lat: 18.55, lon: -72.3 },
  kenscoff: { lat: 18.45, lon: -72.29 },
};

export const testPlaces = {
  placePath(placeId: string): string[] {
    const path: string[] = [];
    let id: string | null | undefined = placeId;
    while (id !== null && id !== undefined && id in parents) {
      path.unshift(id);
      id = parents[id];
    }
    return path;
  },
  placePoint: (placeId: string) => points[placeId],
};
