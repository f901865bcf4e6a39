// Distances and travel times between stores and warehouses: great-circle distance (haversine on a
// sphere of the Earth's mean radius) times a road factor, at a courier's average speed.

export interface GeoPoint {
  /** WGS84 latitude, degrees. */
  lat: number;
  /** WGS84 longitude, degrees. */
  lon: number;
}

/** IUGG mean Earth radius, km. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance, km. */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Road distance estimate, km: streets are longer than the straight line (the 1.3). */
export function roadKm(a: GeoPoint, b: GeoPoint, roadFactor: number): number {
  return greatCircleKm(a, b) * roadFactor;
}

/** Minutes to drive from a to b at speedKmh (no stop time). */
export function driveMin(a: GeoPoint, b: GeoPoint, speedKmh: number, roadFactor: number): number {
  return (roadKm(a, b, roadFactor) / speedKmh) * 60;
}

/** The mean position of some points (a default warehouse site: the stores' centroid). */
export function centroid(points: readonly GeoPoint[]): GeoPoint {
  if (points.length === 0) return { lat: 0, lon: 0 };
  let lat = 0;
  let lon = 0;
  for (const p of points) {
    lat += p.lat;
    lon += p.lon;
  }
  return { lat: lat / points.length, lon: lon / points.length };
}
