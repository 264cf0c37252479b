"""``loket-db``: the administrator's command line (``main``), with the booking-key and
report sub-commands in their own modules."""
