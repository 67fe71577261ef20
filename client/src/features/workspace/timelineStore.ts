import { defineStore } from 'pinia';
import { ref } from 'vue';
import { isDate } from './dates';

/** The time slider's date on /map (`YYYY-MM-DD`), or null for "today": everything as stored. */
export const useTimelineStore = defineStore('timeline', () => {
  const date = ref<string | null>(null);

  /** Sets the date the map shows the district as of; anything but a real `YYYY-MM-DD` switches the slider off. */
  function setDate(next: string | null | undefined): void {
    date.value = isDate(next) ? next : null;
  }

  return { date, setDate };
});
