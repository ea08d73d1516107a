"""What every area shares: access, the audit trail, the unit of work, mail, one-time links, paging, and Dutch dates, months and numbers."""
