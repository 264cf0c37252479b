"""What screens and reports read: read-only queries over the queue, never a write.

The calling display's feed, the console's figures, booking look-ups, the estimated wait,
and the day / month / feedback reports."""
