import type { Location } from '../../../../domain/catalog/location.ts'
import { defineKindStore } from '../../app/kind-store.ts'

/** TT-4 locations (rooms) of the current school, live from the local replica. */
export const useLocationStore = defineKindStore<Location>('locations', 'location')
