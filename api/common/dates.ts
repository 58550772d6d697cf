// Conversions between Prisma's DATE columns (JS Date at UTC midnight) and ISO
// calendar dates `YYYY-MM-DD`.
export function toDbDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export function fromDbDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function fromDbDateOrNull(d: Date | null | undefined): string | null {
  return d ? fromDbDate(d) : null;
}
