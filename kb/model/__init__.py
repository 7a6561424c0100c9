"""The content model and shared vocabulary: types, items, the collection, documents and problems."""
