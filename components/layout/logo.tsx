/** The Burnrate mark: a flame drawn in SVG (no emoji font needed) and the name. */
export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-1.5 font-semibold ${className}`}>
      <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5 fill-orange-500">
        <path d="M12 2c1 3.5-1.5 5.5-3 7.5C7.4 11.6 6 13.4 6 16a6 6 0 0 0 12 0c0-2.8-1.4-4.9-3-6.5.2 1.6-.3 3-1.5 3.8C14 10 13.6 5.6 12 2Z" />
      </svg>
      Burnrate
    </span>
  );
}
