"""Accounts: sign-up, login and sessions, passwords, the second factor, recovery links and single sign-on."""
