"""What every area shares: access, the audit trail, the unit of work, mail, one-time links, paging, Dutch dates, months and numbers, and the translator (text.py)."""
