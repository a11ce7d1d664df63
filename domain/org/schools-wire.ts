/** `GET /api/schools`: the other schools of the server, for sharing a course with them (CRS-4). */
export interface SchoolSummary {
  id: string
  name: string
}

export interface SchoolList {
  schools: SchoolSummary[]
}
