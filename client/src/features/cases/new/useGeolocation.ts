import { onScopeDispose, ref, type Ref } from 'vue';

/** A device position: WGS84 (as browsers give it) with its accuracy radius in metres. */
export interface DevicePosition {
  lon: number;
  lat: number;
  accuracyM: number;
}

/** Why no position came: permission denied, no fix, too slow, or no Geolocation API at all. */
export type GeolocationFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** Options of `useGeolocation`. */
export interface UseGeolocationOptions {
  /** The Geolocation API; the browser's by default (tests pass a fake). */
  geolocation?: Pick<Geolocation, 'getCurrentPosition'> | null;
  /** Milliseconds to wait for a fix. */
  timeout?: number;
  /** Accept a cached fix this many milliseconds old. */
  maximumAge?: number;
}

/** What `useGeolocation` returns. */
export interface GeolocationState {
  status: Ref<'idle' | 'locating' | 'ready' | 'error'>;
  position: Ref<DevicePosition | null>;
  failure: Ref<GeolocationFailure | null>;
  /** Asks the device for a fresh position (also the retry). */
  locate(): Promise<DevicePosition | null>;
}

const FAILURES: Record<number, GeolocationFailure> = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

/**
 * One-shot high-accuracy device location with its accuracy, for filing a case where one stands.
 * Nothing is asked until `locate()`; an answer that arrives after the scope is gone is ignored.
 */
export function useGeolocation(options: UseGeolocationOptions = {}): GeolocationState {
  const geolocation = options.geolocation === undefined ? globalThis.navigator?.geolocation : options.geolocation;
  const status = ref<'idle' | 'locating' | 'ready' | 'error'>('idle');
  const position = ref<DevicePosition | null>(null);
  const failure = ref<GeolocationFailure | null>(null);
  let request = 0;
  let disposed = false;

  function locate(): Promise<DevicePosition | null> {
    const asked = ++request;
    if (!geolocation) {
      status.value = 'error';
      failure.value = 'unsupported';
      return Promise.resolve(null);
    }
    status.value = 'locating';
    failure.value = null;
    return new Promise((resolve) => {
      geolocation.getCurrentPosition(
        (p) => {
          if (disposed || asked !== request) return resolve(null);
          position.value = { lon: p.coords.longitude, lat: p.coords.latitude, accuracyM: Math.round(p.coords.accuracy) };
          status.value = 'ready';
          resolve(position.value);
        },
        (e) => {
          if (disposed || asked !== request) return resolve(null);
          status.value = 'error';
          failure.value = FAILURES[e.code] ?? 'unavailable';
          resolve(null);
        },
        { enableHighAccuracy: true, timeout: options.timeout ?? 15_000, maximumAge: options.maximumAge ?? 10_000 },
      );
    });
  }

  onScopeDispose(() => {
    disposed = true;
  });

  return { status, position, failure, locate };
}
