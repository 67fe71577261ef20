import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { usePlannerStore } from './plannerStore';

describe('usePlannerStore: who gets map clicks', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('pauses feature selection while editing, measuring or any tool claims clicks', () => {
    const planner = usePlannerStore();
    expect(planner.selectionPaused).toBe(false);

    planner.claimClicks('nearest', true);
    planner.claimClicks('stats', true);
    planner.claimClicks('nearest', true);
    expect(planner.clickClaims).toEqual(['stats', 'nearest']);
    planner.claimClicks('nearest', false);
    expect(planner.selectionPaused).toBe(true);
    planner.claimClicks('stats', false);
    expect(planner.selectionPaused).toBe(false);

    planner.measuring = true;
    expect(planner.selectionPaused).toBe(true);
    planner.measuring = false;
    planner.editing = true;
    expect(planner.selectionPaused).toBe(true);
  });
});
