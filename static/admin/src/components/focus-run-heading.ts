/** Moves focus to the run's heading once it renders, so the keyboard is not dropped on the page. */
export function focusRunHeading(): void {
  window.requestAnimationFrame(() => document.getElementById('run-heading')?.focus());
}
