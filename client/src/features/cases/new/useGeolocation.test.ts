import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import { useGeolocation } from './useGeolocation';

type Success = (p: GeolocationPosition) => void;
type Failure = (e: GeolocationPositionError) => void;

function fakeGeolocation() {
  const asks: { ok: Success; fail: Failure; options?: PositionOptions }[] = [];
  return {
    asks,
    getCurrentPosition: (ok: Success, fail?: Failure | null, options?: PositionOptions) => void asks.push({ ok, fail: fail!, options }),
  };
}

const fix = (lon: number, lat: number, accuracy: number) => ({ coords: { longitude: lon, latitude: lat, accuracy } }) as GeolocationPosition;

describe('useGeolocation', () => {
  it('asks for a high-accuracy fix and reports it with its accuracy in metres', async () => {
    const geolocation = fakeGeolocation();
    const scope = effectScope();
    const geo = scope.run(() => useGeolocation({ geolocation }))!;

    const located = geo.locate();
    expect(geo.status.value).toBe('locating');
    expect(geolocation.asks[0]!.options).toMatchObject({ enableHighAccuracy: true });
    geolocation.asks[0]!.ok(fix(120.1652, 30.2455, 11.6));

    await expect(located).resolves.toEqual({ lon: 120.1652, lat: 30.2455, accuracyM: 12 });
    expect(geo.status.value).toBe('ready');
    scope.stop();
  });

  it('names the failure and can retry', async () => {
    const geolocation = fakeGeolocation();
    const scope = effectScope();
    const geo = scope.run(() => useGeolocation({ geolocation }))!;

    const denied = geo.locate();
    geolocation.asks[0]!.fail({ code: 1 } as GeolocationPositionError);
    await expect(denied).resolves.toBeNull();
    expect([geo.status.value, geo.failure.value]).toEqual(['error', 'denied']);

    const retried = geo.locate();
    expect(geo.failure.value).toBeNull();
    geolocation.asks[1]!.fail({ code: 3 } as GeolocationPositionError);
    await retried;
    expect(geo.failure.value).toBe('timeout');
    scope.stop();
  });

  it('says so when the browser has no Geolocation API', async () => {
    const scope = effectScope();
    const geo = scope.run(() => useGeolocation({ geolocation: null }))!;
    await expect(geo.locate()).resolves.toBeNull();
    expect(geo.failure.value).toBe('unsupported');
    scope.stop();
  });
});
