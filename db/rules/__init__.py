"""Rules of the office as plain functions, shared by operations and readers: the business
day (opening hours, closed days) and the call policy."""
