"""Sessies: the model of a checked session, the run-sheet rules, and the draaiboek made from it."""
