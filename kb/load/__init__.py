"""Stage 1 (load): YAML and Markdown files into data with the position of every value."""
