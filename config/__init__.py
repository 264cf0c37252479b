"""Settings: the validated schema, loading from TOML and environment, embedded defaults."""

from config.loader import ConfigError, data_dir, load_settings, settings_from_mapping
from config.settings import WEEKDAYS, Channel, Settings, Text

__all__ = [
    "WEEKDAYS",
    "Channel",
    "ConfigError",
    "Settings",
    "Text",
    "data_dir",
    "load_settings",
    "settings_from_mapping",
]
