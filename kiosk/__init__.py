"""The touch kiosk: screens, scanner input, the printing worker and assisted mode."""
