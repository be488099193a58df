import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';

export function useRooms() {
  return useQuery(queryKeys.rooms.list());
}

export function useRoom(name: string) {
  return useQuery(queryKeys.rooms.detail(name));
}
