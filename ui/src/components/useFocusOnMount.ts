import { useEffect, useRef } from "react";

/**
 * Moves keyboard focus to the element (a step's heading) when it appears, so screen readers
 * announce the new step and Tab continues from there. The element needs `tabIndex={-1}`.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
