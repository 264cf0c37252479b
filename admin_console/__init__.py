"""The officer and supervisor console: calling numbers at a counter, the live queue, and the
supervisor's dashboard, devices and day tools."""
