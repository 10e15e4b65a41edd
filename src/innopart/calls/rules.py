import rules

from innopart.accounts.rules import is_programme_manager

rules.add_perm("calls.manage_call", is_programme_manager)
