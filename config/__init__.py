"""Settings: the validated schema, loading from TOML and environment, embedded defaults."""

from config.loader import (
    ConfigError,
    add_config_option,
    check_writable_folder,
    data_dir,
    load_settings,
    settings_from_mapping,
)
from config.settings import WEEKDAYS, Channel, Settings, Text

__all__ = [
    "WEEKDAYS",
    "Channel",
    "ConfigError",
    "Settings",
    "Text",
    "add_config_option",
    "check_writable_folder",
    "data_dir",
    "load_settings",
    "settings_from_mapping",
]
