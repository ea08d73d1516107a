"""A plan's history: comparing versions per question and article by article."""
