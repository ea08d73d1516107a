"""The participation plan: creating plans and saving steps (plans), merging two saves, comments, activity, the JSON exchange format and the law's deadline."""
