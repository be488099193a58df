import { Badge } from '@/components/Badge';
import { useAppInfo } from '../api/use-app-info';

/** Warns that the numbers on screen are generated, not a real LiveKit deployment's. */
export function DemoBadge() {
  const { data } = useAppInfo();
  if (!data?.demo) return null;
  return (
    <span data-testid="demo-badge">
      <Badge tone="demo" title={`Demo mode: the server generates this data${data.version ? ` (v${data.version})` : ''}`}>
        Demo data
      </Badge>
    </span>
  );
}
