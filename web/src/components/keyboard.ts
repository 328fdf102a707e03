import { useEffect, useRef } from 'react';

/** Listens to key presses on the whole window for as long as the component is mounted. */
export function useWindowKeyDown(handler: (event: KeyboardEvent) => void): void {
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  useEffect(() => {
    function listen(event: KeyboardEvent) {
      handlerRef.current(event);
    }
    window.addEventListener('keydown', listen);
    return () => window.removeEventListener('keydown', listen);
  }, []);
}

/** Whether a key press goes into a field (so a plain letter is text, not a shortcut). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * `Alt+<key>` by physical key (`event.code`), because on macOS Option+letter types a symbol (Option+L is "¬").
 * `key` is a letter (`KeyL`) or a digit (`Digit1`) code.
 */
export function isAltShortcut(event: KeyboardEvent, code: string): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === code;
}

export function isSubmitShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key === 'Enter';
}
