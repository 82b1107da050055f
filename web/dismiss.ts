// A <details> used as a popover menu closes the way popovers do: Esc (focus back on its summary) or a click outside.
export function dismissible(details: HTMLDetailsElement): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !details.open) return;
    details.open = false;
    if (details.contains(document.activeElement)) details.querySelector('summary')?.focus();
  };
  const onPointer = (event: PointerEvent) => {
    if (details.open && !details.contains(event.target as Node)) details.open = false;
  };
  document.addEventListener('keydown', onKey);
  // Capture: the canvas stops the pointer events it handles from bubbling.
  document.addEventListener('pointerdown', onPointer, true);
  return () => {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('pointerdown', onPointer, true);
  };
}
