"""The leeratelier: ateliers, rounds, groups, joining by link (ateliers.py) and sharing with consent (sharing.py)."""
