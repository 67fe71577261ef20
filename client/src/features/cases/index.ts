import { defineAsyncComponent } from 'vue';

export { fetchCase } from './api';
export { useCategoriesStore } from './categoriesStore';
export type { CaseDetail } from './types';
export { MAX_PHOTO_BYTES, photoProblem } from './photoApi';
export { CASE_FILERS, CASE_ROLES } from './roles';
export { useCaseEvents, type EventSourceLike, type LiveStatus } from './useCaseEvents';
export { useCaseLabels } from './useCaseLabels';
export type { OutboxState } from './offline/outbox';
export { default as OutboxSync } from './offline/OutboxSync.vue';
export { installOfflineSupport } from './offline/serviceWorker';
export { default as UpdateNotice } from './offline/UpdateNotice.vue';
export type { QueueKey } from './queue/tabs';

/** The case pages, loaded when their route is first visited (each its own chunk). */
export const casePages = {
  /** `/cases`: the work queues. */
  queue: () => import('./queue/CasesPage.vue'),
  /** `/cases/new`: filing a case. */
  new: () => import('./new/CaseNewPage.vue'),
  /** `/cases/:id`: one case, its actions and history. */
  case: () => import('./page/CasePage.vue'),
  /** `/admin/categories`: the case category catalogue. */
  categories: () => import('./admin/CategoriesAdminPage.vue'),
};

/**
 * A case's next actions (dispatch, register, …) with their forms, for pages other than the case page
 * (the map's details panel): props `detail` (from `fetchCase`) and `locked`; emits `done` and `stale`.
 * Loaded when first shown.
 */
export const CaseActionsPanel = defineAsyncComponent(() => import('./page/CaseActions.vue'));
