"""The surveys of a project (the participatiemonitor)."""
