"""Stage 3 (render): the site's pages, navigation, glossary links, search terms, feed and offline copy."""
