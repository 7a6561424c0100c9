"""Print stage: PDFs built from the same content as the site.

- ``pdf``: the one shared HTML -> PDF entry point (WeasyPrint + the shipped fonts).
- ``cards``: card faces from items (which cards form a set: kb/model/kaartsets.py);
  ``layout``: the print profiles (drukker, thuis); ``build``: all sets for the site.
"""
