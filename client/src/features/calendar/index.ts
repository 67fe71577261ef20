import { defineAsyncComponent } from 'vue';

/** The working calendar's pages, loaded when their route is first visited. */
export const calendarPages = {
  /** `/admin/calendar`: an admin edits one year's holidays and make-up working days. */
  calendar: () => import('./CalendarPage.vue'),
};

/** The admin pages' warning when the current or next year has no calendar (its own chunk, loaded on those pages only). */
export const CalendarWarning = defineAsyncComponent(() => import('./CalendarWarning.vue'));
