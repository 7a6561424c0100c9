"""Stage 2 (check): schema, text, identity, references, sessions and kaartsets; `python -m kb.check`."""
