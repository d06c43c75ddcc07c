import { useEffect } from 'react';

let pending = false;

/**
 * Asks for the run's heading to take focus once it is rendered (after Preview, Sync now or an
 * approval the pressed button goes away or is disabled, and the keyboard must not drop to the page).
 */
export function focusRunHeading(): void {
  pending = true;
}

/** Called by the run view that has the heading: gives it the focus asked for, once. */
export function useRunHeadingFocus(headingId: string | undefined): void {
  useEffect(() => {
    if (!pending || !headingId) return;
    const heading = document.getElementById(headingId);
    if (!heading) return;
    heading.focus();
    pending = false;
  });
}
