"""Qt pieces the kiosk, console and display share: theme, translations, change watcher."""
