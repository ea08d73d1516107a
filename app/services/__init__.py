"""Domain logic with no Flask in it."""
