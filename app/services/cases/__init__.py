"""The casusbibliotheek: finished projects published as cases."""
