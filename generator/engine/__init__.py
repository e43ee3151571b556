"""The clause engine: outline + clause templates + the language module -> the Document."""
