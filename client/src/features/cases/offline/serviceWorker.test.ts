import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { syncUserCaches } from './serviceWorker';

const settle = async () => {
  await nextTick();
  await new Promise((r) => setTimeout(r, 0));
};

function fakes() {
  const deleted: string[] = [];
  const fetched: string[] = [];
  return {
    deleted,
    fetched,
    caches: { delete: async (name: string) => (deleted.push(name), true) },
    fetch: async (url: string) => void fetched.push(url),
  };
}

describe('syncUserCaches', () => {
  it('fills the offline copies through the service worker once a user is signed in under it', async () => {
    const user = ref<number | null>(null);
    const controlled = ref(false);
    const f = fakes();
    const stop = syncUserCaches({ userId: () => user.value, controlled: () => controlled.value, caches: f.caches, fetch: f.fetch });
    await settle();
    expect(f.fetched).toEqual([]);

    user.value = 3;
    await settle();
    expect(f.fetched, 'nothing while no service worker controls the page').toEqual([]);

    controlled.value = true;
    await settle();
    expect(f.fetched).toEqual(['/api/auth/me', '/api/cases/categories']);
    expect(f.deleted).toEqual([]);
    stop();
  });

  it('empties the user’s caches on sign-out and when another user signs in, never the app shell', async () => {
    const user = ref<number | null>(3);
    const f = fakes();
    const stop = syncUserCaches({ userId: () => user.value, controlled: () => true, caches: f.caches, fetch: f.fetch });
    await settle();

    user.value = null;
    await settle();
    expect(f.deleted).toEqual(['qingbo-user-v1', 'qingbo-map-v1']);

    user.value = 4;
    await settle();
    expect(f.deleted, 'from nobody to someone: nothing to empty').toHaveLength(2);

    user.value = 5;
    await settle();
    expect(f.deleted).toEqual(['qingbo-user-v1', 'qingbo-map-v1', 'qingbo-user-v1', 'qingbo-map-v1']);
    stop();
  });
});
