"""The kiosk's screens, one ``Screen`` each, shown one at a time by the window."""
