import { useState } from 'preact/hooks';

/** A state kept in localStorage, so a reload keeps the same traveler and phone style. */
export function useStoredState<T extends string>(key: string, initial: () => T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = localStorage.getItem(key) as T | null;
    if (stored) return stored;
    const first = initial();
    localStorage.setItem(key, first);
    return first;
  });
  return [
    value,
    (next: T) => {
      localStorage.setItem(key, next);
      setValue(next);
    },
  ];
}
