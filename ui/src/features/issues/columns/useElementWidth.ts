import { useCallback, useLayoutEffect, useState } from "react";

/**
 * A ref callback and the element's inner width in px (without borders or scroll bar), kept
 * current as it resizes; `null` until it is laid out (or where nothing lays out, as in
 * jsdom), so callers can choose a sensible default. A callback rather than a ref object so
 * an element that mounts later is measured too.
 */
export function useElementWidth(): [(el: HTMLElement | null) => void, number | null] {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  const ref = useCallback((el: HTMLElement | null) => setElement(el), []);
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => setWidth(element.clientWidth > 0 ? element.clientWidth : null);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [ref, width];
}
