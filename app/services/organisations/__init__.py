"""The organisation's members, roles and invitation links, and its housekeeping."""
