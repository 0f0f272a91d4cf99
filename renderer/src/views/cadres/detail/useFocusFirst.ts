import { useEffect, useRef } from 'react';

/** Puts the keyboard in the first field of a form that has just opened, so it can be filled without the mouse. */
export function useFocusFirst<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
  }, []);
  return ref;
}
