"""Kennisbank 'Samen Lerend Doen Wat Werkt': load → check → render → print."""
