import { useCallback, useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'lkdash-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const listeners = new Set<() => void>();
// This page's choice; survives even when storage is blocked.
let chosen: Theme | null = null;

function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage blocked (privacy settings): follow the system
  }
}

function systemTheme(): Theme {
  return window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}

function resolvedTheme(): Theme {
  return chosen ?? storedTheme() ?? systemTheme();
}

/** Sets `data-theme` before the first render so the page never flashes the wrong colours. */
export function applyTheme(): void {
  document.documentElement.dataset.theme = resolvedTheme();
}

function notify() {
  applyTheme();
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const media = window.matchMedia?.(DARK_QUERY);
  media?.addEventListener('change', notify);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    chosen = null; // another tab toggled: its stored choice wins
    notify();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    media?.removeEventListener('change', notify);
    window.removeEventListener('storage', onStorage);
  };
}

/** The theme in force (stored choice, else the system's) and a toggle that persists the choice. */
export function useTheme() {
  const theme = useSyncExternalStore(subscribe, resolvedTheme);
  const toggle = useCallback(() => {
    chosen = resolvedTheme() === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(STORAGE_KEY, chosen);
    } catch {
      // Not persisted, but still applied for this page.
    }
    notify();
  }, []);
  return { theme, toggle };
}
