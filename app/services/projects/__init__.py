"""Projects (trajecten): their details, their participatieplan and -verslag, the check against the ordinance, and
publishing. Services add and flush; the caller commits once (app/services/core/transaction.py)."""
