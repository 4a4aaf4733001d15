"""The project around a file: modules it imports, read on demand to follow clients and factories."""
