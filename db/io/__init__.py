"""Outside formats: the central booking system's export, signed booking QR tokens, and
database backups."""
