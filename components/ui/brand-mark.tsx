/**
 * Calm Triage's mark: an inbox tray with a check above it, on the product's accent blue.
 * The toolbar icons in public/icon/ are rendered from this same component by scripts/render-icons.ts,
 * so the panel, popup, options page and the Chrome toolbar show one mark. Strokes are thick so it reads at 16 px.
 */
export const BRAND_ACCENT = '#2f5d8a';

export function BrandMark({ size = 24, title }: { size?: number; title?: string }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size}
      height={size}
      viewBox="0 0 128 128"
      role={title ? 'img' : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
      focusable="false"
      data-brand-mark=""
    >
      <rect x="4" y="4" width="120" height="120" rx="28" fill={BRAND_ACCENT} />
      <path d="M22 70 H44 L52 84 H76 L84 70 H106 V98 Q106 106 98 106 H30 Q22 106 22 98 Z" fill="#fff" />
      <path d="M42 44 L58 58 L88 26" fill="none" stroke="#fff" strokeWidth="13" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
