import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Role } from '@shared/auth';

/** A message for everyone to see, as an i18n key (plain data, translated when shown). */
export interface NoticeInput {
  key: 'notices.forbidden' | 'notices.csrf' | 'notices.logoutFailed' | 'notices.localeFailed';
  /** A role named in the message, translated when shown. */
  role?: Role;
}

/** A notice on screen. */
export interface Notice extends NoticeInput {
  id: number;
}

/** App-wide notices (e.g. "your role may not do this"), shown under the header until dismissed. */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  let nextId = 1;

  /** Shows a notice; the same message twice is shown once. */
  function show(input: NoticeInput): void {
    if (notices.value.some((n) => n.key === input.key && n.role === input.role)) return;
    notices.value.push({ ...input, id: nextId++ });
  }

  /** Removes one notice. */
  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  /** Removes every notice. */
  function clear(): void {
    notices.value = [];
  }

  return { notices, show, dismiss, clear };
});
