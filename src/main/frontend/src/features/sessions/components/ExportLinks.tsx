import type { ExportFormat } from '@/lib/query-keys';

const FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'Download CSV' },
  { format: 'json', label: 'Download JSON' },
];

/** Plain links: the browser streams the file to disk, nothing is held in the page. */
export function ExportLinks({ href, what }: { href: (format: ExportFormat) => string; what: string }) {
  return (
    <div className="export-links" role="group" aria-label={`Export ${what}`}>
      {FORMATS.map(({ format, label }) => (
        <a key={format} className="button button--small" href={href(format)} download>
          {label}
        </a>
      ))}
    </div>
  );
}
